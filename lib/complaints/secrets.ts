// A complaint's reference (short, typed by people) and tracking token (shown once, kept only as its
// SHA-256), both from the CSPRNG (docs/domain.md#complaints).
import crypto from "node:crypto";

/** Letters and digits people do not confuse (no 0/O, 1/I/L). */
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const REFERENCE_CHARS = 8;
export const REFERENCE_PATTERN = /^C-\d{4}-[2-9A-HJKMNP-Z]{8}$/;

function randomChars(n: number): string {
  let out = "";
  while (out.length < n) {
    // Rejection sampling keeps every letter equally likely (256 is not a multiple of 31).
    for (const b of crypto.randomBytes(n * 2)) {
      if (b < 248 && out.length < n) out += ALPHABET[b % ALPHABET.length];
    }
  }
  return out;
}

/** `C-2026-7KX3M9QF`: 31^8 ≈ 8.5·10^11 per year. Unique by the column's index (the caller retries). */
export function newReference(at: Date): string {
  return `C-${at.getUTCFullYear()}-${randomChars(REFERENCE_CHARS)}`;
}

/** What people type in is forgiving: spaces dropped, upper-cased. */
export function normalizeReference(raw: string): string {
  return raw.replace(/\s+/g, "").toUpperCase();
}

/** 192 random bits, URL-safe. */
export function newTrackingToken(): string {
  return crypto.randomBytes(24).toString("base64url");
}

export function hashTrackingToken(token: string): string {
  return crypto.createHash("sha256").update(token.trim(), "utf8").digest("hex");
}

/** Compares a token with a stored hash in constant time. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const a = Buffer.from(hashTrackingToken(token), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
