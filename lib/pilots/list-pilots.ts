// The pilots, for the dashboard's filter, the secretariat's pilot page and the ministry's approvals.
import "server-only";
import { db } from "@/lib/db";
import { domainError } from "@/lib/errors";
import { can, type SessionUser } from "@/lib/permissions";
import { pilotJson } from "./pilot-json";

export type PilotSummary = ReturnType<typeof pilotJson>;

/** At most this many pilots are listed (a pilot is a national programme: a handful a year). */
export const PILOT_LIST_LIMIT = 200;

export async function listPilots(user: SessionUser): Promise<PilotSummary[]> {
  if (!can(user, "dashboard:read") && !can(user, "pilot:manage") && !can(user, "pilot:approve")) {
    throw domainError("NOT_PERMITTED", { role: user.role, permission: "pilot:manage" });
  }
  const rows = await db().pilot.findMany({ orderBy: [{ startsAt: "desc" }, { name: "asc" }], take: PILOT_LIST_LIMIT });
  return rows.map(pilotJson);
}

/** The categories a pilot's scope may name (the Category table), for the pilot form and pages. */
export async function pilotCategories(): Promise<{ key: string; nameZh: string; nameEn: string }[]> {
  return db().category.findMany({ select: { key: true, nameZh: true, nameEn: true }, orderBy: [{ sortOrder: "asc" }, { key: "asc" }], take: 100 });
}
