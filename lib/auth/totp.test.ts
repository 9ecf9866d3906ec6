// The second factor: enrolment, codes never accepted twice, recovery codes spent once, guesses
// slowed down, and where it is required.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { resetEnvCache } from "@/lib/env";
import { verifyAuditChain } from "@/lib/audit/chain";
import { makeSessionUser } from "@/test/users";
import type { Role, SessionUser } from "@/lib/permissions";
import {
  checkSecondFactor,
  confirmEnrolment,
  currentCode,
  disableSecondFactor,
  regenerateRecoveryCodes,
  SecondFactorRefused,
  secondFactorRequired,
  secondFactorStatus,
  startEnrolment,
} from "./totp";

let t: TestDatabase;
beforeAll(async () => {
  t = await useFreshDatabase();
});
afterAll(async () => t.drop());

const T0 = new Date("2026-12-01T10:00:00Z");
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

async function refusal(p: Promise<unknown>): Promise<AppError | SecondFactorRefused> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError || e instanceof SecondFactorRefused) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

/** A code that matches no step near `at`. */
async function wrongCode(secret: string, at: Date): Promise<string> {
  const near = await Promise.all([-60, -30, 0, 30, 60].map((d) => currentCode(secret, new Date(at.getTime() + d * 1000))));
  for (let n = 100000; ; n++) if (!near.includes(String(n))) return String(n);
}

async function enrolled(role: Role = "ministry"): Promise<{ user: SessionUser; secret: string; recoveryCodes: string[] }> {
  const user = await makeSessionUser(role);
  const { secret } = await startEnrolment(user);
  const { recoveryCodes } = await confirmEnrolment(user, { code: await currentCode(secret, T0) }, T0);
  return { user, secret, recoveryCodes };
}

describe("enrolment", () => {
  it("shows a QR code and the secret, and turns on only with a matching code", async () => {
    const user = await makeSessionUser("secretariat");
    const start = await startEnrolment(user);
    expect(start.secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(start.uri).toMatch(/^otpauth:\/\/totp\/Zhiji:/);
    expect(start.uri).toContain(`secret=${start.secret}`);
    expect(start.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const pending = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(pending.totpPendingSecret).toBe(start.secret);
    expect(pending.totpSecret).toBeNull();

    const e = await refusal(confirmEnrolment(user, { code: await wrongCode(start.secret, T0) }, T0));
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).details).toEqual({ code: "codeInvalid" });
    expect((await secondFactorStatus(user)).enabled).toBe(false);

    const { recoveryCodes } = await confirmEnrolment(user, { code: await currentCode(start.secret, T0) }, T0);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row).toMatchObject({ totpSecret: start.secret, totpPendingSecret: null, totpEnabledAt: T0 });
    // Only hashes are stored.
    const stored = await db().recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(10);
    for (const c of recoveryCodes) expect(stored.some((s) => s.codeHash.includes(c.replace("-", "")))).toBe(false);
    expect(await secondFactorStatus(user)).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    // Starting again while on is refused.
    expect(((await refusal(startEnrolment(user))) as AppError).details?.reason).toBe("TOTP_ALREADY_ENABLED");
    const audit = await db().auditEvent.findFirstOrThrow({ where: { type: "USER_TOTP_ENABLED", actorId: user.id } });
    expect(JSON.parse(audit.payload)).toEqual({ userId: user.id });
  });

  it("the code that confirmed enrolment cannot sign in again", async () => {
    const { user, secret } = await enrolled();
    const e = await refusal(checkSecondFactor(user.id, await currentCode(secret, T0), T0));
    expect((e as SecondFactorRefused).reason).toBe("TOTP_INVALID");
  });
});

describe("checking the second factor", () => {
  it("a code is accepted once, never twice, and earlier codes are refused after a later one", async () => {
    const { user, secret } = await enrolled();
    const code = await currentCode(secret, later(90));
    await expect(checkSecondFactor(user.id, code, later(90))).resolves.toBe("totp");
    expect(((await refusal(checkSecondFactor(user.id, code, later(95)))) as SecondFactorRefused).reason).toBe("TOTP_INVALID");
    // The previous step's code would be within tolerance, but it is older than the last one used.
    const previous = await currentCode(secret, later(60));
    expect(((await refusal(checkSecondFactor(user.id, previous, later(95)))) as SecondFactorRefused).reason).toBe("TOTP_INVALID");
    await expect(checkSecondFactor(user.id, await currentCode(secret, later(120)), later(120))).resolves.toBe("totp");
  });

  it("two sign-ins with the same code at once: one wins", async () => {
    const { user, secret } = await enrolled();
    const code = await currentCode(secret, later(300));
    const results = await Promise.allSettled([checkSecondFactor(user.id, code, later(300)), checkSecondFactor(user.id, code, later(300))]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("a missing code asks for one; a stale code is refused", async () => {
    const { user, secret } = await enrolled();
    expect(((await refusal(checkSecondFactor(user.id, undefined, later(60)))) as SecondFactorRefused).reason).toBe("TOTP_REQUIRED");
    expect(((await refusal(checkSecondFactor(user.id, "  ", later(60)))) as SecondFactorRefused).reason).toBe("TOTP_REQUIRED");
    const old = await currentCode(secret, later(60));
    expect(((await refusal(checkSecondFactor(user.id, old, later(600)))) as SecondFactorRefused).reason).toBe("TOTP_INVALID");
  });

  it("a recovery code works once, in any case and with or without the dash", async () => {
    const { user, recoveryCodes } = await enrolled();
    const [first, second] = recoveryCodes;
    await expect(checkSecondFactor(user.id, first, later(60))).resolves.toBe("recovery");
    expect(((await refusal(checkSecondFactor(user.id, first, later(61)))) as SecondFactorRefused).reason).toBe("TOTP_INVALID");
    await expect(checkSecondFactor(user.id, second.replace("-", "").toLowerCase(), later(62))).resolves.toBe("recovery");
    expect((await secondFactorStatus(user)).recoveryCodesLeft).toBe(8);
    // Another user's code does nothing for this one.
    const other = await enrolled();
    expect(((await refusal(checkSecondFactor(user.id, other.recoveryCodes[0], later(63)))) as SecondFactorRefused).reason).toBe("TOTP_INVALID");
    expect(await db().auditEvent.count({ where: { type: "USER_RECOVERY_CODE_USED", actorId: user.id } })).toBe(2);
    // The two refused codes are in the chain.
    expect(await db().auditEvent.count({ where: { type: "SECOND_FACTOR_FAILED", actorId: user.id } })).toBe(2);
  });

  it("guesses are slowed down per account: after five misses one try per back-off, even with the right code", async () => {
    const { user, secret } = await enrolled();
    for (let i = 0; i < 5; i++) {
      expect(((await refusal(checkSecondFactor(user.id, await wrongCode(secret, later(60)), later(60)))) as SecondFactorRefused).reason).toBe("TOTP_INVALID");
    }
    // The sixth try is counted and starts a back-off...
    await refusal(checkSecondFactor(user.id, await wrongCode(secret, later(61)), later(61)));
    // ...during which even a right code is not looked at.
    const right = await currentCode(secret, later(70));
    const e = (await refusal(checkSecondFactor(user.id, right, later(70)))) as SecondFactorRefused;
    expect(e.reason).toBe("TOTP_THROTTLED");
    expect(e.retryAfterSeconds).toBeGreaterThan(0);
    // After the back-off the right code passes and the count starts over.
    const after = await currentCode(secret, later(95));
    await expect(checkSecondFactor(user.id, after, later(95))).resolves.toBe("totp");
    expect(await db().throttleCounter.findUnique({ where: { key: `totp:${user.id}` } })).toBeNull();
  });

  it("parallel guesses cannot pass the limit together", async () => {
    const { user, secret } = await enrolled();
    const results = await Promise.allSettled(Array.from({ length: 20 }, async () => checkSecondFactor(user.id, await wrongCode(secret, later(60)), later(60))));
    const reasons = results.map((r) => (r.status === "rejected" ? (r.reason as SecondFactorRefused).reason : "passed"));
    // Every one was refused for the code or told to wait (never an error of the race itself)...
    expect(reasons.every((r) => r === "TOTP_INVALID" || r === "TOTP_THROTTLED")).toBe(true);
    // ...and at most the free tries plus the first of the back-off were looked at; the rest waited.
    expect(reasons.filter((r) => r === "TOTP_INVALID").length).toBeLessThanOrEqual(6);
    expect(reasons.filter((r) => r === "TOTP_THROTTLED").length).toBeGreaterThanOrEqual(14);
  });
});

describe("recovery codes and turning it off", () => {
  it("new recovery codes after a current code replace the old ones", async () => {
    const { user, secret, recoveryCodes } = await enrolled("admin");
    const e = await refusal(regenerateRecoveryCodes(user, { code: await wrongCode(secret, later(60)) }, later(60)));
    expect((e as AppError).code).toBe("INVALID_INPUT");
    const { recoveryCodes: fresh } = await regenerateRecoveryCodes(user, { code: await currentCode(secret, later(90)) }, later(90));
    expect(fresh).toHaveLength(10);
    expect(((await refusal(checkSecondFactor(user.id, recoveryCodes[0], later(120)))) as SecondFactorRefused).reason).toBe("TOTP_INVALID");
    await expect(checkSecondFactor(user.id, fresh[0], later(121))).resolves.toBe("recovery");
  });

  it("can be turned off where it is optional, never where it is required", async () => {
    const { user, secret } = await enrolled("vendor");
    await disableSecondFactor(user, { code: await currentCode(secret, later(60)) }, later(60));
    expect(await secondFactorStatus(user)).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    expect(await db().recoveryCode.count({ where: { userId: user.id } })).toBe(0);

    const env = process.env as Record<string, string | undefined>;
    const saved = env.ZHIJI_REQUIRE_2FA;
    try {
      env.ZHIJI_REQUIRE_2FA = "1";
      resetEnvCache();
      const m = await enrolled("ministry");
      expect(secondFactorRequired("ministry")).toBe(true);
      expect(secondFactorRequired("vendor")).toBe(false);
      const e = (await refusal(disableSecondFactor(m.user, { code: await currentCode(m.secret, later(60)) }, later(60)))) as AppError;
      expect(e.details?.reason).toBe("TOTP_REQUIRED");
      expect((await secondFactorStatus(m.user)).enabled).toBe(true);
    } finally {
      if (saved === undefined) delete env.ZHIJI_REQUIRE_2FA;
      else env.ZHIJI_REQUIRE_2FA = saved;
      resetEnvCache();
    }
  });

  it("leaves the audit chain whole", async () => {
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });
});

afterEach(() => resetEnvCache());
