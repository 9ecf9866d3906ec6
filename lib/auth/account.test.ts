// Set-password links, own password change and personal API tokens.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { db } from "@/lib/db";
import { verifyAuditChain } from "@/lib/audit/chain";
import type { SessionUser } from "@/lib/permissions";
import { uniqueSuffix } from "@/prisma/seed/factories";
import { makeOrg, makeSessionUser } from "@/test/users";
import { createUser } from "@/lib/admin/create-user";
import { disableUser } from "@/lib/admin/disable-user";
import { issueSetPasswordLink } from "@/lib/admin/issue-set-password-link";
import { checkSignIn } from "./sign-in";
import { reauthKey } from "./throttle";
import { getBearerUser, hashToken } from "./session";
import { inspectSetPasswordLink, setPasswordWithLink, SET_PASSWORD_TTL_MS } from "./set-password";
import { changePassword } from "./change-password";
import { createApiToken, listApiTokens, revokeApiToken } from "./api-tokens";
import { refusal } from "@/test/refusal";

let t: TestDatabase;
let admin: SessionUser;
beforeAll(async () => {
  t = await useFreshDatabase();
  admin = await makeSessionUser("admin");
});
afterAll(async () => t.drop());

async function newUserWithLink() {
  const org = await makeOrg("vendor");
  const r = await createUser(admin, { email: `p-${uniqueSuffix()}@test.zhiji`, name: "P", role: "vendor", organizationId: org.id });
  return { ...r, token: r.setPasswordUrl!.split("/set-password/")[1] };
}

describe("set-password links", () => {
  it("lets the person choose a password once, then sign in with it; the link then says it was used", async () => {
    const { user, token } = await newUserWithLink();
    expect(await inspectSetPasswordLink(token)).toMatchObject({ status: "valid", email: user.email });
    const sv = (await db().user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion;

    await expect(setPasswordWithLink(token, { password: "a-good-long-password", confirm: "a-good-long-password" })).resolves.toMatchObject({ email: user.email });
    await expect(checkSignIn(user.email, "a-good-long-password", "10.9.0.1")).resolves.toMatchObject({ id: user.id });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(sv + 1);

    expect(await inspectSetPasswordLink(token)).toEqual({ status: "used" });
    const again = await refusal(setPasswordWithLink(token, { password: "another-long-password", confirm: "another-long-password" }));
    expect(again.code).toBe("CONFLICT");
    expect(again.details).toEqual({ _: "link_used" });
    await expect(checkSignIn(user.email, "a-good-long-password", "10.9.0.2")).resolves.toMatchObject({ id: user.id });

    const ev = await db().auditEvent.findFirst({ where: { type: "USER_PASSWORD_SET", actorId: user.id } });
    expect(ev!.payload).not.toContain("a-good-long-password");
  });

  it("refuses a short password and a confirmation that differs, leaving the link usable", async () => {
    const { token } = await newUserWithLink();
    const e = await refusal(setPasswordWithLink(token, { password: "short", confirm: "shorter" }));
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.details).toEqual({ password: "passwordTooShort", confirm: "passwordMismatch" });
    expect((await refusal(setPasswordWithLink(token, { password: "long-enough-1", confirm: "long-enough-2" }))).details).toEqual({ confirm: "passwordMismatch" });
    expect((await inspectSetPasswordLink(token)).status).toBe("valid");
  });

  it("expires after 72 hours", async () => {
    const { token } = await newUserWithLink();
    const later = new Date(Date.now() + SET_PASSWORD_TTL_MS + 60_000);
    expect(await inspectSetPasswordLink(token, later)).toEqual({ status: "expired" });
    const e = await refusal(setPasswordWithLink(token, { password: "a-good-long-password", confirm: "a-good-long-password" }, later));
    expect(e.details).toEqual({ _: "link_expired" });
    expect((await inspectSetPasswordLink(token, new Date(Date.now() + SET_PASSWORD_TTL_MS - 60_000))).status).toBe("valid");
  });

  it("an unknown, malformed or replaced link is invalid; a disabled user's link does not work", async () => {
    expect(await inspectSetPasswordLink("x".repeat(43))).toEqual({ status: "invalid" });
    expect(await inspectSetPasswordLink("../../etc")).toEqual({ status: "invalid" });
    const first = await newUserWithLink();
    await issueSetPasswordLink(admin, { userId: first.user.id });
    expect(await inspectSetPasswordLink(first.token)).toEqual({ status: "invalid" });

    const other = await newUserWithLink();
    await disableUser(admin, { userId: other.user.id });
    expect(await inspectSetPasswordLink(other.token)).toEqual({ status: "invalid" });
  });
});

describe("changing one's own password", () => {
  it("needs the current password, sets the new one and ends every session (sessionVersion bumped)", async () => {
    const me = await makeSessionUser("lab", { password: "the-old-password" });
    const sv = (await db().user.findUniqueOrThrow({ where: { id: me.id } })).sessionVersion;
    await changePassword(me, { currentPassword: "the-old-password", password: "the-new-password", confirm: "the-new-password" });
    const row = await db().user.findUniqueOrThrow({ where: { id: me.id } });
    expect(row.sessionVersion).toBe(sv + 1);
    await expect(checkSignIn(me.email, "the-new-password", "10.8.0.1")).resolves.toMatchObject({ id: me.id });
    const ev = await db().auditEvent.findFirst({ where: { type: "USER_PASSWORD_CHANGED", actorId: me.id } });
    expect(ev!.payload).not.toMatch(/password"/);
    expect(ev!.payload).not.toContain("the-new-password");
  });

  it("gives field errors: wrong current password (counted like a failed sign-in), too short, not confirmed", async () => {
    const me = await makeSessionUser("expert", { password: "the-old-password" });
    const wrong = await refusal(changePassword(me, { currentPassword: "not-it", password: "the-new-password", confirm: "the-new-password" }));
    expect(wrong.details).toEqual({ currentPassword: "passwordWrong" });
    expect((await db().throttleCounter.findUniqueOrThrow({ where: { key: reauthKey(me.id) } })).failures).toBe(1);
    expect((await refusal(changePassword(me, { currentPassword: "the-old-password", password: "short", confirm: "short" }))).details).toEqual({ password: "passwordTooShort" });
    expect((await refusal(changePassword(me, { currentPassword: "the-old-password", password: "the-new-password", confirm: "the-new-passw0rd" }))).details).toEqual({ confirm: "passwordMismatch" });
    // Nothing changed.
    await expect(checkSignIn(me.email, "the-old-password", "10.8.0.2")).resolves.toMatchObject({ id: me.id });
  });
});

describe("personal API tokens", () => {
  const PW = "my-own-password";
  it("a created token is shown once, stored as a hash, resolves via Bearer, and stops resolving once revoked", async () => {
    const me = await makeSessionUser("lab", { password: PW });
    const created = await createApiToken(me, { name: "CI uploader", password: PW });
    expect(created.token).toMatch(/^zj_[A-Za-z0-9_-]{43,}$/);
    expect(Buffer.from(created.token.slice(3), "base64url").length).toBeGreaterThanOrEqual(32);
    const row = await db().apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(hashToken(created.token));
    expect(row.prefix).toBe(created.token.slice(0, 8));
    expect(JSON.stringify(row)).not.toContain(created.token);

    const listed = await listApiTokens(me);
    expect(listed).toEqual([expect.objectContaining({ id: created.id, name: "CI uploader", prefix: row.prefix })]);
    expect(JSON.stringify(listed)).not.toContain(created.token);

    await expect(getBearerUser(`Bearer ${created.token}`)).resolves.toMatchObject({ id: me.id, role: "lab" });
    const ev = await db().auditEvent.findFirst({ where: { type: "API_TOKEN_CREATED", actorId: me.id } });
    expect(ev!.payload).not.toContain(created.token);
    expect(ev!.payload).not.toContain(row.tokenHash);

    await revokeApiToken(me, { tokenId: created.id });
    await expect(getBearerUser(`Bearer ${created.token}`)).resolves.toBeNull();
    expect(await listApiTokens(me)).toEqual([]);
    expect((await refusal(revokeApiToken(me, { tokenId: created.id }))).code).toBe("NOT_FOUND");
  });

  it("a name is required; one cannot revoke or see another person's token", async () => {
    const me = await makeSessionUser("vendor", { password: PW });
    const other = await makeSessionUser("vendor", { password: PW });
    expect((await refusal(createApiToken(me, { name: "  ", password: PW }))).details).toEqual({ name: "required" });
    const theirs = await createApiToken(other, { name: "theirs", password: PW });
    expect((await refusal(revokeApiToken(me, { tokenId: theirs.id }))).code).toBe("NOT_FOUND");
    expect(await listApiTokens(me)).toEqual([]);
    await expect(getBearerUser(`Bearer ${theirs.token}`)).resolves.toMatchObject({ id: other.id });
  });

  it("a disabled user's token stops resolving", async () => {
    const me = await makeSessionUser("lab", { password: PW });
    const { token } = await createApiToken(me, { name: "t", password: PW });
    await disableUser(admin, { userId: me.id });
    await expect(getBearerUser(`Bearer ${token}`)).resolves.toBeNull();
  });

  it("the audit chain stays intact", async () => {
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });
});
