// Which version a new application pins (docs/domain.md#scheme-governance): only a version in force
// (published, in effect, not past its transition); by default the newest in force.
import "server-only";
import { db, type Db, type Tx } from "@/lib/db";
import { domainError, type DomainCode, type DomainRef, type ParamValue } from "@/lib/errors";
import { compareVersionStrings, isInForce, type SchemeVersionRow } from "./versions";

function refusal(reason: DomainCode, params: Record<string, ParamValue>, field: string) {
  return domainError(reason, params, { fields: { [field]: { reason, params } as DomainRef } });
}

/** The versions of a scheme in force at `at`, newest first. */
export async function versionsInForce(database: Db | Tx, schemeId: string, at: Date): Promise<SchemeVersionRow[]> {
  const rows = await database.schemeVersion.findMany({ where: { schemeId, status: "published" } });
  return rows.filter((r) => isInForce(r, at)).sort((a, b) => compareVersionStrings(b.version, a.version));
}

/**
 * The version an application pins: the one asked for when it is in force, else the newest in force.
 * Refusals name the field: SCHEME_NOT_PUBLISHED (none in force), SCHEME_VERSION_NOT_PUBLISHED (no
 * such published version), SCHEME_VERSION_NOT_IN_FORCE (published, but not yet or no longer).
 */
export async function versionForApplication(
  database: Db | Tx,
  schemeId: string,
  version: string | undefined,
  at: Date,
): Promise<SchemeVersionRow> {
  const inForce = await versionsInForce(database, schemeId, at);
  if (!version) {
    if (inForce.length === 0) throw refusal("SCHEME_NOT_PUBLISHED", { schemeId }, "schemeId");
    return inForce[0];
  }
  const chosen = inForce.find((v) => v.version === version);
  if (chosen) return chosen;
  const published = await database.schemeVersion.findFirst({ where: { schemeId, version, status: "published" } });
  if (!published) {
    if (inForce.length === 0) throw refusal("SCHEME_NOT_PUBLISHED", { schemeId }, "schemeId");
    throw refusal("SCHEME_VERSION_NOT_PUBLISHED", { schemeId, version }, "schemeVersion");
  }
  throw refusal("SCHEME_VERSION_NOT_IN_FORCE", { schemeId, version, inForce: inForce.map((v) => v.version).join(", ") || "—" }, "schemeVersion");
}

/**
 * The same rule for a check outside a transaction (the wizard's scheme step): the version an
 * application would pin, or the refusal createCase would give.
 */
export function checkVersionForApplication(schemeId: string, version: string | undefined, at: Date = new Date()): Promise<SchemeVersionRow> {
  return versionForApplication(db(), schemeId, version, at);
}
