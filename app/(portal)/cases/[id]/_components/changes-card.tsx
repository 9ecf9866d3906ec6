// After-care on the case page (docs/domain.md#after-care): the change cases of a certified product
// (kind, versions, state, opened, outcome), each linking to its page; the vendor of a certified
// case reports a change here, the secretariat opens a surveillance.
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { can, type SessionUser } from "@/lib/permissions";
import { listCaseChanges, type ChangeSummary } from "@/lib/aftercare/queries";
import type { Scheme } from "@/lib/grading";
import { Card } from "@/app/_components/ui/card";
import { DataTable } from "@/app/_components/ui/data-table";
import { ChangeKind, ChangeStateBadge, FromTo } from "../../../changes/_components/change-badge";
import { levelLabel, pick } from "../../_lib/text";
import { ReportChangeForm, SurveillanceForm } from "./change-forms";

export async function ChangesCard({
  user,
  caseId,
  caseState,
  softwareVersion,
  scheme,
}: {
  user: SessionUser;
  caseId: string;
  caseState: string;
  softwareVersion: string;
  scheme: Scheme;
}) {
  if (!can(user, "change:read")) return null;
  const changes = await listCaseChanges(user, caseId);
  const aftercare = caseState === "certified" || caseState === "suspended";
  if (!aftercare && changes.length === 0) return null;
  const [t, format, locale] = await Promise.all([getTranslations("changes"), getFormatter(), getLocale()]);
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium" });
  // The version the certificate covers now: as applied, or as the last amended software change made it.
  const covered = changes.find((c) => c.kind === "software" && c.state === "amended")?.to ?? softwareVersion;
  const mayReport = caseState === "certified" && user.role === "vendor" && can(user, "change:report");
  const maySurveil = caseState === "certified" && user.role === "secretariat" && can(user, "change:surveil");
  const items = scheme.elements.flatMap((e) => e.items.map((i) => ({ key: i.key, label: pick(i.title, locale), element: pick(e.title, locale) })));
  const outcome = (c: ChangeSummary) =>
    c.outcome ? (
      <span data-testid="change-outcome" data-outcome={c.outcome}>
        {t(`outcomes.${c.outcome}`)}
        {c.outcome === "downgraded" && c.level ? ` · ${levelLabel(c.level, locale)}` : ""}
      </span>
    ) : (
      "—"
    );

  return (
    <Card id="case-changes" title={t("card.title")} testId="case-changes">
      <p className="mb-3 text-sm text-slate-600">{t("card.intro")}</p>
      <DataTable<ChangeSummary>
        caption={t("card.caption")}
        rows={changes}
        rowKey={(c) => c.id}
        rowData={(c) => ({ change: c.id, state: c.state, kind: c.kind })}
        empty={t("card.empty")}
        testId="case-changes-table"
        columns={[
          {
            header: t("columns.kind"),
            cell: (c) => (
              <Link href={`/changes/${encodeURIComponent(c.id)}`} className="text-brand hover:underline" data-testid="change-link">
                <ChangeKind kind={c.kind} />
              </Link>
            ),
          },
          { header: t("columns.fromTo"), cell: (c) => <FromTo from={c.from} to={c.to} /> },
          { header: t("columns.state"), cell: (c) => <ChangeStateBadge state={c.state} /> },
          { header: t("columns.opened"), className: "sm:whitespace-nowrap", cell: (c) => date(c.openedAt) },
          { header: t("columns.outcome"), cell: outcome },
        ]}
      />
      {mayReport && <ReportChangeForm caseId={caseId} from={covered} />}
      {maySurveil && <SurveillanceForm caseId={caseId} items={items} />}
    </Card>
  );
}
