/**
 * Minimal CMS (RFC 5652) SignedData, detached, built with node-forge's ASN.1 and signed
 * with Node's crypto — used for both the PDF signature (PAdES / ETSI.CAdES.detached) and
 * the audit checkpoints.
 *
 * Signed attributes: contentType, messageDigest, signingCertificateV2 (RFC 5035, required
 * by CAdES/PAdES baseline) and, optionally, signingTime (PAdES forbids it: the time is in
 * the signature dictionary's /M instead).
 */
import "server-only";
import crypto from "node:crypto";
import forge from "node-forge";
import { getLoadedSigningKey, parseP12, type SigningKey } from "./keys";

const { asn1 } = forge;
const T = asn1.Type;
const C = asn1.Class;

export const OID = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  sha256: "2.16.840.1.101.3.4.2.1",
  sha384: "2.16.840.1.101.3.4.2.2",
  sha512: "2.16.840.1.101.3.4.2.3",
  sha1: "1.3.14.3.2.26",
  rsaEncryption: "1.2.840.113549.1.1.1",
  sha256WithRSA: "1.2.840.113549.1.1.11",
  ecdsaWithSHA256: "1.2.840.10045.4.3.2",
} as const;

type Asn1 = forge.asn1.Asn1;

const seq = (v: Asn1[]) => asn1.create(C.UNIVERSAL, T.SEQUENCE, true, v);
const set = (v: Asn1[]) => asn1.create(C.UNIVERSAL, T.SET, true, v);
const oid = (o: string) => asn1.create(C.UNIVERSAL, T.OID, false, asn1.oidToDer(o).getBytes());
const octets = (b: Buffer) => asn1.create(C.UNIVERSAL, T.OCTETSTRING, false, b.toString("binary"));
const int = (n: number) => asn1.create(C.UNIVERSAL, T.INTEGER, false, asn1.integerToDer(n).getBytes());
const nul = () => asn1.create(C.UNIVERSAL, T.NULL, false, "");
export const toDer = (a: Asn1) => Buffer.from(asn1.toDer(a).getBytes(), "binary");
export const fromDer = (b: Buffer, parseAllBytes = true) =>
  asn1.fromDer(forge.util.createBuffer(b.toString("binary")), { parseAllBytes } as never);

/** Issuer Name and serial INTEGER of a DER certificate, as ASN.1 (original encodings). */
export function issuerAndSerial(certDer: Buffer): { issuer: Asn1; serial: Asn1 } {
  const cert = fromDer(certDer);
  const tbs = (cert.value as Asn1[])[0].value as Asn1[];
  const off = tbs[0].tagClass === C.CONTEXT_SPECIFIC ? 1 : 0;
  return { serial: tbs[off], issuer: tbs[off + 2] };
}

/** DER SET OF: elements sorted by their encodings (OpenSSL re-encodes signed attributes before verifying). */
function derSetOf(items: Asn1[]): Asn1 {
  const enc = items.map((i) => ({ i, d: toDer(i) }));
  enc.sort((a, b) => Buffer.compare(a.d, b.d));
  return set(enc.map((e) => e.i));
}

export interface CmsSignOptions {
  /** Include a signingTime attribute (not for PAdES). */
  signingTime?: Date;
}

/**
 * Detached CMS SignedData over `content` with SHA-256, including the signer certificate
 * (and the rest of the P12 chain). Returns DER.
 */
export function signDetachedCms(content: Buffer, key: SigningKey, opts: CmsSignOptions = {}): Buffer {
  const { privateKey, certChainDer } = parseP12(key.p12, key.passphrase);
  const signerDer = certChainDer[0];
  const digest = crypto.createHash("sha256").update(content).digest();
  const certHash = crypto.createHash("sha256").update(signerDer).digest();
  const { issuer, serial } = issuerAndSerial(signerDer);

  const attr = (type: string, value: Asn1) => seq([oid(type), set([value])]);
  const attrs: Asn1[] = [
    attr(OID.contentType, oid(OID.data)),
    attr(OID.messageDigest, octets(digest)),
    attr(
      OID.signingCertificateV2,
      // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }
      // ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256 (omitted), certHash, issuerSerial }
      seq([
        seq([
          seq([
            octets(certHash),
            seq([
              seq([asn1.create(C.CONTEXT_SPECIFIC, 4, true, [issuer])]), // GeneralNames { directoryName }
              serial,
            ]),
          ]),
        ]),
      ]),
    ),
  ];
  if (opts.signingTime) {
    attrs.push(attr(OID.signingTime, asn1.create(C.UNIVERSAL, T.UTCTIME, false, asn1.dateToUtcTime(opts.signingTime))));
  }
  const signedAttrsSet = derSetOf(attrs);
  const signature = crypto.sign("sha256", toDer(signedAttrsSet), privateKey);
  const isEc = privateKey.asymmetricKeyType === "ec";
  // In the SignerInfo the attributes are [0] IMPLICIT (same content as the SET).
  const signedAttrsImplicit = asn1.create(C.CONTEXT_SPECIFIC, 0, true, signedAttrsSet.value as Asn1[]);

  const signerInfo = seq([
    int(1),
    seq([issuer, serial]),
    seq([oid(OID.sha256), nul()]),
    signedAttrsImplicit,
    isEc ? seq([oid(OID.ecdsaWithSHA256)]) : seq([oid(OID.rsaEncryption), nul()]),
    octets(signature),
  ]);
  const signedData = seq([
    int(1),
    set([seq([oid(OID.sha256), nul()])]),
    seq([oid(OID.data)]), // detached: no eContent
    asn1.create(C.CONTEXT_SPECIFIC, 0, true, certChainDer.map((d) => fromDer(d))),
    set([signerInfo]),
  ]);
  return toDer(seq([oid(OID.signedData), asn1.create(C.CONTEXT_SPECIFIC, 0, true, [signedData])]));
}

function resolveKey(key?: SigningKey): SigningKey {
  const k = key ?? getLoadedSigningKey();
  if (!k) throw new Error("No signing key loaded: call loadSigningKey() first or pass the key");
  return k;
}

/**
 * Signs an audit checkpoint: DER CMS SignedData, detached, SHA-256, signer certificate
 * (and chain) included, with a signingTime attribute. Verify it with:
 *
 *   openssl cms -verify -binary -inform DER -in sig.der -content data.txt -CAfile ca.pem -purpose any -out /dev/null
 *
 * (exit status 0 and "CMS Verification successful" on stderr; non-zero after any change
 * to data.txt.) `key` defaults to the key last loaded with loadSigningKey().
 */
export function signCheckpointCms(data: Buffer, key?: SigningKey): Buffer {
  return signDetachedCms(data, resolveKey(key), { signingTime: new Date() });
}

/** Same signature as {@link signCheckpointCms}, plus the signer certificate PEM. */
export function signWithPortalKey(data: Buffer, key?: SigningKey): { signatureDer: Buffer; certPem: string } {
  const k = resolveKey(key);
  return { signatureDer: signCheckpointCms(data, k), certPem: k.signerCertPem };
}
