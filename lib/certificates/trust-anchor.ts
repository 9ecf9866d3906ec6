// Public: the CA that every certificate signature chains to, and its fingerprint, so anyone can
// check a downloaded ca.pem and verify certificate PDFs offline.
import crypto from "node:crypto";
import { getPortalSigningKey } from "./portal-key";

export async function getTrustAnchor() {
  const { caPem } = await getPortalSigningKey();
  const ca = new crypto.X509Certificate(caPem);
  return {
    pem: caPem,
    subject: ca.subject.replace(/\n/g, ", "),
    fingerprint256: ca.fingerprint256,
    validTo: new Date(ca.validTo),
  };
}
