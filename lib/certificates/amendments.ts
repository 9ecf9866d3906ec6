// What a certificate revision covers after after-care amendments (docs/domain.md#revisions): the
// case's frozen product with every amended change applied, oldest first. A software change replaces
// the software version; an on-device model, cloud model or hardware change is listed as a version
// covered. Every revision issued after an amendment (a later amendment, a downgrade, a new award)
// carries it.
import "server-only";
import type { Tx } from "@/lib/db";
import type { ProductSnapshot, VersionCovered } from "@/lib/cases/product-snapshot";

/** The bilingual names of the kinds of change, as the PDF prints them. */
export const CHANGE_KIND_TITLES: Record<string, { zh: string; en: string }> = {
  software: { zh: "软件", en: "Software" },
  on_device_model: { zh: "端侧模型", en: "On-device model" },
  cloud_model: { zh: "云端模型", en: "Cloud model" },
  hardware: { zh: "硬件", en: "Hardware" },
};

export function changeKindTitle(kind: string) {
  return CHANGE_KIND_TITLES[kind] ?? { zh: kind, en: kind };
}

/** One amended change case, as the revision needs it. */
export type Amendment = { id: string; kind: string; fromVersion: string; toVersion: string; concludedAt: Date | null };

/** The product with `amendments` applied in order; `versionsCovered` only when there are any. */
export function applyAmendments(base: ProductSnapshot, amendments: readonly Amendment[]): ProductSnapshot {
  let softwareVersion = base.softwareVersion;
  const covered: VersionCovered[] = [...(base.versionsCovered ?? [])];
  for (const a of amendments) {
    if (a.kind === "software") softwareVersion = a.toVersion;
    else covered.push({ kind: a.kind, from: a.fromVersion, to: a.toVersion });
  }
  const { versionsCovered: _drop, ...rest } = base;
  void _drop;
  return { ...rest, softwareVersion, ...(covered.length ? { versionsCovered: covered } : {}) };
}

/** Every amendment as one line for the PDF ("software 5.0.1 → 5.1.0"), software ones included. */
export function amendmentLines(amendments: readonly Amendment[]): VersionCovered[] {
  return amendments.map((a) => ({ kind: a.kind, from: a.fromVersion, to: a.toVersion }));
}

/**
 * The amendments a revision issued at `issuedAt` carries: the case's change cases that ended
 * `amended` or `downgraded` (never a surveillance), concluded at or before it, oldest first; `include` (the change
 * the revision is issued for) counts whatever its recorded conclusion time.
 */
export async function amendmentsUpTo(tx: Tx, caseId: string, issuedAt: Date, include: string | null = null): Promise<Amendment[]> {
  const rows = await tx.changeCase.findMany({
    where: {
      caseId,
      // A change concluded by a downgrade changed the product too: the lower level is for the new version.
      state: { in: ["amended", "downgraded"] },
      kind: { not: "surveillance" },
      OR: [{ concludedAt: { lte: issuedAt } }, ...(include ? [{ id: include }] : [])],
    },
    select: { id: true, kind: true, fromVersion: true, toVersion: true, concludedAt: true, openedAt: true },
  });
  const at = (r: (typeof rows)[number]) => (r.concludedAt ?? issuedAt).getTime();
  return rows
    .sort((a, b) => at(a) - at(b) || a.openedAt.getTime() - b.openedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(({ id, kind, fromVersion, toVersion, concludedAt }) => ({ id, kind, fromVersion, toVersion, concludedAt }));
}
