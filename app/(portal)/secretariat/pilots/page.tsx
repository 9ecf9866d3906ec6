// Pilots (docs/domain.md#pilots): the secretariat creates a pilot (a draft), a ministry user approves
// it, the secretariat opens it and later closes it. Both read the list, and download the pilot
// report for a period (CSV or PDF, the dashboard's figures: lib/pilots/report.ts).
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/page-guards";
import { can } from "@/lib/permissions";
import { listPilots, pilotCategories, type PilotSummary } from "@/lib/pilots/list-pilots";
import { DataTable } from "@/app/_components/ui/data-table";
import { Card } from "@/app/_components/ui/card";
import { Badge, type BadgeTone } from "@/app/_components/ui/badge";
import { PilotForm } from "./_components/pilot-form";
import { PilotEventForm } from "./_components/pilot-event-form";
import { ReportLinks } from "./_components/report-links";

const STATUS_TONES: Record<string, BadgeTone> = { draft: "neutral", approved: "warning", open: "success", closed: "neutral" };

export default async function PilotsPage() {
  const user = await requireRole("secretariat", "ministry");
  const [pilots, categories, t, format, locale] = await Promise.all([listPilots(user), pilotCategories(), getTranslations("pilots"), getFormatter(), getLocale()]);
  const zh = locale.startsWith("zh");
  const manage = can(user, "pilot:manage");
  const approve = can(user, "pilot:approve");
  const name = (p: PilotSummary) => (zh && p.nameZh ? p.nameZh : p.name);
  const category = (k: string) => {
    const c = categories.find((x) => x.key === k);
    return c ? (zh ? c.nameZh : c.nameEn) : k;
  };
  const day = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: "medium", timeZone: "Asia/Shanghai" }) : "…");
  // An exclusive end is shown as the last day it includes.
  const lastDay = (iso: string | null) => (iso ? day(new Date(new Date(iso).getTime() - 1).toISOString()) : "…");
  return (
    <section data-testid="pilots-page" className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <Card>
        <DataTable<PilotSummary>
          caption={t("list.caption")}
          rows={pilots}
          rowKey={(p) => p.id}
          empty={t("list.empty")}
          testId="pilots"
          columns={[
            { header: t("list.name"), cell: (p) => <span className="break-words font-medium" data-testid="pilot-row-name">{name(p)}</span> },
            {
              header: t("list.status"),
              cell: (p) => (
                <span data-testid="pilot-status" data-status={p.status}>
                  <Badge tone={STATUS_TONES[p.status] ?? "neutral"}>{t(`status.${p.status as "draft"}`)}</Badge>
                </span>
              ),
            },
            { header: t("list.scope"), cell: (p) => (p.scope.length === 0 ? t("list.allCategories") : p.scope.map(category).join(zh ? "、" : ", ")) },
            { header: t("list.window"), className: "sm:whitespace-nowrap", cell: (p) => `${day(p.applicationsFrom)} – ${lastDay(p.applicationsUntil)}` },
            { header: t("list.period"), className: "sm:whitespace-nowrap", cell: (p) => `${day(p.startsAt)} – ${lastDay(p.endsAt)}` },
            {
              header: t("list.actions"),
              cell: (p) => (
                <div className="flex flex-wrap gap-2">
                  {approve && p.status === "draft" && <PilotEventForm pilotId={p.id} type="APPROVE" />}
                  {manage && p.status === "approved" && <PilotEventForm pilotId={p.id} type="OPEN" />}
                  {manage && p.status === "open" && <PilotEventForm pilotId={p.id} type="CLOSE" />}
                  {p.status === "draft" && !approve && <span className="text-xs text-slate-600">{t("list.awaitingApproval")}</span>}
                </div>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t("report.title")} testId="pilot-report">
        <ReportLinks pilots={pilots.filter((p) => p.status !== "draft" && p.status !== "approved").map((p) => ({ id: p.id, name: name(p) }))} />
      </Card>
      {manage && (
        <Card title={t("form.title")} testId="pilot-new">
          <PilotForm categories={categories} />
        </Card>
      )}
    </section>
  );
}
