// A local OpenID Connect provider for e2e/oidc.spec.ts (the `oidc-provider` package, ESM, so it
// runs as its own process): its development login page takes any login and password, and the login
// is the account's email. A login starting with "unverified-" has email_verified false.
// Usage: OIDC_PORT=3815 PORTAL_URL=http://localhost:3615 node e2e/oidc-provider.mjs
import crypto from "node:crypto";
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_PORT ?? 3415);
const portal = (process.env.PORTAL_URL ?? "http://localhost:3215").replace(/\/$/, "");
const issuer = `http://localhost:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.OIDC_CLIENT_ID ?? "zhiji-e2e",
      client_secret: process.env.OIDC_CLIENT_SECRET ?? "zhiji-e2e-client-secret",
      redirect_uris: [`${portal}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  async findAccount(_ctx, id) {
    const email = String(id).trim().toLowerCase();
    return {
      accountId: id,
      async claims() {
        return {
          // A stable subject per login, unlike the email (as at a real provider).
          sub: `e2e-${crypto.createHash("sha256").update(email).digest("hex").slice(0, 16)}`,
          email,
          email_verified: !email.startsWith("unverified-"),
          name: email.split("@")[0],
        };
      },
    };
  },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  // The portal reads the ID token only: put the scope's claims in it.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  cookies: { keys: [crypto.randomBytes(32).toString("hex")] },
});
provider.on("server_error", (_ctx, err) => console.error("oidc-provider server_error", err));
provider.listen(port, () => console.log(`oidc-provider listening on ${issuer}`));
