// Findings as cards, each with the step its reader may take next (the permission table decides).
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { can, type SessionUser } from "@/lib/permissions";
import type { FindingView } from "@/lib/audit/findings/view";
import { Badge, type BadgeTone } from "@/app/_components/ui/badge";
import { AnswerFindingForm, CloseFindingForm } from "./finding-forms";

const SEVERITY_TONE: Record<string, BadgeTone> = { low: "neutral", medium: "warning", high: "danger" };
const STATUS_TONE: Record<string, BadgeTone> = { open: "info", answered: "progress", closed: "success" };

export async function FindingList({ findings, user, showCase = true }: { findings: FindingView[]; user: SessionUser; showCase?: boolean }) {
  const t = await getTranslations("audit.findings");
  const format = await getFormatter();
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  if (findings.length === 0) return <p className="text-sm text-slate-600">{t("empty")}</p>;
  return (
    <ul className="space-y-3">
      {findings.map((f) => (
        <li key={f.id} data-testid="finding" data-finding-id={f.id} data-status={f.status} className="rounded border border-slate-200 p-3">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <Badge tone={SEVERITY_TONE[f.severity] ?? "neutral"} testId="finding-severity">
              {t(`severities.${f.severity as "low" | "medium" | "high"}`)}
            </Badge>
            <Badge tone={STATUS_TONE[f.status] ?? "neutral"} testId="finding-status">
              {t(`statuses.${f.status as "open" | "answered" | "closed"}`)}
            </Badge>
            {showCase && (
              <Link href={`/cases/${encodeURIComponent(f.caseId)}`} className="text-brand hover:underline">
                {f.product}
              </Link>
            )}
          </div>
          <p className="mt-2 whitespace-pre-wrap text-sm" data-testid="finding-text">
            {f.text}
          </p>
          <p className="mt-1 text-xs text-slate-500">{t("recordedBy", { name: f.createdBy?.name ?? "—", at: when(f.createdAt) })}</p>
          {f.answer !== null && (
            <div className="mt-2 border-l-2 border-slate-300 pl-3">
              <p className="whitespace-pre-wrap text-sm" data-testid="finding-answer">
                {f.answer}
              </p>
              {f.answeredAt && <p className="mt-1 text-xs text-slate-500">{t("answeredBy", { name: f.answeredBy?.name ?? "—", at: when(f.answeredAt) })}</p>}
            </div>
          )}
          {f.closedAt && <p className="mt-1 text-xs text-slate-500">{t("closedBy", { name: f.closedBy?.name ?? "—", at: when(f.closedAt) })}</p>}
          <div className="mt-3">
            {f.status === "open" && can(user, "finding:answer") && <AnswerFindingForm findingId={f.id} />}
            {f.status === "answered" && can(user, "finding:close") && <CloseFindingForm findingId={f.id} />}
            {f.status === "open" && can(user, "finding:close") && <p className="text-xs text-slate-500">{t("needsAnswer")}</p>}
          </div>
        </li>
      ))}
    </ul>
  );
}
