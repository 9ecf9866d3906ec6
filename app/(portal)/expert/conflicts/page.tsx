// An expert's conflicts of interest (docs/domain.md#conflict-declarations): declare the vendors and
// labs one has a conflict with, see the history (withdrawn ones stay listed), withdraw one.
// Panel assignment refuses the expert on those organisations' cases while a declaration holds.
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/page-guards";
import { CONFLICT_KINDS, conflictOrganizations, listMyConflicts } from "@/lib/conflicts/declarations";
import { Card } from "@/app/_components/ui/card";
import { Badge } from "@/app/_components/ui/badge";
import { DeclareConflictForm, WithdrawConflictButton } from "./conflict-forms";

export default async function ExpertConflictsPage() {
  const user = await requireRole("expert");
  const t = await getTranslations("conflicts");
  const locale = await getLocale();
  const format = await getFormatter();
  const day = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeZone: "UTC" });
  const [conflicts, orgs] = await Promise.all([listMyConflicts(user), conflictOrganizations(user)]);
  const orgName = (o: { name: string; nameZh: string | null }) => (locale.startsWith("zh") && o.nameZh ? o.nameZh : o.name);
  const today = new Date().toISOString().slice(0, 10);
  return (
    <div className="space-y-6" data-testid="expert-conflicts">
      <nav className="text-sm">
        <Link href="/expert" className="text-brand hover:underline">
          ← {t("back")}
        </Link>
      </nav>
      <h1 className="text-xl font-semibold text-slate-900">{t("title")}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t("intro")}</p>
      <Card title={t("declareTitle")} testId="declare-conflict-card">
        <DeclareConflictForm orgs={orgs.map((o) => ({ id: o.id, label: orgName(o), kind: o.kind }))} kinds={CONFLICT_KINDS} today={today} />
      </Card>
      <Card title={t("listTitle")} testId="conflict-list-card">
        {conflicts.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="conflicts-empty">
            {t("empty")}
          </p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="conflict-list">
            {conflicts.map((c) => (
              <li key={c.id} className="flex flex-wrap items-start gap-3 py-3 text-sm" data-testid="conflict-row" data-in-force={c.inForce ? "true" : "false"}>
                <div className="min-w-0 flex-1 space-y-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="break-words font-medium">{orgName(c.organization)}</span>
                    <Badge tone="neutral">{t(`kinds.${c.kind}`)}</Badge>
                    {c.withdrawnAt ? (
                      <Badge tone="neutral" testId="conflict-status">{t("status.withdrawn")}</Badge>
                    ) : c.inForce ? (
                      <Badge tone="warning" testId="conflict-status">{t("status.inForce")}</Badge>
                    ) : (
                      <Badge tone="info" testId="conflict-status">{t("status.notInForce")}</Badge>
                    )}
                  </div>
                  <div className="text-slate-600">
                    {c.declaredUntil ? t("period", { from: day(c.declaredFrom), until: day(c.declaredUntil) }) : t("periodOpen", { from: day(c.declaredFrom) })}
                  </div>
                  {c.withdrawnAt && <div className="text-slate-600">{t("withdrawnOn", { date: day(c.withdrawnAt) })}</div>}
                  {c.note && <p className="break-words text-slate-700">{c.note}</p>}
                </div>
                {!c.withdrawnAt && <WithdrawConflictButton id={c.id} organization={orgName(c.organization)} />}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
