// Public: the signed PDF exactly as it was issued (its bytes are what POST /verify recognises).
import "server-only";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";

export async function getCertificatePdf(publicId: string): Promise<{ number: string; pdf: Buffer }> {
  const row = await db().certificate.findUnique({ where: { publicId }, select: { number: true, pdf: true } });
  if (!row) throw notFound("CERTIFICATE_NOT_FOUND");
  return { number: row.number, pdf: Buffer.from(row.pdf) };
}
