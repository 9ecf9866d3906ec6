import "server-only";
import { db } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";

/** Every accreditation with its lab, and the lab organisations one can be added for. */
export async function listAccreditations(actor: SessionUser) {
  assertCan(actor, "accreditation:manage");
  const database = db();
  const [accreditations, labs] = await Promise.all([
    database.labAccreditation.findMany({ include: { lab: true }, orderBy: [{ lab: { name: "asc" } }, { category: "asc" }] }),
    database.organization.findMany({ where: { kind: "lab" }, orderBy: { name: "asc" } }),
  ]);
  return { accreditations, labs };
}
