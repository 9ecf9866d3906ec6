import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { checkSignIn } from "@/lib/auth/sign-in";
import { env } from "@/lib/env";

function clientAddress(headers: Record<string, unknown> | undefined): string {
  const h = (name: string) => {
    const v = headers?.[name];
    return typeof v === "string" ? v : Array.isArray(v) ? String(v[0]) : undefined;
  };
  return h("x-forwarded-for")?.split(",")[0].trim() || h("x-real-ip") || "unknown";
}

export function authOptions(): NextAuthOptions {
  const e = env();
  return {
    secret: e.ZHIJI_SESSION_SECRET,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Zhiji",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const user = await checkSignIn(
            String(credentials?.email ?? ""),
            String(credentials?.password ?? ""),
            clientAddress(req?.headers as Record<string, unknown> | undefined),
          );
          return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, uid: token.uid, sv: token.sv } as typeof session;
      },
    },
  };
}
