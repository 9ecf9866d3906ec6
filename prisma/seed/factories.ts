// Seed factories shared by the demo seed and the tests. Each is idempotent on its natural key
// (organisation name, user email, pilot name, scheme id+version), so seeding twice changes nothing.
import crypto from "node:crypto";
import type { Db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/permissions";
import { canonicalJson } from "@/lib/audit/chain";

export type OrgKind = "vendor" | "lab" | "working_group" | "ministry" | "operator";

export const uniqueSuffix = () => crypto.randomBytes(4).toString("hex");

export async function ensureOrganization(database: Db, o: { name: string; nameZh?: string; kind: OrgKind }) {
  return (
    (await database.organization.findUnique({ where: { name: o.name } })) ??
    database.organization.create({ data: { name: o.name, nameZh: o.nameZh, kind: o.kind } })
  );
}

export async function ensureUser(
  database: Db,
  u: { email: string; name: string; role: Role; organizationId: string; password?: string; isDemo?: boolean },
  /** Hashes the password (bcrypt, ~0.1 s a call): the demo seed passes one that hashes its shared password once. */
  hash: (plain: string) => Promise<string> = hashPassword,
) {
  const existing = await database.user.findUnique({ where: { email: u.email } });
  if (existing) return existing;
  return database.user.create({
    data: {
      email: u.email,
      name: u.name,
      role: u.role,
      organizationId: u.organizationId,
      passwordHash: u.password ? await hash(u.password) : null,
      isDemo: u.isDemo ?? false,
    },
  });
}

export async function ensureAffiliation(database: Db, userId: string, organizationId: string, note?: string) {
  return database.expertAffiliation.upsert({
    where: { userId_organizationId: { userId, organizationId } },
    create: { userId, organizationId, note },
    update: {},
  });
}

export async function ensureAccreditation(
  database: Db,
  a: { labOrgId: string; category: string; validFrom: Date; validUntil: Date },
) {
  return database.labAccreditation.upsert({
    where: { labOrgId_category: { labOrgId: a.labOrgId, category: a.category } },
    create: a,
    update: {},
  });
}

export async function ensurePilot(
  database: Db,
  p: { name: string; nameZh?: string; startsAt: Date; endsAt?: Date; stageLimits?: Record<string, number> },
) {
  return (
    (await database.pilot.findUnique({ where: { name: p.name } })) ??
    database.pilot.create({
      data: {
        name: p.name,
        nameZh: p.nameZh,
        startsAt: p.startsAt,
        endsAt: p.endsAt,
        stageLimits: JSON.stringify(p.stageLimits ?? { screening: 10, testing: 45, review: 20, decision: 10 }),
      },
    })
  );
}

export async function ensurePublishedScheme(
  database: Db,
  scheme: { id: string; version: string; category: string },
) {
  const where = { schemeId_version: { schemeId: scheme.id, version: scheme.version } };
  return (
    (await database.schemeVersion.findUnique({ where })) ??
    database.schemeVersion.create({
      data: {
        schemeId: scheme.id,
        version: scheme.version,
        category: scheme.category,
        status: "published",
        definition: canonicalJson(scheme),
        publishedAt: new Date(),
      },
    })
  );
}

/**
 * A revised scheme version proposed for comment (docs/domain.md#schemes): status "proposed", open
 * for comments for `commentDays` from `now`, based on the version it revises. Never overwrites a
 * version that already exists (whatever its status).
 */
export async function ensureProposedScheme(
  database: Db,
  scheme: { id: string; version: string; category: string },
  p: { basedOn: string; now: Date; commentDays: number },
) {
  const where = { schemeId_version: { schemeId: scheme.id, version: scheme.version } };
  return (
    (await database.schemeVersion.findUnique({ where })) ??
    database.schemeVersion.create({
      data: {
        schemeId: scheme.id,
        version: scheme.version,
        category: scheme.category,
        status: "proposed",
        definition: canonicalJson(scheme),
        basedOn: p.basedOn,
        proposedAt: p.now,
        commentsUntil: new Date(p.now.getTime() + p.commentDays * 24 * 60 * 60 * 1000),
      },
    })
  );
}
