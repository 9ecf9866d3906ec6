// Institutional sign-in (docs/deploy.md#institutional-sign-in-oidc): the OpenID Connect provider of
// the installation, read from the environment. All of it or none of it: a half-configured provider
// stops the start with one line naming the missing variable (lib/env.ts calls this).
import "server-only";
import fs from "node:fs";

export type OidcConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The provider's name on the sign-in page, per language (null: the page's generic wording). */
  name: { en: string | null; zh: string | null };
};

export class OidcConfigError extends Error {}

const VARS = ["ZHIJI_OIDC_ISSUER", "ZHIJI_OIDC_CLIENT_ID", "ZHIJI_OIDC_CLIENT_SECRET", "ZHIJI_OIDC_CLIENT_SECRET_FILE"] as const;

function clean(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}

/**
 * The OIDC settings, or null when none is set (the sign-in page then shows the password form only).
 * `strict`: a production portal that is not the demo, where the issuer must be https.
 */
export function parseOidcConfig(source: Record<string, string | undefined>, strict: boolean): OidcConfig | null {
  const get = (k: string) => clean(source[k]);
  if (!VARS.some((k) => get(k))) return null;
  const refuse = (line: string): never => {
    throw new OidcConfigError(`Configuration error: ${line}`);
  };
  const issuerRaw = get("ZHIJI_OIDC_ISSUER") ?? refuse("ZHIJI_OIDC_ISSUER is required when institutional sign-in is configured (the provider's issuer URL)");
  let issuer: URL;
  try {
    issuer = new URL(issuerRaw);
  } catch {
    return refuse("ZHIJI_OIDC_ISSUER must be an absolute URL such as https://id.example.edu.cn/realms/staff");
  }
  if (issuer.protocol !== "https:" && issuer.protocol !== "http:") refuse("ZHIJI_OIDC_ISSUER must be an https:// URL");
  if (strict && issuer.protocol !== "https:") refuse("ZHIJI_OIDC_ISSUER must be an https:// URL in production");
  if (issuer.search || issuer.hash) refuse("ZHIJI_OIDC_ISSUER must not carry a query or fragment");
  const clientId = get("ZHIJI_OIDC_CLIENT_ID") ?? refuse("ZHIJI_OIDC_CLIENT_ID is required when ZHIJI_OIDC_ISSUER is set");
  const secretInline = get("ZHIJI_OIDC_CLIENT_SECRET");
  const secretFile = get("ZHIJI_OIDC_CLIENT_SECRET_FILE");
  if (secretInline && secretFile) refuse("set ZHIJI_OIDC_CLIENT_SECRET or ZHIJI_OIDC_CLIENT_SECRET_FILE, not both");
  let clientSecret = secretInline;
  if (secretFile) {
    try {
      clientSecret = fs.readFileSync(secretFile, "utf8").trim();
    } catch {
      refuse(`ZHIJI_OIDC_CLIENT_SECRET_FILE cannot be read: ${secretFile}`);
    }
    if (!clientSecret) refuse(`ZHIJI_OIDC_CLIENT_SECRET_FILE is empty: ${secretFile}`);
  }
  if (!clientSecret) refuse("ZHIJI_OIDC_CLIENT_SECRET (or ZHIJI_OIDC_CLIENT_SECRET_FILE) is required when ZHIJI_OIDC_ISSUER is set");
  const name = (k: string) => {
    const v = get(k);
    if (v && v.length > 80) refuse(`${k} must be at most 80 characters`);
    return v ?? null;
  };
  return {
    // The issuer exactly as the provider names itself (its discovery document must say the same), without a trailing slash.
    issuer: issuerRaw.replace(/\/+$/, ""),
    clientId,
    clientSecret: clientSecret!,
    name: { en: name("ZHIJI_OIDC_NAME_EN"), zh: name("ZHIJI_OIDC_NAME_ZH") },
  };
}
