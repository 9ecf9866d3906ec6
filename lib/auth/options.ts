import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { checkSignIn, recordSignIn } from "@/lib/auth/sign-in";
import { newSessionId, revokeSession, SESSION_MAX_AGE_SECONDS } from "@/lib/auth/session-revocation";
import { clientAddress } from "@/lib/http/client-address";
import { env } from "@/lib/env";
import { checkSecondFactor, SecondFactorRefused } from "@/lib/auth/totp";
import { safeRedirect } from "@/lib/auth/redirect";

export function authOptions(): NextAuthOptions {
  const e = env();
  return {
    secret: e.ZHIJI_SESSION_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Zhiji",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
          // The second factor (a TOTP or recovery code) of a user who has one; the sign-in page asks for it as a second step.
          code: { label: "Code", type: "text" },
        },
        async authorize(credentials, req) {
          const address = clientAddress(req?.headers as Record<string, unknown> | undefined);
          const user = await checkSignIn(String(credentials?.email ?? ""), String(credentials?.password ?? ""), address);
          if (user.totpEnabledAt) {
            try {
              await checkSecondFactor(user.id, credentials?.code === undefined ? undefined : String(credentials.code));
            } catch (e) {
              // The page translates the code: TOTP_REQUIRED (ask for it), TOTP_INVALID, TOTP_THROTTLED:<seconds>.
              if (e instanceof SecondFactorRefused) throw new Error(e.retryAfterSeconds ? `${e.reason}:${e.retryAfterSeconds}` : e.reason);
              throw e;
            }
          }
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
          // When the password (and second factor) were last entered: decisive acts ask again after a while (lib/auth/reauth.ts).
          token.authAt = Date.now();
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, uid: token.uid, sv: token.sv, sid: token.sid, sst: token.sst, authAt: token.authAt } as typeof session;
      },
      // Only the portal's own origin, whatever callbackUrl says (lib/auth/redirect.ts).
      async redirect({ url }) {
        return safeRedirect(url, env().ZHIJI_PUBLIC_URL, "/", { absolute: true });
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
