// The ministry's pilot approvals (docs/domain.md#pilots): the draft pilots waiting for a ministry
// user, each with its scope and window and the Approve button; a link to every pilot and its report.
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { SessionUser } from "@/lib/permissions";
import { listPilots, pilotCategories } from "@/lib/pilots/list-pilots";
import { Card } from "@/app/_components/ui/card";
import { PilotEventForm } from "../secretariat/pilots/_components/pilot-event-form";

export async function PilotApprovals({ user }: { user: SessionUser }) {
  const [pilots, categories, t, format, locale] = await Promise.all([listPilots(user), pilotCategories(), getTranslations("pilots"), getFormatter(), getLocale()]);
  const zh = locale.startsWith("zh");
  const drafts = pilots.filter((p) => p.status === "draft");
  const day = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: "medium", timeZone: "Asia/Shanghai" }) : "…");
  const lastDay = (iso: string | null) => (iso ? day(new Date(new Date(iso).getTime() - 1).toISOString()) : "…");
  const category = (k: string) => {
    const c = categories.find((x) => x.key === k);
    return c ? (zh ? c.nameZh : c.nameEn) : k;
  };
  return (
    <Card id="ministry-pilots" testId="ministry-pilots" title={t("ministry.title")}>
      {drafts.length === 0 ? (
        <p className="text-sm text-slate-600">{t("ministry.empty")}</p>
      ) : (
        <ul className="space-y-3">
          {drafts.map((p) => (
            <li key={p.id} className="flex flex-col gap-2 rounded border border-slate-200 p-3 sm:flex-row sm:items-center sm:justify-between" data-testid="ministry-pilot" data-pilot={p.id}>
              <div className="min-w-0 text-sm">
                <p className="break-words font-medium">{zh && p.nameZh ? p.nameZh : p.name}</p>
                <p className="text-slate-700">
                  {t("list.scope")}: {p.scope.length === 0 ? t("list.allCategories") : p.scope.map(category).join(zh ? "、" : ", ")}
                </p>
                <p className="text-slate-700">
                  {t("list.window")}: {day(p.applicationsFrom)} – {lastDay(p.applicationsUntil)}
                </p>
              </div>
              <PilotEventForm pilotId={p.id} type="APPROVE" />
            </li>
          ))}
        </ul>
      )}
      <p className="mt-3 text-sm">
        <Link href="/secretariat/pilots" className="text-brand hover:underline" data-testid="ministry-pilots-all">
          {t("ministry.all")}
        </Link>
      </p>
    </Card>
  );
}
