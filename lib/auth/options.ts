import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { checkSignIn, recordSignIn } from "@/lib/auth/sign-in";
import { newSessionId, revokeSession, SESSION_MAX_AGE_SECONDS } from "@/lib/auth/session-revocation";
import { clientAddress } from "@/lib/http/client-address";
import { env } from "@/lib/env";
import { checkSecondFactor, SecondFactorRefused } from "@/lib/auth/totp";
import { safeRedirect } from "@/lib/auth/redirect";
import { authTimeOf, linkOidcSignIn, OIDC_PROVIDER_ID, oidcProvider, type OidcClaims } from "@/lib/auth/oidc";

/** What the portal adds to next-auth's user while signing in (read back in the jwt callback and the signIn event). */
type SigningInUser = { id: string; email?: string | null; name?: string | null; sessionVersion?: number; address?: string; authAt?: number; idp?: "oidc"; oidcSubject?: string; linked?: boolean };

/**
 * next-auth's options, built per request. `request` (the route handler's) gives the client address
 * to sign-ins through the institution's provider, whose callbacks see no request of their own.
 */
export function authOptions(request?: Request): NextAuthOptions {
  const e = env();
  return {
    secret: e.ZHIJI_SESSION_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    // Errors of the provider's round trip (a refused link, a failed state check) come back to the sign-in page as ?error=<code>.
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      // Institutional sign-in, only when configured (lib/auth/oidc-config.ts; docs/deploy.md#institutional-sign-in-oidc).
      ...(e.oidc ? [oidcProvider(e.oidc)] : []),
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
      // Credentials were checked in authorize; a sign-in through the provider is linked to its portal user here (lib/auth/oidc.ts).
      async signIn({ user, account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        const claims = (profile ?? {}) as OidcClaims;
        const address = clientAddress(request?.headers);
        const r = await linkOidcSignIn(claims, address);
        if (!r.ok) return `${env().ZHIJI_PUBLIC_URL}/signin?error=${r.reason}`;
        // From here next-auth's user is the portal user: the session is made exactly as for a password sign-in.
        Object.assign(user as SigningInUser, {
          id: r.user.id,
          email: r.user.email,
          name: r.user.name,
          sessionVersion: r.user.sessionVersion,
          address,
          authAt: authTimeOf(claims),
          idp: "oidc",
          oidcSubject: `${claims.iss} ${claims.sub}`,
          linked: r.linked,
        } satisfies SigningInUser);
        return true;
      },
      async jwt({ token, user }) {
        if (user) {
          const u = user as SigningInUser;
          token.uid = user.id;
          token.sv = u.sessionVersion ?? 0;
          // Our own session id, kept across re-encodings: sign-out revokes it (lib/auth/session-revocation.ts).
          token.sid = newSessionId();
          token.sst = Math.floor(Date.now() / 1000);
          // When the password (and second factor) were last entered — or, through the provider, its
          // auth_time: decisive acts ask again after a while (lib/auth/reauth.ts).
          token.authAt = u.authAt ?? Date.now();
          // How the person signed in: a session from the provider re-authenticates through the provider.
          if (u.idp) token.idp = u.idp;
          else delete token.idp;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, uid: token.uid, sv: token.sv, sid: token.sid, sst: token.sst, authAt: token.authAt, idp: token.idp ?? null } as typeof session;
      },
      // Only the portal's own origin, whatever callbackUrl says (lib/auth/redirect.ts).
      async redirect({ url }) {
        return safeRedirect(url, env().ZHIJI_PUBLIC_URL, "/", { absolute: true });
      },
    },
    events: {
      async signIn({ user }) {
        const u = user as SigningInUser;
        await recordSignIn(u.id, u.address ?? "unknown", u.idp ? { via: u.idp, subject: u.oidcSubject, linked: u.linked } : {});
      },
      async signOut({ token }) {
        await revokeSession(token);
      },
    },
  };
}
