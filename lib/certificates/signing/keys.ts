/**
 * The portal's signing key: where it comes from, and how it is cached.
 *
 * Two sources behind one shape ({@link SigningKey}):
 *  - configuration: a PKCS#12 file (path or base64), its passphrase and the CA certificate
 *    (PEM) that the signer certificate chains to. lib/env.ts passes these in; this module
 *    never reads process.env.
 *  - development: {@link ensureDevKeys} generates, on first run, a self-signed
 *    "Zhiji Development CA" and a "Zhiji Certificate Signing" certificate issued by it
 *    under a folder (the caller passes `data/keys`, which is never committed), and reuses
 *    them afterwards. The CA's private key is not kept.
 */
import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import forge from "node-forge";

export interface SigningKey {
  /** PKCS#12 bytes holding the signer's private key and certificate (and possibly its chain). */
  p12: Buffer;
  passphrase: string;
  /** The trust anchor: PEM of the CA that the signer certificate chains to. */
  caPem: string;
  /** PEM of the certificate that matches the private key in `p12`. */
  signerCertPem: string;
  /** Where the key came from (informative). */
  source: "config" | "dev";
}

export type Logger = (line: string) => void;

export interface SigningKeyOptions {
  /** ZHIJI_SIGNING_P12_PATH */
  p12Path?: string;
  /** ZHIJI_SIGNING_P12_BASE64 (used when p12Path is not set) */
  p12Base64?: string;
  /** ZHIJI_SIGNING_P12_PASSPHRASE */
  passphrase?: string;
  /** ZHIJI_SIGNING_CA_PEM_PATH */
  caPemPath?: string;
  /** The CA PEM itself (alternative to caPemPath). */
  caPem?: string;
  /**
   * Folder for generated development keys (e.g. `path.join(process.cwd(), "data/keys")`).
   * Used only when no P12 is configured and `allowDevKeys` is true.
   */
  devKeysDir?: string;
  /** Allow falling back to generated development keys (false in production). Default false. */
  allowDevKeys?: boolean;
  /** Receives one line when development keys are generated. Default: console.warn. */
  logger?: Logger;
}

export const DEV_KEY_FILES = {
  ca: "ca.pem",
  p12: "signer.p12",
  passphrase: "signer.passphrase",
} as const;

export const DEV_CA_CN = "Zhiji Development CA";
export const DEV_SIGNER_CN = "Zhiji Certificate Signing";

// ---------------------------------------------------------------------------
// Loading + cache
// ---------------------------------------------------------------------------

const keyCache = new Map<string, Promise<SigningKey>>();
let lastLoaded: SigningKey | null = null;

/**
 * Loads the portal's signing key from configuration, or (when allowed and nothing is
 * configured) from generated development keys. The result is cached in memory per
 * option set; a failed load is not cached.
 */
export function loadSigningKey(opts: SigningKeyOptions): Promise<SigningKey> {
  const cacheKey = JSON.stringify({
    p12Path: opts.p12Path ?? null,
    p12Base64: opts.p12Base64 ? crypto.createHash("sha256").update(opts.p12Base64).digest("hex") : null,
    passphrase: opts.passphrase ?? null,
    caPemPath: opts.caPemPath ?? null,
    caPem: opts.caPem ?? null,
    devKeysDir: opts.devKeysDir ? path.resolve(opts.devKeysDir) : null,
    allowDevKeys: !!opts.allowDevKeys,
  });
  let p = keyCache.get(cacheKey);
  if (!p) {
    p = loadUncached(opts).then((key) => {
      lastLoaded = key;
      return key;
    });
    p.catch(() => keyCache.delete(cacheKey));
    keyCache.set(cacheKey, p);
  }
  return p;
}

/** The key most recently loaded by {@link loadSigningKey} (or null). */
export function getLoadedSigningKey(): SigningKey | null {
  return lastLoaded;
}

/** For tests. */
export function clearSigningKeyCache(): void {
  keyCache.clear();
  lastLoaded = null;
}

async function loadUncached(opts: SigningKeyOptions): Promise<SigningKey> {
  const configured = !!(opts.p12Path || opts.p12Base64);
  if (configured) {
    const p12 = opts.p12Path
      ? await fs.promises.readFile(opts.p12Path)
      : Buffer.from(opts.p12Base64!.replace(/\s+/g, ""), "base64");
    let caPem = opts.caPem;
    if (!caPem) {
      if (!opts.caPemPath) {
        throw new Error(
          "Signing key: a P12 is configured but no CA certificate (ZHIJI_SIGNING_CA_PEM_PATH) is given",
        );
      }
      caPem = await fs.promises.readFile(opts.caPemPath, "utf8");
    }
    return keyFromP12(p12, opts.passphrase ?? "", caPem, "config");
  }
  if (!opts.allowDevKeys) {
    throw new Error(
      "Signing key: no P12 configured (ZHIJI_SIGNING_P12_PATH or ZHIJI_SIGNING_P12_BASE64) and development keys are not allowed",
    );
  }
  if (!opts.devKeysDir) throw new Error("Signing key: devKeysDir is required for development keys");
  return ensureDevKeys(opts.devKeysDir, opts.logger);
}

/** Builds a SigningKey from P12 bytes, checking that the passphrase opens it and that it chains to caPem. */
export function keyFromP12(p12: Buffer, passphrase: string, caPem: string, source: SigningKey["source"]): SigningKey {
  const { certPem } = parseP12(p12, passphrase);
  const key: SigningKey = { p12, passphrase, caPem, signerCertPem: certPem, source };
  // Fail early and clearly if the P12 does not belong to the configured CA.
  const signer = new crypto.X509Certificate(certPem);
  const ca = new crypto.X509Certificate(caPem);
  if (!(signer.fingerprint256 === ca.fingerprint256 || (signer.checkIssued(ca) && signer.verify(ca.publicKey)))) {
    throw new Error(
      `Signing key: the certificate in the P12 (${signer.subject.replace(/\n/g, ", ")}) is not issued by the configured CA (${ca.subject.replace(/\n/g, ", ")})`,
    );
  }
  return key;
}

// ---------------------------------------------------------------------------
// P12 parsing (cached per SigningKey buffer)
// ---------------------------------------------------------------------------

export interface ParsedP12 {
  privateKey: crypto.KeyObject;
  certPem: string;
  /** DER of the signer certificate followed by the other certificates of the P12. */
  certChainDer: Buffer[];
}

const parsedCache = new WeakMap<Buffer, ParsedP12>();

/** Opens a PKCS#12 with node-forge (once per buffer) and returns Node KeyObject + certificates. */
export function parseP12(p12: Buffer, passphrase: string): ParsedP12 {
  const hit = parsedCache.get(p12);
  if (hit) return hit;
  let p: forge.pkcs12.Pkcs12Pfx;
  try {
    p = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(p12.toString("binary"))), false, passphrase);
  } catch (e) {
    throw new Error(`Signing key: cannot open the P12 (wrong passphrase or unsupported format): ${(e as Error).message}`);
  }
  const keyBags = [
    ...(p.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(p.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ];
  const certBags = p.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
  const fkey = keyBags.find((b) => b.key)?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!fkey) throw new Error("Signing key: the P12 holds no (RSA) private key that node-forge can read");
  const certs = certBags.filter((b) => b.cert).map((b) => b.cert!);
  const signerCert = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n && pub.n.compareTo(fkey.n) === 0 && pub.e.compareTo(fkey.e) === 0;
  });
  if (!signerCert) throw new Error("Signing key: no certificate in the P12 matches its private key");
  const toDer = (c: forge.pki.Certificate) =>
    Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes(), "binary");
  const privateKey = crypto.createPrivateKey(forge.pki.privateKeyToPem(fkey));
  const parsed: ParsedP12 = {
    privateKey,
    certPem: forge.pki.certificateToPem(signerCert),
    certChainDer: [toDer(signerCert), ...certs.filter((c) => c !== signerCert).map(toDer)],
  };
  parsedCache.set(p12, parsed);
  return parsed;
}

// ---------------------------------------------------------------------------
// Development keys
// ---------------------------------------------------------------------------

/**
 * Generates (first run) or reuses development keys under `dir`: `ca.pem`, `signer.p12`,
 * `signer.passphrase`. Logs exactly one line via `logger` when it generates.
 * Files are written to temporary names and renamed, `signer.p12` last (it is the marker
 * that the set is complete); an exclusive lock file keeps concurrent processes from
 * generating two different sets.
 */
export async function ensureDevKeys(dir: string, logger: Logger = (l) => console.warn(l)): Promise<SigningKey> {
  const files = devKeyPaths(dir);
  const existing = await readDevKeys(files);
  if (existing) return existing;

  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  const lockPath = path.join(dir, ".generate.lock");
  const deadline = Date.now() + 30_000;
  for (;;) {
    let lock: fs.promises.FileHandle | null = null;
    try {
      lock = await fs.promises.open(lockPath, "wx");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    if (lock) {
      try {
        const again = await readDevKeys(files); // someone finished while we waited
        if (again) return again;
        const key = await generateDevKeys(dir, files);
        logger(
          `[zhiji] Generated development signing keys in ${path.resolve(dir)} (CA "${DEV_CA_CN}", signer "${DEV_SIGNER_CN}"); certificates signed with them are for development only.`,
        );
        return key;
      } finally {
        await lock.close();
        await fs.promises.rm(lockPath, { force: true });
      }
    }
    // Another process holds the lock: wait for it, or take over a stale lock.
    await new Promise((r) => setTimeout(r, 100));
    const done = await readDevKeys(files);
    if (done) return done;
    const st = await fs.promises.stat(lockPath).catch(() => null);
    if (st && Date.now() - st.mtimeMs > 60_000) await fs.promises.rm(lockPath, { force: true });
    if (Date.now() > deadline) throw new Error(`Signing key: timed out waiting for ${lockPath}`);
  }
}

function devKeyPaths(dir: string) {
  return {
    // Runtime folders, not source: keep the bundler from tracing the whole project through them.
    ca: path.join(/*turbopackIgnore: true*/ dir, DEV_KEY_FILES.ca),
    p12: path.join(/*turbopackIgnore: true*/ dir, DEV_KEY_FILES.p12),
    passphrase: path.join(/*turbopackIgnore: true*/ dir, DEV_KEY_FILES.passphrase),
  };
}

async function readDevKeys(files: ReturnType<typeof devKeyPaths>): Promise<SigningKey | null> {
  let p12: Buffer;
  try {
    p12 = await fs.promises.readFile(files.p12);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
  const [caPem, passphrase] = await Promise.all([
    fs.promises.readFile(files.ca, "utf8"),
    fs.promises.readFile(files.passphrase, "utf8"),
  ]);
  return keyFromP12(p12, passphrase.trim(), caPem, "dev");
}

async function writeAtomic(file: string, data: string | Buffer): Promise<void> {
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  await fs.promises.writeFile(tmp, data, { mode: 0o600 });
  await fs.promises.rename(tmp, file);
}

async function generateDevKeys(dir: string, files: ReturnType<typeof devKeyPaths>): Promise<SigningKey> {
  const [caKeys, signerKeys] = await Promise.all([rsaKeyPair(3072), rsaKeyPair(2048)]);
  const now = new Date();
  const caCert = makeCert({
    subjectCN: DEV_CA_CN,
    issuer: null,
    publicKeyPem: caKeys.publicKey,
    signingKeyPem: caKeys.privateKey,
    notBefore: new Date(now.getTime() - 60_000),
    years: 20,
    ca: true,
  });
  const signerCert = makeCert({
    subjectCN: DEV_SIGNER_CN,
    issuer: caCert,
    publicKeyPem: signerKeys.publicKey,
    signingKeyPem: caKeys.privateKey,
    notBefore: new Date(now.getTime() - 60_000),
    years: 10,
    ca: false,
  });
  const passphrase = crypto.randomBytes(24).toString("base64url");
  const p12Asn1 = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(signerKeys.privateKey),
    [signerCert, caCert],
    passphrase,
    { algorithm: "3des", friendlyName: DEV_SIGNER_CN },
  );
  const p12 = Buffer.from(forge.asn1.toDer(p12Asn1).getBytes(), "binary");
  const caPem = forge.pki.certificateToPem(caCert);
  await writeAtomic(files.ca, caPem);
  await writeAtomic(files.passphrase, passphrase + "\n");
  await writeAtomic(files.p12, p12); // last: marks the set complete
  return keyFromP12(p12, passphrase, caPem, "dev");
}

function rsaKeyPair(bits: number): Promise<{ publicKey: string; privateKey: string }> {
  return new Promise((resolve, reject) =>
    crypto.generateKeyPair(
      "rsa",
      {
        modulusLength: bits,
        publicKeyEncoding: { type: "spki", format: "pem" },
        privateKeyEncoding: { type: "pkcs1", format: "pem" },
      },
      (err, publicKey, privateKey) => (err ? reject(err) : resolve({ publicKey, privateKey })),
    ),
  );
}

function randomSerialHex(): string {
  const b = crypto.randomBytes(16);
  b[0] &= 0x7f; // positive
  b[0] |= 0x10; // no leading zero byte
  return b.toString("hex");
}

/** Issues an X.509 v3 certificate with node-forge (keys generated by Node, which is much faster). */
export function makeCert(o: {
  subjectCN: string;
  issuer: forge.pki.Certificate | null;
  publicKeyPem: string;
  signingKeyPem: string;
  notBefore: Date;
  years: number;
  ca: boolean;
  organization?: string;
}): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(o.publicKeyPem);
  cert.serialNumber = randomSerialHex();
  cert.validity.notBefore = o.notBefore;
  const notAfter = new Date(o.notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + o.years);
  cert.validity.notAfter = notAfter;
  const subject = [
    { name: "commonName", value: o.subjectCN },
    { name: "organizationName", value: o.organization ?? "Zhiji" },
  ];
  cert.setSubject(subject);
  cert.setIssuer(o.issuer ? o.issuer.subject.attributes : subject);
  const exts: object[] = [
    { name: "subjectKeyIdentifier" },
  ];
  if (o.ca) {
    exts.push(
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    );
    exts.push({ name: "authorityKeyIdentifier", keyIdentifier: true });
  } else {
    exts.push(
      { name: "basicConstraints", cA: false, critical: true },
      { name: "keyUsage", digitalSignature: true, nonRepudiation: true, critical: true },
    );
    const aki = o.issuer!.generateSubjectKeyIdentifier().getBytes();
    exts.push({ name: "authorityKeyIdentifier", keyIdentifier: aki });
  }
  cert.setExtensions(exts);
  cert.sign(forge.pki.privateKeyFromPem(o.signingKeyPem), forge.md.sha256.create());
  return cert;
}
