// Signing key rotation (docs/deploy.md#rotating-the-signing-key, docs/decisions/0011-signing-key-rotation.md):
// a certificate and an audit checkpoint signed with key A, then A retired into the keys file and
// key B configured; a certificate signed with B. Both certificates verify through the API's
// function and offline (pdfsig, with an NSS database trusting the bundle's CAs; openssl against the
// bundle), the bundle holds both CAs, the
// checkpoint signed with A still verifies, and a PDF signed with A for a certificate issued after A
// was retired is foreign. An expired current key signs nothing and fails readiness.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import forge from "node-forge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, type World } from "@/test/world";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { runOutboxOnce } from "@/lib/outbox/worker";
import { createCheckpoint, listCheckpoints } from "@/lib/audit/checkpoints";
import { checkReadiness } from "@/lib/ops/readiness";
import { GET as caRoute } from "@/app/api/v1/trust/ca.pem/route";
import { POST as verifyRoute } from "@/app/api/v1/verify/route";
import { registerCertificateJobs } from "./register";
import { verifyCertificate } from "./verify-certificate";
import { verifySignedPdf } from "./verify-signature";
import { forgetKeysFiles, getPortalKeyring, getPortalSigningKey } from "./portal-key";
import { getTrustAnchors } from "./trust-anchor";
import { makeCert } from "./signing/keys";
import { readKeysFile } from "./signing/keyring";

const DB = process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite";
const VARS = ["ZHIJI_SIGNING_P12_PATH", "ZHIJI_SIGNING_P12_PASSPHRASE", "ZHIJI_SIGNING_CA_PEM_PATH", "ZHIJI_SIGNING_KEYS_FILE"] as const;

let t: TestDatabase;
let w: World;
let tmp: string;
const saved: Partial<Record<(typeof VARS)[number], string>> = {};

type KeySet = { dir: string; ca: string; caPem: string; p12: string; passphrase: string; passphraseFile: string; certPem: string };

/** A CA and a signer under it, written as an operator keeps them: ca.pem, signer.p12, signer.passphrase, signer.pem. */
function makeKeySet(name: string, caCN: string, o: { notBefore?: Date; signerYears?: number } = {}): KeySet {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  const gen = () => crypto.generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs1", format: "pem" } });
  const ca = gen();
  const s = gen();
  const nb = o.notBefore ?? new Date(Date.now() - 60_000);
  const caCert = makeCert({ subjectCN: caCN, issuer: null, publicKeyPem: ca.publicKey, signingKeyPem: ca.privateKey, notBefore: nb, years: 10, ca: true });
  const sCert = makeCert({ subjectCN: "Zhiji Certificate Signing", issuer: caCert, publicKeyPem: s.publicKey, signingKeyPem: ca.privateKey, notBefore: nb, years: o.signerYears ?? 5, ca: false });
  const passphrase = crypto.randomBytes(12).toString("base64url");
  const p12 = Buffer.from(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(forge.pki.privateKeyFromPem(s.privateKey), [sCert, caCert], passphrase, { algorithm: "3des" })).getBytes(), "binary");
  const set: KeySet = {
    dir,
    ca: path.join(dir, "ca.pem"),
    caPem: forge.pki.certificateToPem(caCert),
    p12: path.join(dir, "signer.p12"),
    passphrase,
    passphraseFile: path.join(dir, "signer.passphrase"),
    certPem: path.join(dir, "signer.pem"),
  };
  fs.writeFileSync(set.ca, set.caPem);
  fs.writeFileSync(set.p12, p12);
  fs.writeFileSync(set.passphraseFile, passphrase + "\n");
  fs.writeFileSync(set.certPem, forge.pki.certificateToPem(sCert));
  return set;
}

/** Configures `k` as the current key (and the keys file, if any), as a restart with new variables would. */
function useKey(k: KeySet, keysFile?: string) {
  process.env.ZHIJI_SIGNING_P12_PATH = k.p12;
  process.env.ZHIJI_SIGNING_P12_PASSPHRASE = k.passphrase;
  process.env.ZHIJI_SIGNING_CA_PEM_PATH = k.ca;
  if (keysFile) process.env.ZHIJI_SIGNING_KEYS_FILE = keysFile;
  else delete process.env.ZHIJI_SIGNING_KEYS_FILE;
  resetEnvCache();
  forgetKeysFiles();
}

function writeKeysFile(name: string, entries: unknown): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, JSON.stringify(entries, null, 2));
  return file;
}

async function certified(level: "L1" | "L2" | "L3") {
  const caseId = await caseIn(w, "certified", { level });
  await runOutboxOnce();
  const cert = await db().certificate.findFirstOrThrow({ where: { caseId } });
  return { cert, pdf: Buffer.from(cert.pdf) };
}

function pdfsig(pdf: Buffer, name: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, pdf);
  // pdfsig exits 0 even for a broken signature: its text is what counts.
  return spawnSync("pdfsig", [file], { encoding: "utf8" }).stdout;
}

/**
 * pdfsig's own trust check: an NSS database (certutil, libnss3-tools) that trusts exactly `caPems`
 * as certificate authorities, as a relying party who imported the portal's CA bundle would have.
 */
function pdfsigTrusting(pdf: Buffer, name: string, caPems: string[]): string {
  const nss = fs.mkdtempSync(path.join(tmp, `nss-${name}-`));
  const run = (args: string[]) => {
    const r = spawnSync("certutil", args, { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`certutil ${args.join(" ")}: ${r.stderr || r.error}`);
  };
  run(["-N", "-d", `sql:${nss}`, "--empty-password"]);
  caPems.forEach((pem, i) => {
    const file = path.join(nss, `ca-${i}.pem`);
    fs.writeFileSync(file, pem);
    run(["-A", "-d", `sql:${nss}`, "-n", `zhiji-ca-${i}`, "-t", "C,C,C", "-a", "-i", file]);
  });
  const file = path.join(tmp, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  return spawnSync("pdfsig", ["-nssdir", `sql:${nss}`, file], { encoding: "utf8" }).stdout;
}

/** openssl's check of the PDF's CMS over its signed ranges against a CA file (what a relying party does offline). */
function opensslAgainst(pdf: Buffer, caFile: string, name: string) {
  const [a, b, c, d] = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/.exec(pdf.toString("latin1"))!.slice(1).map(Number);
  const padded = Buffer.from(pdf.subarray(a + b + 1, c - 1).toString("latin1"), "hex");
  const lenBytes = padded[1] & 0x7f;
  const derLength = 2 + lenBytes + padded.subarray(2, 2 + lenBytes).reduce((n, x) => n * 256 + x, 0);
  const sig = path.join(tmp, `${name}.der`);
  const signed = path.join(tmp, `${name}.bin`);
  fs.writeFileSync(sig, padded.subarray(0, derLength));
  fs.writeFileSync(signed, Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]));
  return spawnSync("openssl", ["cms", "-verify", "-binary", "-inform", "DER", "-in", sig, "-content", signed, "-CAfile", caFile, "-purpose", "any", "-out", "/dev/null"], { encoding: "utf8" });
}

let A: KeySet;
let B: KeySet;

beforeAll(async () => {
  for (const v of VARS) saved[v] = process.env[v];
  t = await useFreshDatabase();
  w = await seedWorld();
  registerCertificateJobs();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "zhiji-rotation-"));
  A = makeKeySet("a", "Zhiji Signing CA 2026");
  B = makeKeySet("b", "Zhiji Signing CA 2027");
}, 120_000);

afterAll(async () => {
  for (const v of VARS) {
    if (saved[v] === undefined) delete process.env[v];
    else process.env[v] = saved[v];
  }
  resetEnvCache();
  forgetKeysFiles();
  await t?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe(`signing key rotation (${DB})`, () => {
  it("old and new certificates verify after a rotation (API and offline); the bundle holds both CAs; A's checkpoint still verifies; A after its retirement is foreign", async () => {
    // Key A is the portal's key: a certificate and a checkpoint.
    useKey(A);
    const one = await certified("L2");
    expect(verifySignedPdf(one.pdf, A.caPem)).toMatchObject({ intact: true, signedByPortal: true });
    expect(await verifyCertificate(one.pdf)).toMatchObject({ valid: true, reasonCode: "valid" });
    const cpA = await createCheckpoint(w.users.ministry1);
    expect(cpA.signatureValid).toBe(true);

    // Rotation: A retired now (the P12 as configured, paths relative to the keys file), B configured.
    const retiredAt = new Date();
    const keysFile = writeKeysFile("signing-keys.json", [
      { id: "2026", p12Path: "a/signer.p12", passphraseFile: "a/signer.passphrase", caPemPath: "a/ca.pem", validUntil: retiredAt.toISOString() },
    ]);
    await new Promise((r) => setTimeout(r, 5)); // the next award is strictly after A's retirement
    useKey(B, keysFile);
    const two = await certified("L3");
    expect(two.cert.issuedAt.getTime()).toBeGreaterThan(retiredAt.getTime());
    expect(verifySignedPdf(two.pdf, B.caPem).signedByPortal).toBe(true);
    expect(verifySignedPdf(two.pdf, A.caPem).signedByPortal).toBe(false);

    // Both verify through the API's function and the public route.
    expect(await verifyCertificate(one.pdf)).toMatchObject({ valid: true, reasonCode: "valid", certificate: { number: one.cert.number } });
    expect(await verifyCertificate(two.pdf)).toMatchObject({ valid: true, reasonCode: "valid", certificate: { number: two.cert.number } });
    for (const pdf of [one.pdf, two.pdf]) {
      const res = await verifyRoute(new Request("http://x/api/v1/verify", { method: "POST", headers: { "content-type": "application/pdf" }, body: new Uint8Array(pdf) }), { params: Promise.resolve({}) });
      expect(await res.json()).toMatchObject({ valid: true });
    }

    // The CA bundle holds both CAs, the current one first; the trust anchors list each with its period.
    const res = await caRoute(new Request("http://x/api/v1/trust/ca.pem"), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    const bundle = await res.text();
    expect(bundle.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(2);
    expect(bundle.indexOf(B.caPem.trim())).toBe(0);
    expect(bundle).toContain(A.caPem.trim());
    const bundleFile = path.join(tmp, "bundle.pem");
    fs.writeFileSync(bundleFile, bundle);
    const anchors = await getTrustAnchors();
    expect(anchors.map((a) => [a.subject, a.current])).toEqual([
      ["CN=Zhiji Signing CA 2027, O=Zhiji", true],
      ["CN=Zhiji Signing CA 2026, O=Zhiji", false],
    ]);
    expect(anchors[1].signedUntil.toISOString()).toBe(retiredAt.toISOString());
    expect(anchors[1].fingerprint256).toBe(new crypto.X509Certificate(A.caPem).fingerprint256);

    // Offline: pdfsig finds each signature valid over the whole document; openssl chains each to the bundle.
    for (const [pdf, name] of [[one.pdf, "one"], [two.pdf, "two"]] as const) {
      const out = pdfsig(pdf, `${name}.pdf`);
      expect(out).toContain("Signature is Valid");
      expect(out).toContain("Total document signed");
      expect(out).toContain("Zhiji Certificate Signing");
      expect(opensslAgainst(pdf, bundleFile, name).stderr).toContain("Verification successful");
    }
    // …and each only against its own CA.
    fs.writeFileSync(path.join(tmp, "b-only.pem"), B.caPem);
    expect(opensslAgainst(one.pdf, path.join(tmp, "b-only.pem"), "one-b").status).not.toBe(0);
    // pdfsig's own trust check agrees: with both CAs trusted each signer is trusted; with only B, A's is not.
    for (const [pdf, name] of [[one.pdf, "one"], [two.pdf, "two"]] as const) {
      const out = pdfsigTrusting(pdf, `${name}-both`, [A.caPem, B.caPem]);
      expect(out).toContain("Signature is Valid");
      expect(out).toContain("Certificate is Trusted");
    }
    const untrusted = pdfsigTrusting(one.pdf, "one-b-only", [B.caPem]);
    expect(untrusted).toContain("Signature is Valid");
    expect(untrusted).not.toContain("Certificate is Trusted");

    // A signed this PDF; a certificate row issued after A's retirement makes it foreign.
    await db().certificate.update({ where: { id: one.cert.id }, data: { issuedAt: new Date(retiredAt.getTime() + 60_000) } });
    expect(await verifyCertificate(one.pdf)).toMatchObject({ valid: false, reasonCode: "foreign", certificate: null });
    await db().certificate.update({ where: { id: one.cert.id }, data: { issuedAt: one.cert.issuedAt } });
    expect((await verifyCertificate(one.pdf)).valid).toBe(true);

    // The checkpoint signed with A still verifies; a new one is signed with B (anchored on A's).
    const cpB = await createCheckpoint(w.users.ministry1);
    const listed = await listCheckpoints(w.users.ministry1);
    expect(listed.find((c) => c.id === cpA.id)).toMatchObject({ signatureValid: true, headMatches: true });
    expect(listed.find((c) => c.id === cpB.id)).toMatchObject({ signatureValid: true, headMatches: true });
    // A checkpoint "signed" with A after A's retirement does not.
    await db().auditCheckpoint.update({ where: { id: cpA.id }, data: { signedAt: new Date(retiredAt.getTime() + 60_000) } });
    expect((await listCheckpoints(w.users.ministry1)).find((c) => c.id === cpA.id)?.signatureValid).toBe(false);
    await db().auditCheckpoint.update({ where: { id: cpA.id }, data: { signedAt: new Date(cpA.signedAt) } });

    // Forgetting the keys file: A's certificate is no longer the portal's.
    useKey(B);
    expect(await verifyCertificate(one.pdf)).toMatchObject({ valid: false, reasonCode: "foreign" });
    expect(await verifyCertificate(two.pdf)).toMatchObject({ valid: true });

    // A retired key may be declared by its signer certificate alone (its private key destroyed).
    useKey(B, writeKeysFile("by-cert.json", [{ id: "2026", certPemPath: A.certPem, caPemPath: A.ca, validUntil: retiredAt.toISOString() }]));
    expect(await verifyCertificate(one.pdf)).toMatchObject({ valid: true });
    expect((await getPortalKeyring()).held.map((k) => k.id)).toEqual(["current", "2026"]);
  });

  it("an expired current key signs nothing and fails readiness; its CA is still listed", async () => {
    const old = makeKeySet("expired", "Zhiji Signing CA 2020", { notBefore: new Date(Date.now() - 3 * 365 * 24 * 3600 * 1000), signerYears: 1 });
    useKey(old);
    await expect(getPortalSigningKey()).rejects.toThrow(/current key expired at/);
    const ready = await checkReadiness();
    expect(ready.failing).toContain("signingKey");
    expect((await getTrustAnchors())[0]).toMatchObject({ subject: "CN=Zhiji Signing CA 2020, O=Zhiji", current: true });

    // A valid key with a broken keys file: readiness names the signing key too.
    useKey(B, writeKeysFile("broken.json", [{ id: "x", caPemPath: A.ca, validUntil: new Date().toISOString() }]));
    await expect(getPortalSigningKey()).resolves.toBeTruthy();
    expect((await checkReadiness()).failing).toContain("signingKey");
    useKey(B);
    expect((await checkReadiness()).failing).not.toContain("signingKey");
  });

  it("the keys file: one line naming the entry and the problem", async () => {
    // Retired an hour from now (whole seconds): after the test key's notBefore whenever the test runs.
    const until = new Date(Math.floor(Date.now() / 1000) * 1000 + 60 * 60 * 1000).toISOString();
    const entry = { id: "2026", certPemPath: A.certPem, caPemPath: A.ca, validUntil: until };
    await expect(readKeysFile(writeKeysFile("k1.json", [{ ...entry, validUntil: undefined }]))).rejects.toThrow(/entry 0\.validUntil/);
    await expect(readKeysFile(writeKeysFile("k2.json", [{ ...entry, p12Path: A.p12 }]))).rejects.toThrow(/exactly one of certPemPath or p12Path/);
    await expect(readKeysFile(writeKeysFile("k3.json", [entry, entry]))).rejects.toThrow(/used twice/);
    await expect(readKeysFile(writeKeysFile("k4.json", [{ ...entry, validUntil: "tomorrow" }]))).rejects.toThrow(/ISO 8601/);
    await expect(readKeysFile(writeKeysFile("k5.json", [{ ...entry, caPemPath: B.ca }]))).rejects.toThrow(/not issued by its CA/);
    await expect(readKeysFile(writeKeysFile("k6.json", [{ ...entry, validFrom: "2027-01-01T00:00:00Z" }]))).rejects.toThrow(/not before validUntil/);
    await expect(readKeysFile(writeKeysFile("k7.json", [{ ...entry, p12Path: A.p12, certPemPath: undefined, passphrase: "wrong" }]))).rejects.toThrow(/cannot open the P12/);
    // A production portal passes the development CA under data/keys: an entry chaining to it is refused.
    await expect(readKeysFile(writeKeysFile("k9.json", [entry]), fs.readFileSync(A.ca, "utf8"))).rejects.toThrow(/entry "2026" names the development CA/);
    await expect(readKeysFile(writeKeysFile("k10.json", [entry]), fs.readFileSync(B.ca, "utf8"))).resolves.toHaveLength(1);
    const [held] = await readKeysFile(writeKeysFile("k8.json", [entry]));
    expect(held).toMatchObject({ id: "2026", current: false });
    expect(held.validUntil.toISOString()).toBe(until);
  });
});
