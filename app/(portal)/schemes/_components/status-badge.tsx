import { getTranslations } from "next-intl/server";
import type { SchemeStatus } from "@/lib/schemes";

export async function StatusBadge({ status }: { status: SchemeStatus }) {
  const t = await getTranslations("schemes");
  return (
    <span
      data-testid="scheme-status"
      data-status={status}
      className={
        status === "published"
          ? "rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800"
          : "rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900"
      }
    >
      {t(status === "published" ? "statusPublished" : "statusDraft")}
    </span>
  );
}
