// Where the second factor is required (production: ministry, secretariat, admin), an account
// without one can do nothing but enrol: every permission check refuses it, by session or by token.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { resetEnvCache } from "@/lib/env";
import { makeSessionUser } from "@/test/users";
import { assertCan, can } from "@/lib/permissions";
import { hashToken, resolveBearer } from "./session";

let t: TestDatabase;
beforeAll(async () => {
  t = await useFreshDatabase();
});
afterAll(async () => t.drop());

const saved = process.env.ZHIJI_REQUIRE_2FA;
afterEach(() => {
  if (saved === undefined) delete process.env.ZHIJI_REQUIRE_2FA;
  else process.env.ZHIJI_REQUIRE_2FA = saved;
  resetEnvCache();
});

async function tokenFor(userId: string) {
  const token = `zj_${crypto.randomBytes(24).toString("base64url")}`;
  await db().apiToken.create({
    data: { userId, name: "t", prefix: token.slice(0, 8), tokenHash: hashToken(token), scopes: "read", expiresAt: new Date(Date.now() + 86_400_000) },
  });
  return `Bearer ${token}`;
}

describe("accounts that must enrol a second factor", () => {
  it("are refused everything, with TOTP_ENROLMENT_REQUIRED, until they enrol", async () => {
    process.env.ZHIJI_REQUIRE_2FA = "1";
    resetEnvCache();
    const ministry = await makeSessionUser("ministry");
    const vendor = await makeSessionUser("vendor");
    const bearer = await tokenFor(ministry.id);

    const r = await resolveBearer(bearer);
    expect(r.ok).toBe(true);
    const user = r.ok ? r.user : null;
    expect(user).toMatchObject({ id: ministry.id, via: "token", mustEnrol: true });
    expect(can(user, "case:read")).toBe(false);
    expect(can(user, "token:own")).toBe(false);
    let refused: unknown;
    try {
      assertCan(user, "case:read");
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(403);
    expect((refused as AppError).details).toEqual({ reason: "TOTP_ENROLMENT_REQUIRED" });

    // A role that does not need it is not held back.
    const v = await resolveBearer(await tokenFor(vendor.id));
    expect(v.ok && v.user.mustEnrol).toBeFalsy();

    // Enrolled: free again.
    await db().user.update({ where: { id: ministry.id }, data: { totpSecret: "JBSWY3DPEHPK3PXP", totpEnabledAt: new Date() } });
    const after = await resolveBearer(bearer);
    expect(after.ok && after.user.mustEnrol).toBeFalsy();
    expect(after.ok && can(after.user, "case:read")).toBe(true);
  });

  it("in the demo (second factor optional) nobody is held back", async () => {
    process.env.ZHIJI_REQUIRE_2FA = "0";
    resetEnvCache();
    const admin = await makeSessionUser("admin");
    const r = await resolveBearer(await tokenFor(admin.id));
    expect(r.ok && r.user.mustEnrol).toBeFalsy();
  });
});
