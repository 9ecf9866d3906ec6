// Public: the CAs that certificate signatures chain to — the current key's and those of keys the
// portal held before (docs/deploy.md#rotating-the-signing-key) — each with its fingerprint and the
// period in which its keys signed, so anyone can check a downloaded ca.pem and verify certificate
// PDFs offline.
import "server-only";
import { getPortalKeyring } from "./portal-key";

export type TrustAnchor = {
  pem: string;
  subject: string;
  fingerprint256: string;
  /** The CA certificate's own end. */
  validTo: Date;
  /** When the portal signed with keys under this CA (the earliest start and latest end of its keys). */
  signedFrom: Date;
  signedUntil: Date;
  /** The current key chains to it. */
  current: boolean;
};

/** Every CA, the current key's first. */
export async function getTrustAnchors(): Promise<TrustAnchor[]> {
  const ring = await getPortalKeyring();
  return ring.cas.map((ca, i) => {
    const keys = ring.held.filter((k) => k.ca.fingerprint256 === ca.fingerprint256);
    return {
      pem: ring.caPems[i],
      subject: ca.subject.replace(/\n/g, ", "),
      fingerprint256: ca.fingerprint256,
      validTo: new Date(ca.validTo),
      signedFrom: new Date(Math.min(...keys.map((k) => k.validFrom.getTime()))),
      signedUntil: new Date(Math.max(...keys.map((k) => k.validUntil.getTime()))),
      current: keys.some((k) => k.current),
    };
  });
}

/** The current key's CA. */
export async function getTrustAnchor(): Promise<TrustAnchor> {
  return (await getTrustAnchors())[0];
}

/** Every CA in one PEM file (GET /api/v1/trust/ca.pem). */
export async function caBundlePem(): Promise<string> {
  return (await getPortalKeyring()).caPems.join("");
}
