// The portal's signing key, from configuration (P12) or, in development and demo, generated under data/keys;
// and every key it has held (the keys file, docs/deploy.md#rotating-the-signing-key).
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { loadSigningKey, type SigningKey } from "./signing/keys";
import { currentHeldKey, currentKeyProblem, makeKeyring, readKeysFile, type HeldKey, type Keyring } from "./signing/keyring";

function loadCurrentKey(): Promise<SigningKey> {
  const e = env();
  return loadSigningKey({
    p12Path: e.ZHIJI_SIGNING_P12_PATH,
    p12Base64: e.ZHIJI_SIGNING_P12_BASE64,
    passphrase: e.ZHIJI_SIGNING_P12_PASSPHRASE,
    caPemPath: e.ZHIJI_SIGNING_CA_PEM_PATH,
    devKeysDir: path.join(e.dataDir, "keys"),
    allowDevKeys: e.NODE_ENV !== "production" || e.ZHIJI_ALLOW_DEMO === "1",
    logger: (line) => console.log(line),
  });
}

// Parsed once per key object and keys file (a restart reads the files again).
const heldOf = new WeakMap<SigningKey, HeldKey>();
const keysFiles = new Map<string, Promise<HeldKey[]>>();
let rings = new WeakMap<SigningKey, Map<string, Keyring>>();

function currentHeld(key: SigningKey): HeldKey {
  let held = heldOf.get(key);
  if (!held) {
    held = currentHeldKey(key);
    heldOf.set(key, held);
  }
  return held;
}

/** The development CA under data/keys, which a production portal (not the demo) refuses in the keys file. */
function refusedDevCa(): string | undefined {
  const e = env();
  if (!e.strictProduction) return undefined;
  try {
    return fs.readFileSync(path.join(e.dataDir, "keys", "ca.pem"), "utf8");
  } catch {
    return undefined;
  }
}

function keysFile(file: string): Promise<HeldKey[]> {
  let p = keysFiles.get(file);
  if (!p) {
    p = readKeysFile(file, refusedDevCa());
    p.catch(() => keysFiles.delete(file)); // a failed read is not kept
    keysFiles.set(file, p);
  }
  return p;
}

/**
 * The key new certificates, decision letters and audit checkpoints are signed with. Refused
 * (rejects) when its validity does not cover now: the portal never signs with an expired key,
 * and readiness reports it (lib/ops/readiness.ts).
 */
export async function getPortalSigningKey(): Promise<SigningKey> {
  const key = await loadCurrentKey();
  const problem = currentKeyProblem(currentHeld(key));
  if (problem) throw new Error(problem);
  return key;
}

/** Every key the portal has held, for verification and the CA bundle; the current key even when expired. */
export async function getPortalKeyring(): Promise<Keyring> {
  const key = await loadCurrentKey();
  const file = env().ZHIJI_SIGNING_KEYS_FILE ? path.resolve(env().ZHIJI_SIGNING_KEYS_FILE!) : "";
  let byFile = rings.get(key);
  if (!byFile) {
    byFile = new Map();
    rings.set(key, byFile);
  }
  const kept = byFile.get(file);
  if (kept) return kept;
  const ring = makeKeyring(currentHeld(key), file ? await keysFile(file) : []);
  byFile.set(file, ring);
  return ring;
}

/** Tests only: forget the keys files read (the P12 cache is clearSigningKeyCache's). */
export function forgetKeysFiles() {
  keysFiles.clear();
  rings = new WeakMap();
}
