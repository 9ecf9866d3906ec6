/**
 * Independent check of a signed certificate PDF (and of detached CMS signatures in general).
 *
 * For the PDF: finds each /ByteRange + /Contents, checks that the ByteRange covers the whole
 * file except the /Contents hex string, recomputes the digest of the signed ranges, checks
 * the CMS messageDigest attribute against it and the signature against the signer
 * certificate; `signedByPortal` means the signer certificate chains to the given CA.
 */
import "server-only";
import crypto from "node:crypto";
import forge from "node-forge";
import { OID, fromDer, issuerAndSerial, toDer } from "./signing/cms";

export interface SignatureCheck {
  /** The signed bytes are unchanged and the signature is cryptographically valid. */
  intact: boolean;
  /** intact, and the signer certificate chains to the portal's CA. */
  signedByPortal: boolean;
  reason: string;
  signerSubject?: string;
  /** When intact: the signer certificate and the certificates the signature carries (lib/certificates/signing/keyring.ts). */
  signer?: crypto.X509Certificate;
  chain?: crypto.X509Certificate[];
}

/** The CA (PEM or parsed) a portal signature must chain to, or several: any of them (a rotated key's). */
export type TrustedCas = string | crypto.X509Certificate | readonly (string | crypto.X509Certificate)[];

export const REASONS = {
  none: "no signature found",
  altered: "document altered after signing",
  foreign: "signed by a key that is not the portal's",
  valid: "signature valid",
  malformed: "signature is malformed",
} as const;

type Asn1 = forge.asn1.Asn1;

const HASHES: Record<string, string> = {
  [OID.sha256]: "sha256",
  [OID.sha384]: "sha384",
  [OID.sha512]: "sha512",
  [OID.sha1]: "sha1",
};

const oidOf = (a: Asn1) => forge.asn1.derToOid(a.value as string);
const bytesOf = (a: Asn1) => Buffer.from(a.value as string, "binary");

interface CmsResult {
  ok: boolean;
  /** digest mismatch / bad signature (as opposed to malformed) */
  mismatch?: boolean;
  signer?: crypto.X509Certificate;
  certs?: crypto.X509Certificate[];
  error?: string;
}

/** Verifies a detached CMS SignedData (DER; trailing zero padding allowed) over `content`. */
function checkCms(cmsDer: Buffer, content: Buffer): CmsResult {
  let ci: Asn1;
  try {
    ci = fromDer(cmsDer, false);
  } catch (e) {
    return { ok: false, error: `cannot parse CMS: ${(e as Error).message}` };
  }
  try {
    const civ = ci.value as Asn1[];
    if (oidOf(civ[0]) !== OID.signedData) return { ok: false, error: "not a CMS SignedData" };
    const sd = ((civ[1].value as Asn1[])[0].value as Asn1[]).slice();
    sd.shift(); // version
    sd.shift(); // digestAlgorithms
    const encap = sd.shift()!;
    if ((encap.value as Asn1[]).length > 1) return { ok: false, error: "CMS is not detached" };
    const certDers: Buffer[] = [];
    let signerInfos: Asn1 | undefined;
    for (const el of sd) {
      if (el.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && el.type === 0) {
        for (const c of el.value as Asn1[]) certDers.push(toDer(c));
      } else if (el.tagClass === forge.asn1.Class.UNIVERSAL && el.type === forge.asn1.Type.SET) {
        signerInfos = el;
      }
    }
    const infos = (signerInfos?.value as Asn1[] | undefined) ?? [];
    if (infos.length !== 1) return { ok: false, error: `expected one SignerInfo, found ${infos.length}` };
    const si = (infos[0].value as Asn1[]).slice();
    si.shift(); // version
    const sid = si.shift()!;
    const digestAlg = oidOf((si.shift()!.value as Asn1[])[0]);
    let signedAttrs: Asn1 | undefined;
    if (si[0].tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && si[0].type === 0) signedAttrs = si.shift();
    const sigAlg = oidOf((si.shift()!.value as Asn1[])[0]);
    const signature = bytesOf(si.shift()!);

    const hash = HASHES[digestAlg];
    if (!hash) return { ok: false, error: `unsupported digest algorithm ${digestAlg}` };
    if (sigAlg === "1.2.840.113549.1.1.10") return { ok: false, error: "RSASSA-PSS signatures are not supported" };

    const certs = certDers.map((d) => new crypto.X509Certificate(d));
    // Signer: IssuerAndSerialNumber (the only form we produce) or SubjectKeyIdentifier.
    let signerIdx = -1;
    if (sid.tagClass === forge.asn1.Class.UNIVERSAL) {
      const want = toDer(sid);
      signerIdx = certDers.findIndex((d) => {
        const { issuer, serial } = issuerAndSerial(d);
        return toDer(forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SEQUENCE, true, [issuer, serial])).equals(want);
      });
    } else {
      const ski = bytesOf(sid).toString("hex");
      signerIdx = certDers.findIndex((d) => {
        const c = forge.pki.certificateFromAsn1(fromDer(d));
        return c.generateSubjectKeyIdentifier().toHex() === ski;
      });
    }
    if (signerIdx < 0) return { ok: false, error: "signer certificate not included in the signature" };
    const signer = certs[signerIdx];

    const contentDigest = crypto.createHash(hash).update(content).digest();
    let signedBytes: Buffer;
    if (signedAttrs) {
      const attrs = signedAttrs.value as Asn1[];
      const md = attrs.find((a) => oidOf((a.value as Asn1[])[0]) === OID.messageDigest);
      if (!md) return { ok: false, error: "no messageDigest attribute" };
      const mdValue = bytesOf(((md.value as Asn1[])[1].value as Asn1[])[0]);
      if (!mdValue.equals(contentDigest)) return { ok: false, mismatch: true, signer, certs, error: "digest mismatch" };
      // The signature covers the DER of the attributes with the SET OF tag.
      signedBytes = toDer(forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, attrs));
    } else {
      signedBytes = content;
    }
    const ok = crypto.verify(hash, signedBytes, signer.publicKey, signature);
    if (!ok) return { ok: false, mismatch: true, signer, certs, error: "bad signature" };
    return { ok: true, signer, certs };
  } catch (e) {
    return { ok: false, error: `malformed CMS: ${(e as Error).message}` };
  }
}

/** True when `cert` chains (through certificates in `pool`) to the CA in `caPem`. */
export function chainsTo(cert: crypto.X509Certificate, pool: crypto.X509Certificate[], caPem: string | crypto.X509Certificate): boolean {
  let ca: crypto.X509Certificate;
  try {
    ca = typeof caPem === "string" ? new crypto.X509Certificate(caPem) : caPem;
  } catch {
    return false;
  }
  let cur = cert;
  for (let depth = 0; depth < 6; depth++) {
    if (cur.fingerprint256 === ca.fingerprint256) return true;
    if (cur.checkIssued(ca) && cur.verify(ca.publicKey)) return true;
    const next = pool.find(
      (p) => p.fingerprint256 !== cur.fingerprint256 && p.ca && cur.checkIssued(p) && cur.verify(p.publicKey),
    );
    if (!next) return false;
    cur = next;
  }
  return false;
}

const subjectOf = (c?: crypto.X509Certificate) => c?.subject.replace(/\n/g, ", ");

/** Verifies a detached CMS signature over `content` (e.g. an audit checkpoint). */
export function verifyDetachedCms(cmsDer: Buffer, content: Buffer, caPem: TrustedCas): SignatureCheck {
  const r = checkCms(cmsDer, content);
  if (!r.ok) {
    return {
      intact: false,
      signedByPortal: false,
      reason: r.mismatch ? "data altered after signing" : `${REASONS.malformed} (${r.error})`,
      signerSubject: subjectOf(r.signer),
    };
  }
  const cas = Array.isArray(caPem) ? (caPem as readonly (string | crypto.X509Certificate)[]) : [caPem as string | crypto.X509Certificate];
  const portal = cas.some((ca) => chainsTo(r.signer!, r.certs!, ca));
  return {
    intact: true,
    signedByPortal: portal,
    reason: portal ? REASONS.valid : REASONS.foreign,
    signerSubject: subjectOf(r.signer),
    signer: r.signer,
    chain: r.certs,
  };
}

/** More signature dictionaries than any real document carries: refused without looking further. */
export const MAX_SIGNATURES = 16;
/** The largest CMS we parse (hex in the file is twice this); ours is ~3 KB in a 16 KB placeholder. */
export const MAX_CMS_BYTES = 64 * 1024;
// The numbers of a /ByteRange array sit right after the key; a longer run is not a signature.
const BYTE_RANGE_WINDOW = 128;
const BYTE_RANGE_AT = /^\/ByteRange\s*\[\s*(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s*\]/;
const BYTE_RANGE_KEY = Buffer.from("/ByteRange", "latin1");
const CONTENTS_KEY = Buffer.from("/Contents", "latin1");

/** Work done by one {@link verifySignedPdf} call, for tests that check it stays bounded. */
export interface PdfScanStats {
  /** /ByteRange keys seen (the scan stops one past {@link MAX_SIGNATURES}). */
  candidates: number;
  /** Signatures whose CMS was parsed and checked (at most one). */
  cmsChecked: number;
}

/**
 * Verifies the signature of a PDF. The document counts as intact when the last signature that
 * covers the whole file (all but its own /Contents) verifies; it is signed by the portal when
 * that signer chains to `caPem` (or to one of several CAs; whether that key was the portal's on the
 * document's date is the caller's question, lib/certificates/signing/keyring.ts).
 *
 * Linear in the size of the file and capped: one pass finds at most {@link MAX_SIGNATURES}
 * /ByteRange keys (more is refused as malformed), each array is read from a small window, and
 * only one signature — the last one covering the whole file — is hashed and checked, with its
 * CMS at most {@link MAX_CMS_BYTES}. Earlier signatures of an incrementally updated file cover
 * only a prefix, so they cannot make the whole document intact anyway.
 */
export function verifySignedPdf(pdf: Buffer, caPem: TrustedCas, stats?: PdfScanStats): SignatureCheck {
  const seen = stats ?? { candidates: 0, cmsChecked: 0 };
  let parsed = 0;
  let whole: { a: number; b: number; c: number; d: number } | null = null;
  for (let at = pdf.indexOf(BYTE_RANGE_KEY); at >= 0; at = pdf.indexOf(BYTE_RANGE_KEY, at + BYTE_RANGE_KEY.length)) {
    seen.candidates++;
    if (seen.candidates > MAX_SIGNATURES) {
      return { intact: false, signedByPortal: false, reason: `${REASONS.malformed} (more than ${MAX_SIGNATURES} signature dictionaries)` };
    }
    const m = BYTE_RANGE_AT.exec(pdf.toString("latin1", at, Math.min(pdf.length, at + BYTE_RANGE_WINDOW)));
    if (!m) continue;
    parsed++;
    const [a, b, c, d] = m.slice(1, 5).map(Number);
    if (a === 0 && b > 0 && c > b + 1 && c + d === pdf.length) whole = { a, b, c, d };
  }
  if (parsed === 0) {
    // A /ByteRange that does not parse (e.g. an unfilled placeholder or edited numbers).
    if (seen.candidates > 0 && hasFilledContents(pdf)) return { intact: false, signedByPortal: false, reason: REASONS.altered };
    return { intact: false, signedByPortal: false, reason: REASONS.none };
  }
  // Signatures exist, but none covers the whole file: something was added or changed after signing.
  if (!whole) return { intact: false, signedByPortal: false, reason: REASONS.altered };
  const { a, b, c, d } = whole;
  if (c - b - 2 > 2 * MAX_CMS_BYTES) {
    return { intact: false, signedByPortal: false, reason: `${REASONS.malformed} (signature larger than ${MAX_CMS_BYTES} bytes)` };
  }
  const contents = pdf.toString("latin1", b, c);
  if (!/^<[0-9a-fA-F]*>$/.test(contents)) return { intact: false, signedByPortal: false, reason: REASONS.altered };
  seen.cmsChecked++;
  const signed = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  const check = verifyDetachedCms(Buffer.from(contents.slice(1, -1), "hex"), signed, caPem);
  return check.intact ? check : { ...check, reason: REASONS.altered };
}

const isHexDigit = (ch: number) => (ch >= 0x30 && ch <= 0x39) || (ch >= 0x41 && ch <= 0x46) || (ch >= 0x61 && ch <= 0x66);
const isSpace = (ch: number) => ch === 0x20 || ch === 0x0a || ch === 0x0d || ch === 0x09;

/** Whether some `/Contents <hex>` holds a non-zero digit (a placeholder that was filled in). One pass. */
function hasFilledContents(pdf: Buffer): boolean {
  for (let at = pdf.indexOf(CONTENTS_KEY); at >= 0; at = pdf.indexOf(CONTENTS_KEY, at + CONTENTS_KEY.length)) {
    let i = at + CONTENTS_KEY.length;
    while (i < pdf.length && isSpace(pdf[i])) i++;
    if (pdf[i] !== 0x3c) continue; // "<"
    let filled = false;
    for (i++; i < pdf.length && isHexDigit(pdf[i]); i++) if (pdf[i] !== 0x30) filled = true;
    if (filled && pdf[i] === 0x3e) return true; // ">"
  }
  return false;
}
