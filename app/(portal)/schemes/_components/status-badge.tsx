import { getTranslations } from "next-intl/server";
import type { SchemeStatus } from "@/lib/schemes";

const LOOK: Record<SchemeStatus, { key: string; className: string }> = {
  draft: { key: "statusDraft", className: "bg-amber-100 text-amber-900" },
  proposed: { key: "statusProposed", className: "bg-sky-100 text-sky-900" },
  approved: { key: "statusApproved", className: "bg-violet-100 text-violet-900" },
  published: { key: "statusPublished", className: "bg-emerald-100 text-emerald-800" },
};

export async function StatusBadge({ status, inForce }: { status: SchemeStatus; inForce?: boolean }) {
  const t = await getTranslations("schemes");
  const look = LOOK[status] ?? LOOK.draft;
  return (
    <>
      <span data-testid="scheme-status" data-status={status} className={`rounded-full px-2 py-0.5 text-xs font-medium ${look.className}`}>
        {t(look.key)}
      </span>
      {inForce && (
        <span data-testid="in-force-badge" className="rounded-full border border-emerald-300 px-2 py-0.5 text-xs font-medium text-emerald-800">
          {t("inForceBadge")}
        </span>
      )}
    </>
  );
}
