import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { db } from "@/lib/db";
import { ensureOrganization, ensureUser, uniqueSuffix } from "@/prisma/seed/factories";
import { authTimeOf, linkOidcSignIn, oidcSubjectOf } from "./oidc";
import { parseOidcConfig } from "./oidc-config";
import { parseEnv } from "@/lib/env";

let t: TestDatabase;
beforeAll(async () => {
  t = await useFreshDatabase();
});
afterAll(async () => t.drop());

const ISS = "https://id.example.edu.cn";

async function makeUser(extra: { disabled?: boolean; isDemo?: boolean } = {}) {
  const org = await ensureOrganization(db(), { name: `Org ${uniqueSuffix()}`, kind: "lab" });
  const u = await ensureUser(db(), { email: `p-${uniqueSuffix()}@lab.example.cn`, name: "P", role: "lab", organizationId: org.id, isDemo: extra.isDemo });
  if (extra.disabled) await db().user.update({ where: { id: u.id }, data: { disabled: true } });
  return u;
}

async function lastFailure() {
  const e = await db().auditEvent.findFirst({ where: { type: "SIGN_IN_FAILED" }, orderBy: { seq: "desc" } });
  return JSON.parse(String(e?.payload ?? "{}")) as Record<string, unknown>;
}

describe("linking an institutional account", () => {
  it("links a verified email to the portal user the admin created, stores the subject, and matches by it afterwards", async () => {
    const u = await makeUser();
    const sub = `s-${uniqueSuffix()}`;
    const first = await linkOidcSignIn({ iss: ISS, sub, email: u.email.toUpperCase(), email_verified: true }, "10.0.0.1");
    expect(first).toMatchObject({ ok: true, linked: true, user: { id: u.id, sessionVersion: u.sessionVersion } });
    expect((await db().user.findUniqueOrThrow({ where: { id: u.id } })).oidcSubject).toBe(oidcSubjectOf(ISS, sub));
    // Later: the subject decides, even when the provider's email changed or is no longer marked verified.
    const later = await linkOidcSignIn({ iss: ISS, sub, email: "renamed@elsewhere.cn", email_verified: false }, "10.0.0.1");
    expect(later).toMatchObject({ ok: true, linked: false, user: { id: u.id } });
  });

  it("refuses an unverified email (missing, false or the string \"true\") without linking", async () => {
    const u = await makeUser();
    for (const email_verified of [undefined, false, "true"]) {
      const r = await linkOidcSignIn({ iss: ISS, sub: `s-${uniqueSuffix()}`, email: u.email, email_verified }, "10.0.0.2");
      expect(r).toEqual({ ok: false, reason: "OIDC_EMAIL_UNVERIFIED", userId: null });
    }
    expect((await db().user.findUniqueOrThrow({ where: { id: u.id } })).oidcSubject).toBeNull();
    expect(await lastFailure()).toMatchObject({ reason: "OIDC_EMAIL_UNVERIFIED", via: "oidc", address: "10.0.0.2" });
  });

  it("refuses an email no portal user has: nobody registers through the provider", async () => {
    const email = `nobody-${uniqueSuffix()}@lab.example.cn`;
    const r = await linkOidcSignIn({ iss: ISS, sub: `s-${uniqueSuffix()}`, email, email_verified: true }, "10.0.0.3");
    expect(r).toEqual({ ok: false, reason: "OIDC_UNKNOWN_EMAIL", userId: null });
    expect(await db().user.findUnique({ where: { email } })).toBeNull();
    expect(await lastFailure()).toMatchObject({ reason: "OIDC_UNKNOWN_EMAIL", email });
  });

  it("refuses another subject with the same email once the account is linked (another issuer counts as another subject)", async () => {
    const u = await makeUser();
    const sub = `s-${uniqueSuffix()}`;
    expect((await linkOidcSignIn({ iss: ISS, sub, email: u.email, email_verified: true }, "10.0.0.4")).ok).toBe(true);
    const other = await linkOidcSignIn({ iss: ISS, sub: `${sub}-new`, email: u.email, email_verified: true }, "10.0.0.4");
    expect(other).toEqual({ ok: false, reason: "OIDC_SUBJECT_MISMATCH", userId: u.id });
    const otherIssuer = await linkOidcSignIn({ iss: "https://evil.example.com", sub, email: u.email, email_verified: true }, "10.0.0.4");
    expect(otherIssuer).toMatchObject({ ok: false, reason: "OIDC_SUBJECT_MISMATCH" });
    expect((await db().user.findUniqueOrThrow({ where: { id: u.id } })).oidcSubject).toBe(oidcSubjectOf(ISS, sub));
  });

  it("refuses a disabled user, before and after linking, and does not link them", async () => {
    const u = await makeUser({ disabled: true });
    const sub = `s-${uniqueSuffix()}`;
    expect(await linkOidcSignIn({ iss: ISS, sub, email: u.email, email_verified: true }, "10.0.0.5")).toEqual({ ok: false, reason: "ACCOUNT_DISABLED", userId: u.id });
    expect((await db().user.findUniqueOrThrow({ where: { id: u.id } })).oidcSubject).toBeNull();
    const linked = await makeUser();
    await linkOidcSignIn({ iss: ISS, sub, email: linked.email, email_verified: true }, "10.0.0.5");
    await db().user.update({ where: { id: linked.id }, data: { disabled: true } });
    expect(await linkOidcSignIn({ iss: ISS, sub }, "10.0.0.5")).toMatchObject({ ok: false, reason: "ACCOUNT_DISABLED" });
  });

  it("refuses claims without issuer or subject", async () => {
    const u = await makeUser();
    expect(await linkOidcSignIn({ sub: "x", email: u.email, email_verified: true }, "10.0.0.6")).toMatchObject({ ok: false, reason: "OIDC_CLAIMS_INVALID" });
    expect(await linkOidcSignIn({ iss: ISS, email: u.email, email_verified: true }, "10.0.0.6")).toMatchObject({ ok: false, reason: "OIDC_CLAIMS_INVALID" });
  });

  it("takes the provider's auth_time as the time of the sign-in (never in the future), else now", () => {
    expect(authTimeOf({ auth_time: 1_700_000_000 }, 1_800_000_000_000)).toBe(1_700_000_000_000);
    expect(authTimeOf({ auth_time: 1_900_000_000 }, 1_800_000_000_000)).toBe(1_800_000_000_000);
    expect(authTimeOf({ auth_time: "1700000000" }, 1_800_000_000_000)).toBe(1_800_000_000_000);
    expect(authTimeOf({}, 42)).toBe(42);
  });
});

describe("institutional sign-in configuration", () => {
  const full = { ZHIJI_OIDC_ISSUER: "https://id.example.edu.cn/", ZHIJI_OIDC_CLIENT_ID: "zhiji", ZHIJI_OIDC_CLIENT_SECRET: "s3cret" };

  it("is off when nothing is set, and complete when issuer, client id and secret are", () => {
    expect(parseOidcConfig({}, true)).toBeNull();
    expect(parseOidcConfig({ ...full, ZHIJI_OIDC_NAME_ZH: "统一身份认证" }, true)).toEqual({
      issuer: "https://id.example.edu.cn", clientId: "zhiji", clientSecret: "s3cret", name: { en: null, zh: "统一身份认证" },
    });
  });

  it("names what is missing or wrong in one line", () => {
    expect(() => parseOidcConfig({ ZHIJI_OIDC_CLIENT_ID: "zhiji" }, false)).toThrow(/^Configuration error: ZHIJI_OIDC_ISSUER is required/);
    expect(() => parseOidcConfig({ ...full, ZHIJI_OIDC_CLIENT_ID: "" }, false)).toThrow(/ZHIJI_OIDC_CLIENT_ID is required/);
    expect(() => parseOidcConfig({ ...full, ZHIJI_OIDC_CLIENT_SECRET: undefined }, false)).toThrow(/ZHIJI_OIDC_CLIENT_SECRET \(or ZHIJI_OIDC_CLIENT_SECRET_FILE\) is required/);
    expect(() => parseOidcConfig({ ...full, ZHIJI_OIDC_ISSUER: "id.example.edu.cn" }, false)).toThrow(/must be an absolute URL/);
    expect(() => parseOidcConfig({ ...full, ZHIJI_OIDC_ISSUER: "http://id.example.edu.cn" }, true)).toThrow(/https:\/\/ URL in production/);
    expect(parseOidcConfig({ ...full, ZHIJI_OIDC_ISSUER: "http://localhost:9000" }, false)?.issuer).toBe("http://localhost:9000");
    expect(() => parseOidcConfig({ ...full, ZHIJI_OIDC_CLIENT_SECRET_FILE: "/x" }, false)).toThrow(/not both/);
  });

  it("reads the secret from a file, and stops the start through parseEnv when the file is missing", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zhiji-oidc-"));
    const file = path.join(dir, "secret");
    fs.writeFileSync(file, "from-file\n");
    const { ZHIJI_OIDC_CLIENT_SECRET: _omit, ...noSecret } = full;
    void _omit;
    expect(parseOidcConfig({ ...noSecret, ZHIJI_OIDC_CLIENT_SECRET_FILE: file }, true)?.clientSecret).toBe("from-file");
    expect(() => parseEnv({ ZHIJI_DATA_DIR: dir, ...noSecret, ZHIJI_OIDC_CLIENT_SECRET_FILE: path.join(dir, "absent") })).toThrow(
      /^Configuration error: ZHIJI_OIDC_CLIENT_SECRET_FILE cannot be read/,
    );
    expect(parseEnv({ ZHIJI_DATA_DIR: dir }).oidc).toBeNull();
  });
});
