/**
 * Every signing key the portal has held, each with the period in which it signed
 * (docs/deploy.md#rotating-the-signing-key, docs/decisions/0011-signing-key-rotation.md).
 *
 * - The current key is the configured one ({@link SigningKey}, lib/certificates/portal-key.ts).
 *   It signs from its certificate's notBefore until its certificate's (or its CA's) notAfter;
 *   after that the portal refuses to sign with it.
 * - Keys held before are declared in a JSON file (`ZHIJI_SIGNING_KEYS_FILE`), each with its
 *   signer certificate (a PEM, or the P12 it came in), its CA and the period in which it signed.
 *   The file is read once per process; a restart reads it again.
 *
 * A signature is the portal's for a document when its signer is a held key (the same signer
 * certificate; failing that, one chaining to a held key's CA) whose period meets the document's
 * issue date. This module never reads process.env.
 */
import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { chainsTo } from "../verify-signature";
import { parseP12, type SigningKey } from "./keys";

export interface HeldKey {
  /** "current" for the configured key; the file's id for a key held before. */
  id: string;
  current: boolean;
  signerCert: crypto.X509Certificate;
  ca: crypto.X509Certificate;
  caPem: string;
  /** The period in which this key signed (the current key: its certificate's validity). */
  validFrom: Date;
  validUntil: Date;
}

export interface Keyring {
  /** The configured key, first in `held`. */
  current: HeldKey;
  /** Every key, the current one first, then the file's in its order. */
  held: HeldKey[];
  /** One PEM per distinct CA (by SHA-256 fingerprint), the current key's first. */
  caPems: string[];
  /** The same CAs, parsed. */
  cas: crypto.X509Certificate[];
}

const isoDate = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), "must be an ISO 8601 date-time such as 2026-12-02T02:00:00Z");

/** One entry of the keys file. Relative paths are taken from the file's own folder. */
const KeyEntrySchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, "must be 1–64 letters, digits, dots, dashes or underscores"),
    /** The signer certificate (PEM). Preferred: the retired private key can then be destroyed. */
    certPemPath: z.string().min(1).optional(),
    /** Or the P12 the key was configured with, and its passphrase (in a file, or inline). */
    p12Path: z.string().min(1).optional(),
    passphraseFile: z.string().min(1).optional(),
    passphrase: z.string().optional(),
    caPemPath: z.string().min(1),
    /** Default: the signer certificate's notBefore. */
    validFrom: isoDate.optional(),
    validUntil: isoDate,
  })
  .strict()
  .refine((e) => !!e.certPemPath !== !!e.p12Path, { message: "needs exactly one of certPemPath or p12Path" });

export type KeyEntry = z.infer<typeof KeyEntrySchema>;
const KeysFileSchema = z.array(KeyEntrySchema).max(100);

const day = (d: Date) => d.toISOString();

function heldKey(id: string, current: boolean, signerPem: string, caPem: string, validFrom: Date | null, validUntil: Date | null): HeldKey {
  const signerCert = new crypto.X509Certificate(signerPem);
  const ca = new crypto.X509Certificate(caPem);
  if (!(signerCert.fingerprint256 === ca.fingerprint256 || (signerCert.checkIssued(ca) && signerCert.verify(ca.publicKey)))) {
    throw new Error(`Signing key ${id}: its certificate (${signerCert.subject.replace(/\n/g, ", ")}) is not issued by its CA (${ca.subject.replace(/\n/g, ", ")})`);
  }
  const from = validFrom ?? new Date(signerCert.validFrom);
  const until = validUntil ?? new Date(Math.min(Date.parse(signerCert.validTo), Date.parse(ca.validTo)));
  if (!(from.getTime() < until.getTime())) throw new Error(`Signing key ${id}: validFrom (${day(from)}) is not before validUntil (${day(until)})`);
  return { id, current, signerCert, ca, caPem, validFrom: from, validUntil: until };
}

/** The configured key as a held key: it signs within its certificate's validity. */
export function currentHeldKey(key: SigningKey): HeldKey {
  return heldKey("current", true, key.signerCertPem, key.caPem, null, null);
}

/**
 * Reads and checks the keys file: one line naming the entry and the problem when it is wrong.
 * `refuseCaPem`: a CA no entry may chain to (a production portal refuses the development CA
 * kept under data/keys, as it refuses the development key itself).
 */
export async function readKeysFile(file: string, refuseCaPem?: string): Promise<HeldKey[]> {
  const dir = path.dirname(path.resolve(file));
  const at = (p: string) => path.resolve(/*turbopackIgnore: true*/ dir, p);
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.promises.readFile(file, "utf8"));
  } catch (e) {
    throw new Error(`Signing keys file: cannot read ${file} as JSON: ${(e as Error).message}`);
  }
  const parsed = KeysFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Signing keys file ${file}: entry ${issue.path.join(".")} ${issue.message}`);
  }
  const ids = new Set<string>();
  const out: HeldKey[] = [];
  for (const e of parsed.data) {
    if (e.id === "current" || ids.has(e.id)) throw new Error(`Signing keys file ${file}: the id "${e.id}" is reserved or used twice`);
    ids.add(e.id);
    const caPem = await fs.promises.readFile(at(e.caPemPath), "utf8");
    let signerPem: string;
    if (e.certPemPath) {
      signerPem = await fs.promises.readFile(at(e.certPemPath), "utf8");
    } else {
      const passphrase = e.passphraseFile ? (await fs.promises.readFile(at(e.passphraseFile), "utf8")).trim() : (e.passphrase ?? "");
      signerPem = parseP12(await fs.promises.readFile(at(e.p12Path!)), passphrase).certPem;
    }
    const held = heldKey(e.id, false, signerPem, caPem, e.validFrom ? new Date(e.validFrom) : null, new Date(e.validUntil));
    if (refuseCaPem && held.ca.fingerprint256 === new crypto.X509Certificate(refuseCaPem).fingerprint256) {
      throw new Error(`Signing keys file ${file}: entry "${e.id}" names the development CA kept under data/keys; a production portal does not hold it`);
    }
    out.push(held);
  }
  return out;
}

export function makeKeyring(current: HeldKey, before: HeldKey[]): Keyring {
  const held = [current, ...before];
  const seen = new Set<string>();
  const caPems: string[] = [];
  const cas: crypto.X509Certificate[] = [];
  for (const k of held) {
    if (seen.has(k.ca.fingerprint256)) continue;
    seen.add(k.ca.fingerprint256);
    caPems.push(k.caPem.endsWith("\n") ? k.caPem : `${k.caPem}\n`);
    cas.push(k.ca);
  }
  return { current, held, caPems, cas };
}

/** Why the current key may not sign at `now`, or null when it may. */
export function currentKeyProblem(current: HeldKey, now = new Date()): string | null {
  if (now.getTime() < current.validFrom.getTime()) return `Signing key: the current key is valid only from ${day(current.validFrom)}`;
  if (now.getTime() > current.validUntil.getTime()) {
    return `Signing key: the current key expired at ${day(current.validUntil)}; configure a new key and list this one in ZHIJI_SIGNING_KEYS_FILE (docs/deploy.md#rotating-the-signing-key)`;
  }
  return null;
}

/**
 * The held key that made a signature, for a document issued between `from` and `to` (a
 * certificate: awarded at `issuedAt`, signed when its row was written). Keys with the same signer
 * certificate are asked first; only when none has it, keys whose CA the signer chains to. Null:
 * no key the portal held at that time (the signature is foreign for this document).
 */
export function heldKeyFor(
  ring: Keyring,
  signer: crypto.X509Certificate,
  chain: crypto.X509Certificate[],
  from: Date,
  to: Date = from,
): HeldKey | null {
  const same = ring.held.filter((k) => k.signerCert.fingerprint256 === signer.fingerprint256);
  const candidates = same.length > 0 ? same : ring.held.filter((k) => chainsTo(signer, chain, k.ca));
  return candidates.find((k) => k.validFrom.getTime() <= to.getTime() && from.getTime() <= k.validUntil.getTime()) ?? null;
}
