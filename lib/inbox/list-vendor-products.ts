// A vendor organisation's products, each with its grading cases and certificates.
import "server-only";
import { db } from "@/lib/db";
import { assertCan, caseWhere, type SessionUser } from "@/lib/permissions";
import { liveStatus } from "@/lib/certificates/status";

export async function listVendorProducts(user: SessionUser, now = new Date()) {
  assertCan(user, "product:manage");
  const products = await db().product.findMany({
    where: { organizationId: user.organizationId },
    include: {
      cases: {
        // The same access rule as every case query, on top of the organisation filter.
        where: caseWhere(user),
        include: {
          schemeVersion: { select: { schemeId: true, version: true } },
          certificates: { orderBy: { issuedAt: "desc" } },
        },
        orderBy: { createdAt: "desc" },
      },
    },
    orderBy: { createdAt: "desc" },
    take: 300,
  });
  return products.map((p) => ({
    id: p.id,
    name: p.name,
    model: p.model,
    softwareVersion: p.softwareVersion,
    category: p.category,
    createdAt: p.createdAt,
    cases: p.cases.map((c) => ({
      id: c.id,
      state: c.state,
      scheme: { id: c.schemeVersion.schemeId, version: c.schemeVersion.version },
      claimedLevel: c.claimedLevel,
      awardedLevel: c.awardedLevel,
      createdAt: c.createdAt,
      certificates: c.certificates.map((cert) => ({
        number: cert.number,
        publicId: cert.publicId,
        level: cert.level,
        status: liveStatus(cert, now),
        issuedAt: cert.issuedAt,
        validUntil: cert.validUntil,
      })),
    })),
  }));
}
export type VendorProduct = Awaited<ReturnType<typeof listVendorProducts>>[number];
