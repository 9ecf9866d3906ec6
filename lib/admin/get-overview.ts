import "server-only";
import { db } from "@/lib/db";
import { can, type SessionUser } from "@/lib/permissions";
import { domainError } from "@/lib/errors";

/** The admin home's counts. */
export async function getOverview(actor: SessionUser) {
  if (!can(actor, "user:manage") || !can(actor, "organization:manage") || !can(actor, "accreditation:manage")) {
    throw domainError("NOT_PERMITTED", { role: actor.role, permission: "user:manage" });
  }
  const database = db();
  const now = new Date();
  const [users, disabledUsers, organizations, activeAccreditations] = await Promise.all([
    database.user.count(),
    database.user.count({ where: { disabled: true } }),
    database.organization.count(),
    database.labAccreditation.count({ where: { validFrom: { lte: now }, validUntil: { gte: now } } }),
  ]);
  return { users, disabledUsers, organizations, activeAccreditations };
}
