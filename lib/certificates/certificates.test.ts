import { execFileSync, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import forge from "node-forge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueCertificatePdf, renderCertificatePdf, type CertificatePdfData } from "./pdf";
import { signCheckpointCms, signWithPortalKey } from "./signing/cms";
import { clearSigningKeyCache, ensureDevKeys, keyFromP12, loadSigningKey, makeCert, type SigningKey } from "./signing/keys";
import { signPdf } from "./signing/sign-pdf";
import { verifyDetachedCms, verifySignedPdf } from "./verify-signature";
import { SAMPLE_CERTIFICATE } from "@/test/fixtures/certificate";

let tmp: string;
let key: SigningKey;
let logged: string[];

const sample = (over: Partial<CertificatePdfData> = {}): CertificatePdfData => ({ ...SAMPLE_CERTIFICATE, ...over });

function run(cmd: string, args: string[]): { code: number; out: string } {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

/** A CA + signer unrelated to the portal, as a SigningKey. */
async function foreignKey(dir: string): Promise<SigningKey> {
  const gen = () => crypto.generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
  });
  const ca = gen();
  const s = gen();
  const nb = new Date(Date.now() - 60_000);
  const caCert = makeCert({ subjectCN: "Other CA", issuer: null, publicKeyPem: ca.publicKey, signingKeyPem: ca.privateKey, notBefore: nb, years: 5, ca: true, organization: "Other" });
  const sCert = makeCert({ subjectCN: "Other Signer", issuer: caCert, publicKeyPem: s.publicKey, signingKeyPem: ca.privateKey, notBefore: nb, years: 5, ca: false, organization: "Other" });
  const p12 = Buffer.from(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(forge.pki.privateKeyFromPem(s.privateKey), [sCert, caCert], "pw", { algorithm: "3des" })).getBytes(), "binary");
  fs.writeFileSync(path.join(dir, "other-ca.pem"), forge.pki.certificateToPem(caCert));
  return keyFromP12(p12, "pw", forge.pki.certificateToPem(caCert), "config");
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "zhiji-cert-"));
  logged = [];
  clearSigningKeyCache();
  key = await loadSigningKey({ allowDevKeys: true, devKeysDir: path.join(tmp, "keys"), logger: (l) => logged.push(l) });
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("signing keys", () => {
  it("generates development keys once, logs one line, reuses them", async () => {
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/Generated development signing keys/);
    const dir = path.join(tmp, "keys");
    expect(fs.readdirSync(dir).sort()).toEqual(["ca.pem", "signer.p12", "signer.passphrase"]);
    expect(key.source).toBe("dev");
    const ca = new crypto.X509Certificate(key.caPem);
    const signer = new crypto.X509Certificate(key.signerCertPem);
    expect(ca.subject).toContain("CN=Zhiji Development CA");
    expect(ca.ca).toBe(true);
    expect(signer.subject).toContain("CN=Zhiji Certificate Signing");
    expect(signer.checkIssued(ca) && signer.verify(ca.publicKey)).toBe(true);
    const text = execFileSync("openssl", ["x509", "-noout", "-text"], { input: key.signerCertPem, encoding: "utf8" });
    expect(text).toMatch(/Digital Signature, Non Repudiation/);
    // openssl reads the P12 written by node-forge
    const p12File = path.join(dir, "signer.p12");
    const pass = fs.readFileSync(path.join(dir, "signer.passphrase"), "utf8").trim();
    expect(run("openssl", ["pkcs12", "-in", p12File, "-passin", `pass:${pass}`, "-nokeys", "-noout"]).code).toBe(0);

    // reuse: same key, no new log line (fresh cache, and concurrent callers)
    clearSigningKeyCache();
    const again = await Promise.all([ensureDevKeys(dir, (l) => logged.push(l)), ensureDevKeys(dir, (l) => logged.push(l))]);
    expect(logged).toHaveLength(1);
    expect(again[0].signerCertPem).toBe(key.signerCertPem);
    // memory cache
    const k1 = await loadSigningKey({ allowDevKeys: true, devKeysDir: dir });
    const k2 = await loadSigningKey({ allowDevKeys: true, devKeysDir: dir });
    expect(k1).toBe(k2);
  });

  it("concurrent first runs generate a single consistent set", async () => {
    const dir = path.join(tmp, "race");
    const lines: string[] = [];
    const keys = await Promise.all(Array.from({ length: 4 }, () => ensureDevKeys(dir, (l) => lines.push(l))));
    expect(lines).toHaveLength(1);
    for (const k of keys) expect(k.signerCertPem).toBe(keys[0].signerCertPem);
  });

  it("loads a configured P12 made by openssl (path and base64), and refuses a wrong CA or no config", async () => {
    const dir = path.join(tmp, "cfg");
    fs.mkdirSync(dir);
    const sh = (args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
    sh(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "30", "-subj", "/CN=Cfg CA",
      "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"]);
    sh(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "s.key", "-out", "s.csr", "-subj", "/CN=Cfg Signer"]);
    fs.writeFileSync(path.join(dir, "ext.cnf"), "keyUsage=critical,digitalSignature,nonRepudiation\nbasicConstraints=CA:FALSE\n");
    sh(["x509", "-req", "-in", "s.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "s.pem", "-days", "30", "-extfile", "ext.cnf"]);
    // OpenSSL 3 defaults: AES-256-CBC + PBKDF2, HMAC-SHA256 MAC
    sh(["pkcs12", "-export", "-inkey", "s.key", "-in", "s.pem", "-certfile", "ca.pem", "-out", "s.p12", "-passout", "pass:secret"]);
    const p12Path = path.join(dir, "s.p12");
    const caPemPath = path.join(dir, "ca.pem");
    const k = await loadSigningKey({ p12Path, passphrase: "secret", caPemPath });
    expect(k.source).toBe("config");
    expect(k.signerCertPem).toContain("BEGIN CERTIFICATE");
    const pdf = await issueCertificatePdf(sample(), k);
    expect(verifySignedPdf(pdf, k.caPem)).toMatchObject({ intact: true, signedByPortal: true });
    const kb = await loadSigningKey({ p12Base64: fs.readFileSync(p12Path).toString("base64"), passphrase: "secret", caPemPath });
    expect(kb.signerCertPem).toBe(k.signerCertPem);

    await expect(loadSigningKey({ p12Path, passphrase: "wrong", caPemPath })).rejects.toThrow(/cannot open the P12/);
    await expect(loadSigningKey({ p12Path, passphrase: "secret", caPem: key.caPem })).rejects.toThrow(/not issued by the configured CA/);
    await expect(loadSigningKey({})).rejects.toThrow(/no P12 configured/);
  });
});

describe("audit checkpoint CMS", () => {
  it("verifies with openssl cms against ca.pem, and fails after altering the data", () => {
    const dir = path.join(tmp, "cms");
    fs.mkdirSync(dir);
    const data = Buffer.from("checkpoint 42\nhead=7f3a…\n");
    const sig = signCheckpointCms(data, key);
    fs.writeFileSync(path.join(dir, "sig.der"), sig);
    fs.writeFileSync(path.join(dir, "data.txt"), data);
    fs.writeFileSync(path.join(dir, "ca.pem"), key.caPem);
    const verify = () =>
      run("openssl", ["cms", "-verify", "-binary", "-inform", "DER", "-in", path.join(dir, "sig.der"), "-content", path.join(dir, "data.txt"),
        "-CAfile", path.join(dir, "ca.pem"), "-purpose", "any", "-out", "/dev/null"]);
    const ok = verify();
    expect(ok.out).toContain("Verification successful");
    expect(ok.code).toBe(0);
    expect(verifyDetachedCms(sig, data, key.caPem)).toMatchObject({ intact: true, signedByPortal: true });

    fs.writeFileSync(path.join(dir, "data.txt"), Buffer.from("checkpoint 43\nhead=7f3a…\n"));
    const bad = verify();
    expect(bad.code).not.toBe(0);
    expect(bad.out).toMatch(/Verification failure|digest failure/i);

    const { signatureDer, certPem } = signWithPortalKey(data, key);
    expect(certPem).toBe(key.signerCertPem);
    expect(verifyDetachedCms(signatureDer, data, key.caPem).signedByPortal).toBe(true);
    expect(verifyDetachedCms(signatureDer, Buffer.from("other"), key.caPem).intact).toBe(false);
  });
});

describe("certificate PDF", () => {
  let pdf: Buffer;
  let file: string;
  beforeAll(async () => {
    pdf = await issueCertificatePdf(sample(), key);
    file = path.join(tmp, "cert.pdf");
    fs.writeFileSync(file, pdf);
  });

  it("pdfsig reports a valid signature covering the whole document", () => {
    const { out } = run("pdfsig", [file]);
    expect(out).toContain("Signature is Valid");
    expect(out).toContain("Total document signed");
    expect(out).toContain("ETSI.CAdES.detached");
  });

  it("pdftotext shows the number, the level and Chinese text", () => {
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    expect(text).toContain("AIT-2026-PHONE-000001");
    expect(text).toContain("L3");
    expect(text).toContain("辅助级");
    expect(text).toContain("人工智能终端智能化分级证书");
    expect(text).toContain("AI Terminal Intelligence Grading Certificate");
    expect(text).toContain("q3Jv9vE1mB4tC7xW0aLr2g");
    expect(execFileSync("pdfinfo", [file], { encoding: "utf8" })).toMatch(/Pages:\s+1\b[\s\S]*Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
  });

  it("embeds the CJK font as a subset", () => {
    const out = execFileSync("pdffonts", [file], { encoding: "utf8" });
    const rows = out.split("\n").slice(2).filter(Boolean);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r).toMatch(/^[A-Z]{6}\+NotoSansSC/);
      expect(r).toMatch(/\byes\s+yes\s+yes\b/); // emb sub uni
    }
  });

  it("verifySignedPdf: genuine, altered, foreign, unsigned", async () => {
    expect(verifySignedPdf(pdf, key.caPem)).toMatchObject({
      intact: true,
      signedByPortal: true,
      reason: "signature valid",
      signerSubject: expect.stringContaining("Zhiji Certificate Signing"),
    });

    // one byte changed inside the first signed range (in the page content) and in the second
    const [, b1, c1] = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/.exec(pdf.toString("latin1"))!.slice(1).map(Number);
    for (const pos of [Math.floor(b1 / 2), Math.floor((c1 + pdf.length) / 2), pdf.length - 20]) {
      const altered = Buffer.from(pdf);
      altered[pos] = altered[pos] ^ 0x01;
      expect(verifySignedPdf(altered, key.caPem)).toMatchObject({ intact: false, signedByPortal: false, reason: "document altered after signing" });
    }
    // bytes appended after signing (an incremental update) are not covered
    expect(verifySignedPdf(Buffer.concat([pdf, Buffer.from("\n% appended\n")]), key.caPem).intact).toBe(false);

    const other = await foreignKey(tmp);
    const foreign = await issueCertificatePdf(sample(), other);
    expect(verifySignedPdf(foreign, key.caPem)).toMatchObject({ intact: true, signedByPortal: false, reason: "signed by a key that is not the portal's" });
    expect(verifySignedPdf(foreign, other.caPem)).toMatchObject({ intact: true, signedByPortal: true });

    const unsigned = await renderCertificatePdf(sample(), { signaturePlaceholder: false });
    expect(verifySignedPdf(unsigned, key.caPem)).toMatchObject({ intact: false, signedByPortal: false, reason: "no signature found" });
    const placeholderOnly = await renderCertificatePdf(sample());
    expect(verifySignedPdf(placeholderOnly, key.caPem).reason).toBe("no signature found");
    // and signPdf works on it
    expect(verifySignedPdf(await signPdf(placeholderOnly, key), key.caPem).signedByPortal).toBe(true);
  });

  it("fits a long profile and long names on one page", async () => {
    const profile = Array.from({ length: 22 }, (_, i) => ({
      key: `element-${i + 1}`,
      title: { zh: `要素 ${i + 1} 的较长中文名称`, en: `Element ${i + 1} with a rather long English title` },
      level: i % 5 === 0 ? null : `L${(i % 4) + 1}`,
    }));
    const long = await issueCertificatePdf(
      sample({ profile, vendor: "非常长的厂商名称".repeat(6), product: { name: "产品".repeat(20), model: "M".repeat(40), softwareVersion: "1.0" } }),
      key,
    );
    const f = path.join(tmp, "long.pdf");
    fs.writeFileSync(f, long);
    expect(execFileSync("pdfinfo", [f], { encoding: "utf8" })).toMatch(/Pages:\s+1\b/);
    expect(run("pdfsig", [f]).out).toContain("Signature is Valid");
  });

  it("a revision shows R1 after the number and its versions covered (at most six lines), still on one page and signed", async () => {
    const kinds = [
      { zh: "软件", en: "Software" },
      { zh: "端侧模型", en: "On-device model" },
      { zh: "云端模型", en: "Cloud model" },
      { zh: "硬件", en: "Hardware" },
    ];
    const profile = Array.from({ length: 22 }, (_, i) => ({ key: `element-${i + 1}`, title: { zh: `要素 ${i + 1}`, en: `Element ${i + 1}` }, level: "L2" }));
    const versionsCovered = Array.from({ length: 9 }, (_, i) => ({ kind: kinds[i % 4], from: `v${i}.0 ${"x".repeat(i * 8)}`, to: `v${i + 1}.0` }));
    const revised = await issueCertificatePdf(sample({ number: "AIT-2026-PHONE-000001 R1", profile, versionsCovered }), key);
    const f = path.join(tmp, "revised.pdf");
    fs.writeFileSync(f, revised);
    expect(execFileSync("pdfinfo", [f], { encoding: "utf8" })).toMatch(/Pages:\s+1\b/);
    expect(run("pdfsig", [f]).out).toContain("Signature is Valid");
    const text = execFileSync("pdftotext", ["-layout", f, "-"], { encoding: "utf8" });
    expect(text).toContain("AIT-2026-PHONE-000001 R1");
    expect(text).toContain("覆盖版本");
    expect(text).toContain("Versions covered");
    // The newest five are printed; the four before them are counted.
    expect(text).toContain("另有 4 项更早的变更 and 4 earlier changes");
    expect(text).toMatch(/硬件 Hardware: v7\.0/);
    expect(text).toContain("v9.0");
    expect(text).not.toContain("v0.0");
    expect(text).not.toContain("v3.0");
  });

  it("timing: render + sign 20 certificates", async () => {
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) {
      await issueCertificatePdf(sample({ number: `AIT-2026-PHONE-${String(i + 2).padStart(6, "0")}` }), key);
    }
    const ms = performance.now() - t0;
    console.log(`[timing] 20 certificates rendered + signed in ${ms.toFixed(0)} ms (${(ms / 20).toFixed(1)} ms each); size ${(pdf.length / 1024).toFixed(0)} KiB`);
  });
});
