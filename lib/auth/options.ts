import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { checkSignIn, recordSignIn } from "@/lib/auth/sign-in";
import { newSessionId, revokeSession, SESSION_MAX_AGE_SECONDS } from "@/lib/auth/session-revocation";
import { clientAddress } from "@/lib/http/client-address";
import { env } from "@/lib/env";

export function authOptions(): NextAuthOptions {
  const e = env();
  return {
    secret: e.ZHIJI_SESSION_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Zhiji",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const address = clientAddress(req?.headers as Record<string, unknown> | undefined);
          const user = await checkSignIn(String(credentials?.email ?? ""), String(credentials?.password ?? ""), address);
          return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion, address };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
          // Our own session id, kept across re-encodings: sign-out revokes it (lib/auth/session-revocation.ts).
          token.sid = newSessionId();
          token.sst = Math.floor(Date.now() / 1000);
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, uid: token.uid, sv: token.sv, sid: token.sid, sst: token.sst } as typeof session;
      },
    },
    events: {
      async signIn({ user }) {
        await recordSignIn(user.id, (user as { address?: string }).address ?? "unknown");
      },
      async signOut({ token }) {
        await revokeSession(token);
      },
    },
  };
}
