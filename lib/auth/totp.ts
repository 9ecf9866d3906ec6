// The second factor: TOTP (RFC 6238, 6 digits, 30 s) with ten one-time recovery codes. Required
// for ministry, secretariat and admin when the configuration says so (env().require2fa: on in
// production, optional in the demo); any user may enrol. A code is never accepted twice (the last
// accepted time step is kept and compared-and-set), recovery codes are stored only as hashes and
// shown once, and guesses are slowed down per account (after a few misses, one try per back-off).
import "server-only";
import crypto from "node:crypto";
import { generate, generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import { db, isUniqueViolation, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { TotpCodeInput } from "@/lib/forms/account-schemas";
import { appendAuditEvent } from "@/lib/audit/chain";
import { parseInput } from "@/lib/admin/parse";
import type { Role, SessionUser } from "@/lib/permissions";

export const SECOND_FACTOR_ROLES: readonly Role[] = ["ministry", "secretariat", "admin"];
export const RECOVERY_CODE_COUNT = 10;
const PERIOD_S = 30;
/** One step either side of now, for clocks a little off. */
const TOLERANCE_S = 30;
/** Tries per window before the back-off starts, and the window. */
const FREE_TRIES = 5;
const WINDOW_MS = 15 * 60 * 1000;
const MAX_BACKOFF_MS = 15 * 60 * 1000;
const ISSUER = "Zhiji";

/** The stable reasons a second-factor check is refused with (translated by the sign-in page). */
export type SecondFactorReason = "TOTP_REQUIRED" | "TOTP_INVALID" | "TOTP_THROTTLED";

export class SecondFactorRefused extends Error {
  constructor(readonly reason: SecondFactorReason, readonly retryAfterSeconds?: number) {
    super(reason);
  }
}

/** Whether this role must have a second factor before doing anything on this portal. */
export function secondFactorRequired(role: Role): boolean {
  return env().require2fa && SECOND_FACTOR_ROLES.includes(role);
}


const TOTP_SHAPE = /^\d{6}$/;
const RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

const normaliseRecovery = (code: string) => code.toUpperCase().replace(/[\s-]/g, "");
const recoveryHash = (userId: string, code: string) =>
  crypto.createHash("sha256").update(`${userId}:${normaliseRecovery(code)}`).digest("hex");

function newRecoveryCode(): string {
  const bytes = crypto.randomBytes(10);
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** The time step a code matches (within one step of now), or null. */
async function matchingStep(secret: string, code: string, afterStep: number | null, now: Date): Promise<number | null> {
  if (!TOTP_SHAPE.test(code)) return null;
  try {
    const r = await verify({
      secret,
      token: code,
      period: PERIOD_S,
      epoch: Math.floor(now.getTime() / 1000),
      epochTolerance: TOLERANCE_S,
      ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
    });
    return r.valid && "timeStep" in r ? r.timeStep : null;
  } catch {
    return null;
  }
}

/** For tests and the enrolment page's own check: the code an authenticator shows now. */
export function currentCode(secret: string, now = new Date()): Promise<string> {
  return generate({ secret, period: PERIOD_S, epoch: Math.floor(now.getTime() / 1000) });
}

// ---------------------------------------------------------------------------------------------
// Slowing down guesses: a counter per account in ThrottleCounter ("totp:<userId>"). Every try is
// counted before the code is checked (compare-and-set on the count, so parallel tries cannot pass
// together); after FREE_TRIES in a window each further try waits a doubling back-off.
// ---------------------------------------------------------------------------------------------

const throttleKey = (userId: string) => `totp:${userId}`;

async function takeTry(userId: string, now: Date): Promise<void> {
  const key = throttleKey(userId);
  const database = db();
  for (let attempt = 0; attempt < 5; attempt++) {
    let row;
    try {
      row = await database.throttleCounter.upsert({ where: { key }, create: { key, failures: 0, windowStart: now }, update: {} });
    } catch (e) {
      // Two first tries at once: the other one created the row; read it on the next round.
      if (isUniqueViolation(e)) continue;
      throw e;
    }
    const waitMs = row.nextAttemptAt ? row.nextAttemptAt.getTime() - now.getTime() : 0;
    if (waitMs > 0) throw new SecondFactorRefused("TOTP_THROTTLED", Math.ceil(waitMs / 1000));
    const fresh = now.getTime() - row.windowStart.getTime() > WINDOW_MS;
    const failures = fresh ? 0 : row.failures;
    const backoff = failures + 1 > FREE_TRIES ? Math.min(MAX_BACKOFF_MS, 30_000 * 2 ** (failures - FREE_TRIES)) : 0;
    const won = await database.throttleCounter.updateMany({
      where: { key, failures: row.failures, windowStart: row.windowStart },
      data: {
        failures: failures + 1,
        windowStart: fresh ? now : row.windowStart,
        nextAttemptAt: backoff ? new Date(now.getTime() + backoff) : null,
      },
    });
    if (won.count === 1) return;
  }
  // Lost every race: many tries at once on one account.
  throw new SecondFactorRefused("TOTP_THROTTLED", PERIOD_S);
}

async function clearTries(userId: string) {
  await db().throttleCounter.deleteMany({ where: { key: throttleKey(userId) } });
}

// ---------------------------------------------------------------------------------------------
// Sign-in and re-authentication
// ---------------------------------------------------------------------------------------------

/**
 * Checks the second factor of a user who has one: a current TOTP code not used before, or an unused
 * recovery code (then spent). Throws SecondFactorRefused; returns how the user proved it.
 */
export async function checkSecondFactor(userId: string, codeRaw: string | undefined, now = new Date()): Promise<"totp" | "recovery"> {
  const code = (codeRaw ?? "").trim();
  if (!code) throw new SecondFactorRefused("TOTP_REQUIRED");
  if (code.length > 40) throw new SecondFactorRefused("TOTP_INVALID");
  await takeTry(userId, now);
  const database = db();
  const user = await database.user.findUnique({ where: { id: userId } });
  if (!user?.totpSecret) throw new SecondFactorRefused("TOTP_INVALID");

  const step = await matchingStep(user.totpSecret, code, user.totpLastStep, now);
  if (step !== null) {
    // Compare-and-set: of two sign-ins with the same code, one wins.
    const won = await database.user.updateMany({
      where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    if (won.count !== 1) throw new SecondFactorRefused("TOTP_INVALID");
    await clearTries(userId);
    return "totp";
  }

  if (!TOTP_SHAPE.test(code)) {
    const spent = await database.$transaction(async (tx) => {
      const r = await tx.recoveryCode.updateMany({
        where: { userId, codeHash: recoveryHash(userId, code), usedAt: null },
        data: { usedAt: now },
      });
      if (r.count !== 1) return false;
      const left = await tx.recoveryCode.count({ where: { userId, usedAt: null } });
      await appendAuditEvent(tx, {
        caseId: null,
        actorId: userId,
        actorRole: user.role,
        type: "USER_RECOVERY_CODE_USED",
        payload: { userId, recoveryCodesLeft: left },
      });
      return true;
    });
    if (spent) {
      await clearTries(userId);
      return "recovery";
    }
  }
  // Every looked-at wrong code is in the audit chain (tries refused by the back-off are not, so a flood cannot grow it).
  await database.$transaction((tx) =>
    appendAuditEvent(tx, { caseId: null, actorId: userId, actorRole: user.role, type: "SECOND_FACTOR_FAILED", payload: { userId } }),
  );
  throw new SecondFactorRefused("TOTP_INVALID");
}

// ---------------------------------------------------------------------------------------------
// Enrolment on the account page
// ---------------------------------------------------------------------------------------------

export type SecondFactorStatus = {
  enabled: boolean;
  enabledAt: Date | null;
  required: boolean;
  recoveryCodesLeft: number;
};

export async function secondFactorStatus(user: SessionUser): Promise<SecondFactorStatus> {
  const u = await db().user.findUniqueOrThrow({ where: { id: user.id } });
  const left = u.totpEnabledAt ? await db().recoveryCode.count({ where: { userId: user.id, usedAt: null } }) : 0;
  return { enabled: !!u.totpEnabledAt, enabledAt: u.totpEnabledAt, required: secondFactorRequired(user.role), recoveryCodesLeft: left };
}

/** Starts (or restarts) enrolment: a new pending secret, as an otpauth URI, its QR code (SVG) and the secret to type. */
export async function startEnrolment(user: SessionUser) {
  const u = await db().user.findUniqueOrThrow({ where: { id: user.id } });
  if (u.totpEnabledAt) throw new AppError("CONFLICT", "Two-factor sign-in is on already", { _: "totpAlreadyOn", reason: "TOTP_ALREADY_ENABLED" });
  const secret = generateSecret();
  await db().user.update({ where: { id: user.id }, data: { totpPendingSecret: secret } });
  const uri = generateURI({ secret, label: user.email, issuer: ISSUER });
  const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return { secret, uri, qrSvg };
}

async function saveRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: recoveryHash(userId, c) })) });
  return codes;
}

/** Confirms enrolment with a code from the authenticator; returns the recovery codes, shown this once. */
export async function confirmEnrolment(user: SessionUser, raw: unknown, now = new Date()): Promise<{ recoveryCodes: string[] }> {
  const { code } = parseInput(TotpCodeInput, raw, "The code is not valid");
  const database = db();
  const u = await database.user.findUniqueOrThrow({ where: { id: user.id } });
  if (u.totpEnabledAt) throw new AppError("CONFLICT", "Two-factor sign-in is on already", { _: "totpAlreadyOn", reason: "TOTP_ALREADY_ENABLED" });
  if (!u.totpPendingSecret) throw new AppError("CONFLICT", "Start the set-up first", { _: "totpNotStarted", reason: "TOTP_NOT_STARTED" });
  try {
    await takeTry(user.id, now);
  } catch (e) {
    if (e instanceof SecondFactorRefused) throw new AppError("RATE_LIMITED", "Too many wrong codes; wait a little", { _: "totpThrottled", reason: "TOTP_THROTTLED", retryAfterSeconds: e.retryAfterSeconds });
    throw e;
  }
  const step = await matchingStep(u.totpPendingSecret, code, null, now);
  if (step === null) throw new AppError("INVALID_INPUT", "The code does not match", { code: "codeInvalid" });
  const pending = u.totpPendingSecret;
  const codes = await database.$transaction(async (tx) => {
    const won = await tx.user.updateMany({
      where: { id: user.id, totpPendingSecret: pending, totpEnabledAt: null },
      data: { totpSecret: pending, totpPendingSecret: null, totpEnabledAt: now, totpLastStep: step },
    });
    if (won.count !== 1) throw new AppError("CONFLICT", "The set-up changed meanwhile; start again", { _: "totpNotStarted", reason: "TOTP_NOT_STARTED" });
    const recovery = await saveRecoveryCodes(tx, user.id);
    await appendAuditEvent(tx, { caseId: null, actorId: user.id, actorRole: user.role, type: "USER_TOTP_ENABLED", payload: { userId: user.id } });
    return recovery;
  });
  await clearTries(user.id);
  return { recoveryCodes: codes };
}

async function requireCurrentFactor(user: SessionUser, raw: unknown, now: Date) {
  const { code } = parseInput(TotpCodeInput, raw, "The code is not valid");
  try {
    return await checkSecondFactor(user.id, code, now);
  } catch (e) {
    if (!(e instanceof SecondFactorRefused)) throw e;
    if (e.reason === "TOTP_THROTTLED") {
      throw new AppError("RATE_LIMITED", "Too many wrong codes; wait a little", { _: "totpThrottled", reason: "TOTP_THROTTLED", retryAfterSeconds: e.retryAfterSeconds });
    }
    throw new AppError("INVALID_INPUT", "The code does not match", { code: "codeInvalid" });
  }
}

/** New recovery codes (the old ones stop working), after a current code. */
export async function regenerateRecoveryCodes(user: SessionUser, raw: unknown, now = new Date()): Promise<{ recoveryCodes: string[] }> {
  const u = await db().user.findUniqueOrThrow({ where: { id: user.id } });
  if (!u.totpEnabledAt) throw new AppError("CONFLICT", "Two-factor sign-in is off", { _: "totpOff", reason: "TOTP_NOT_ENABLED" });
  await requireCurrentFactor(user, raw, now);
  const codes = await db().$transaction(async (tx) => {
    const recovery = await saveRecoveryCodes(tx, user.id);
    await appendAuditEvent(tx, { caseId: null, actorId: user.id, actorRole: user.role, type: "USER_RECOVERY_CODES_RENEWED", payload: { userId: user.id } });
    return recovery;
  });
  return { recoveryCodes: codes };
}

/** Turns the second factor off (with a current code); refused where it is required. */
export async function disableSecondFactor(user: SessionUser, raw: unknown, now = new Date()) {
  if (secondFactorRequired(user.role)) {
    throw new AppError("FORBIDDEN", "Two-factor sign-in is required for your role on this portal", { _: "totpRequired", reason: "TOTP_REQUIRED" });
  }
  const u = await db().user.findUniqueOrThrow({ where: { id: user.id } });
  if (!u.totpEnabledAt) throw new AppError("CONFLICT", "Two-factor sign-in is off", { _: "totpOff", reason: "TOTP_NOT_ENABLED" });
  await requireCurrentFactor(user, raw, now);
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null } });
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await appendAuditEvent(tx, { caseId: null, actorId: user.id, actorRole: user.role, type: "USER_TOTP_DISABLED", payload: { userId: user.id } });
  });
}
