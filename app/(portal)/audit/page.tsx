// The pilot dashboard (ministry and secretariat): figures of one pilot, filtered by category and
// the period the cases were opened in. Every number comes from getPilotStats (lib/audit/stats.ts),
// the same function that answers GET /api/v1/pilots/{id}/stats.
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/page-guards";
import { can } from "@/lib/permissions";
import { AppError } from "@/lib/errors";
import { errorTexts } from "@/app/(portal)/_lib/error-text";
import { listPilots } from "@/lib/pilots/list-pilots";
import { getPilotStats, type PilotStatsReport } from "@/lib/audit/get-pilot-stats";
import { listCategories } from "@/lib/audit/list-categories";
import { listCategories as categoryTable, nameOf } from "@/lib/categories";
import { listFindings } from "@/lib/audit/findings/list-findings";
import { queryObject } from "@/lib/audit/filters";
import { DAY_MS } from "@/lib/audit/stats";
import { Card } from "@/app/_components/ui/card";
import { Alert } from "@/app/_components/ui/alert";
import { StateBadge } from "@/app/_components/ui/badge";
import { buttonClass } from "@/app/_components/ui/button-class";
import { AuditNav } from "./audit-nav";
import { LEVELS } from "@/lib/domain";
import { ComplaintChart, LabChart, LevelChart, StageTimeChart, StateChart } from "./charts";
import { StageLimitsForm } from "./stage-limits-form";
import { FindingList } from "./findings/finding-list";
import { AftercareCard } from "./aftercare-card";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const days = (ms: number | null) => (ms === null ? null : Math.round((ms / DAY_MS) * 10) / 10);
const CONTROL = "mt-1 block w-full rounded border border-slate-300 px-3 py-2 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand";

export default async function AuditDashboard({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePermission("dashboard:read");
  const t = await getTranslations("audit");
  const format = await getFormatter();
  const q = queryObject(await searchParams);
  const pilots = await listPilots(user);
  const pilot = pilots.find((p) => p.id === q.pilot) ?? pilots.find((p) => p.status === "open") ?? pilots[0];
  const categories = await listCategories(user);

  let stats: PilotStatsReport | null = null;
  let filterError: string | null = null;
  if (pilot) {
    try {
      stats = await getPilotStats(user, pilot.id, { category: q.category, from: q.from, to: q.to });
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== "INVALID_INPUT") throw e;
      // The fields' codes in the reader's language, never zod's English.
      const texts = await errorTexts();
      filterError = Object.entries(texts.fields(e)).map(([k, m]) => `${k}: ${m}`).join("; ") || texts.say({ reason: "INVALID_REQUEST" });
    }
  }
  const findings = pilot ? await listFindings(user, { pilotId: pilot.id, status: "pending" }, 10) : [];
  const num = (n: number | null, digits = 1) => (n === null ? t("stages.none") : format.number(n, { maximumFractionDigits: digits }));
  const pct = (n: number | null) => (n === null ? t("stages.none") : format.number(n, { style: "percent", maximumFractionDigits: 1 }));
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium" });
  const locale = await getLocale();
  const pilotName = (p: { name: string; nameZh: string | null }) => (locale === "zh-CN" && p.nameZh ? p.nameZh : p.name);
  // Category names come from the Category table (docs/domain.md#categories).
  const categoryRows = await categoryTable();
  const category = (c: string) => { const n = nameOf(categoryRows, c); return locale === "zh-CN" ? n.zh : n.en; };
  const caseLink = (id: string, label: string) => (
    <Link href={`/cases/${encodeURIComponent(id)}`} className="text-brand hover:underline">
      {label}
    </Link>
  );

  return (
    <section data-testid="audit-dashboard">
      <h1 className="mb-4 text-2xl font-semibold">{t("title")}</h1>
      <AuditNav current="dashboard" />

      {!pilot ? (
        <Alert>{t("noPilot")}</Alert>
      ) : (
        <div className="space-y-6">
          <Card title={t("filters.title")}>
            <form method="get" className="grid gap-3 sm:grid-cols-5" data-testid="dashboard-filter">
              <label className="text-sm font-medium text-slate-800">
                {t("filters.pilot")}
                <select name="pilot" defaultValue={pilot.id} className={CONTROL}>
                  {pilots.map((p) => (
                    <option key={p.id} value={p.id}>
                      {pilotName(p)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="text-sm font-medium text-slate-800">
                {t("filters.category")}
                <select name="category" defaultValue={q.category ?? ""} className={CONTROL}>
                  <option value="">{t("filters.allCategories")}</option>
                  {categories.map((c) => (
                    <option key={c} value={c}>
                      {category(c)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="text-sm font-medium text-slate-800">
                {t("filters.from")}
                <input type="date" name="from" defaultValue={q.from ?? ""} className={CONTROL} />
              </label>
              <label className="text-sm font-medium text-slate-800">
                {t("filters.to")}
                <input type="date" name="to" defaultValue={q.to ?? ""} className={CONTROL} />
              </label>
              <div className="flex items-end gap-2">
                <button type="submit" className={buttonClass("primary")}>
                  {t("filters.apply")}
                </button>
                <Link href="/audit" className={buttonClass("secondary")}>
                  {t("filters.reset")}
                </Link>
              </div>
              <p className="text-xs text-slate-500 sm:col-span-5">{t("filters.periodHint")}</p>
            </form>
            {filterError && (
              <div className="mt-3">
                <Alert tone="error" testId="dashboard-filter-error">
                  {t("filters.invalid", { message: filterError })}
                </Alert>
              </div>
            )}
          </Card>

          {stats && (
            <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="dashboard-report">
              <span className="text-slate-700">{t("report.label")}</span>
              {(["pdf", "csv"] as const).map((f) => (
                <a
                  key={f}
                  href={`/api/v1/pilots/${encodeURIComponent(pilot.id)}/report?${new URLSearchParams({ format: f, ...(q.category ? { category: q.category } : {}), ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) })}`}
                  className={buttonClass("secondary")}
                  data-testid={`dashboard-report-${f}`}
                >
                  {t(`report.${f}`)}
                </a>
              ))}
            </p>
          )}

          {stats && (
            <>
              <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 xl:grid-cols-7" data-testid="dashboard-kpis">
                {[
                  ["cases", format.number(stats.totalCases)],
                  ["overLimit", format.number(stats.overLimit.total)],
                  ["overdueSuspensions", format.number(stats.overdueSuspensions.total)],
                  ["openComplaints", format.number(stats.complaints.open)],
                  ["openFindings", format.number(stats.findings.open + stats.findings.answered)],
                  ["unanimous", pct(stats.panels.unanimousShare)],
                  ["deviations", format.number(stats.deviations.total)],
                ].map(([k, v]) => (
                  <div key={k} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-testid={`kpi-${k}`}>
                    <dt className="text-xs text-slate-500">{t(`kpi.${k as "cases"}`)}</dt>
                    <dd className="text-2xl font-semibold">{v}</dd>
                  </div>
                ))}
              </dl>

              <div className="grid gap-6 lg:grid-cols-2">
                <Card title={t("states.title")} testId="card-states">
                  {stats.casesByState.length === 0 ? (
                    <p className="text-sm text-slate-600">{t("states.empty")}</p>
                  ) : (
                    <>
                      <StateChart data={stats.casesByState} />
                      <ul className="mt-3 flex flex-wrap gap-2 text-sm" data-testid="state-counts">
                        {stats.casesByState.map((s) => (
                          <li key={s.state} className="flex items-center gap-1" data-state={s.state}>
                            <StateBadge state={s.state} testId={`state-${s.state}`} /> <span>{format.number(s.count)}</span>
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                </Card>

                <Card title={t("stages.title")} testId="card-stages">
                  <StageTimeChart
                    data={stats.stageTimes.map((s) => ({ stage: s.stage, median: days(s.medianMs), p90: days(s.p90Ms), limit: s.limitDays }))}
                  />
                  <table className="mt-3 w-full text-sm" data-testid="stage-times">
                    <thead className="text-left text-xs text-slate-500">
                      <tr>
                        <th className="py-1">{t("stages.stage")}</th>
                        <th>{t("stages.samples")}</th>
                        <th>{t("stages.median")}</th>
                        <th>{t("stages.p90")}</th>
                        <th>{t("stages.limit")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {stats.stageTimes.map((s) => (
                        <tr key={s.stage} className="border-t border-slate-100" data-stage={s.stage}>
                          <td className="py-1">{t(`stages.${s.stage}`)}</td>
                          <td>{format.number(s.samples)}</td>
                          <td>{num(days(s.medianMs))}</td>
                          <td>{num(days(s.p90Ms))}</td>
                          <td>{num(s.limitDays, 0)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  <p className="mt-2 text-xs text-slate-500">{t("stages.hint")}</p>
                </Card>
              </div>

              <Card title={t("overLimit.title")} testId="card-over-limit">
                {stats.overLimit.total === 0 ? (
                  <p className="text-sm text-slate-600">{t("overLimit.empty")}</p>
                ) : (
                  <>
                    <table className="w-full text-sm">
                      <thead className="text-left text-xs text-slate-500">
                        <tr>
                          <th className="py-1">{t("overLimit.case")}</th>
                          <th>{t("overLimit.stage")}</th>
                          <th>{t("overLimit.since")}</th>
                          <th>{t("overLimit.days")}</th>
                          <th>{t("overLimit.limit")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {stats.overLimit.cases.map((c) => (
                          <tr key={c.caseId} className="border-t border-slate-100" data-testid="over-limit-case">
                            <td className="py-1">{caseLink(c.caseId, c.product)}</td>
                            <td>{t(`stages.${c.stage}`)}</td>
                            <td>{when(c.enteredAt)}</td>
                            <td>{num(days(c.elapsedMs))}</td>
                            <td>{c.limitDays}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                    {stats.overLimit.total > stats.overLimit.cases.length && (
                      <p className="mt-2 text-xs text-slate-500">{t("overLimit.more", { shown: stats.overLimit.cases.length, total: stats.overLimit.total })}</p>
                    )}
                  </>
                )}
              </Card>

              <div className="grid gap-6 lg:grid-cols-2">
                <Card title={t("dueProcess.title")} testId="card-overdue-suspensions">
                  {stats.overdueSuspensions.total === 0 ? (
                    <p className="text-sm text-slate-600">{t("dueProcess.empty")}</p>
                  ) : (
                    <>
                      <table className="w-full text-sm">
                        <thead className="text-left text-xs text-slate-500">
                          <tr>
                            <th className="py-1">{t("dueProcess.case")}</th>
                            <th>{t("dueProcess.correctBy")}</th>
                            <th>{t("dueProcess.daysOverdue")}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {stats.overdueSuspensions.cases.map((c) => (
                            <tr key={c.caseId} className="border-t border-slate-100" data-testid="overdue-suspension">
                              <td className="py-1">{caseLink(c.caseId, c.product)}</td>
                              <td>{when(c.correctBy)}</td>
                              <td>{format.number(c.daysOverdue)}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                      {stats.overdueSuspensions.total > stats.overdueSuspensions.cases.length && (
                        <p className="mt-2 text-xs text-slate-500">
                          {t("dueProcess.more", { shown: stats.overdueSuspensions.cases.length, total: stats.overdueSuspensions.total })}
                        </p>
                      )}
                    </>
                  )}
                </Card>
                <Card title={t("dueProcess.complaintsTitle")} testId="card-complaints">
                  {stats.complaints.received === 0 ? (
                    <p className="text-sm text-slate-600">{t("dueProcess.complaintsEmpty")}</p>
                  ) : (
                    <>
                      <ComplaintChart data={stats.complaints} />
                      <dl className="mt-3 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4" data-testid="complaint-figures">
                        {(
                          [
                            ["received", format.number(stats.complaints.received)],
                            ["open", format.number(stats.complaints.open)],
                            ["closed", format.number(stats.complaints.closed)],
                            ["medianDays", num(days(stats.complaints.medianCloseMs))],
                          ] as const
                        ).map(([k, v]) => (
                          <div key={k} data-testid={`complaints-${k}`}>
                            <dt className="text-xs text-slate-500">{t(`dueProcess.${k}`)}</dt>
                            <dd className="text-xl font-semibold">{v}</dd>
                          </div>
                        ))}
                      </dl>
                    </>
                  )}
                  <p className="mt-2 text-xs text-slate-500">{t("dueProcess.complaintsHint")}</p>
                </Card>
              </div>

              <AftercareCard user={user} />

              <div className="grid gap-6 lg:grid-cols-2">
                <Card title={t("levels.title")} testId="card-levels">
                  {stats.levels.byCategory.length === 0 ? (
                    <p className="text-sm text-slate-600">{t("levels.empty")}</p>
                  ) : (
                    <>
                      <LevelChart testId="chart-levels" data={stats.levels.byCategory.map((c) => ({ ...c, name: category(c.category) }))} />
                      <table className="mt-3 w-full text-sm" data-testid="level-table">
                        <thead className="text-left text-xs text-slate-500">
                          <tr>
                            <th className="py-1">{t("levels.category")}</th>
                            {LEVELS.map((l) => (
                              <th key={l}>{l}</th>
                            ))}
                            <th>{t("levels.total")}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {stats.levels.byCategory.map((c) => (
                            <tr key={c.category} className="border-t border-slate-100">
                              <td className="py-1">{category(c.category)}</td>
                              {LEVELS.map((l) => (
                                <td key={l}>{c[l]}</td>
                              ))}
                              <td>{c.total}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </>
                  )}
                </Card>
                <Card title={t("levels.elementsTitle")} testId="card-elements">
                  {stats.levels.byElement.length === 0 ? (
                    <p className="text-sm text-slate-600">{t("levels.empty")}</p>
                  ) : (
                    <LevelChart
                      testId="chart-elements"
                      withNone
                      data={stats.levels.byElement.map((e) => ({
                        ...e,
                        name: `${category(e.category)} · ${t.has(`elements.${e.element}`) ? t(`elements.${e.element as "memory"}`) : e.element}`,
                      }))}
                    />
                  )}
                </Card>
              </div>

              <div className="grid gap-6 lg:grid-cols-2">
                <Card title={t("labs.title")} testId="card-labs">
                  {stats.labs.length === 0 ? (
                    <p className="text-sm text-slate-600">{t("labs.empty")}</p>
                  ) : (
                    <>
                      <LabChart data={stats.labs.map((l) => ({ name: l.labName, reports: l.reportsSubmitted, medianDays: days(l.medianTestingMs) }))} />
                      <table className="mt-3 w-full text-sm" data-testid="lab-table">
                        <thead className="text-left text-xs text-slate-500">
                          <tr>
                            <th className="py-1">{t("labs.lab")}</th>
                            <th>{t("labs.reports")}</th>
                            <th>{t("labs.median")}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {stats.labs.map((l) => (
                            <tr key={l.labOrgId} className="border-t border-slate-100">
                              <td className="py-1">{l.labName}</td>
                              <td>{format.number(l.reportsSubmitted)}</td>
                              <td>{num(days(l.medianTestingMs))}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </>
                  )}
                </Card>
                <Card title={t("panels.title")} testId="card-panels">
                  {stats.panels.closed === 0 ? (
                    <p className="text-sm text-slate-600">{t("panels.empty")}</p>
                  ) : (
                    <dl className="grid grid-cols-3 gap-3 text-sm">
                      <div>
                        <dt className="text-xs text-slate-500">{t("panels.closed")}</dt>
                        <dd className="text-xl font-semibold" data-testid="panels-closed">{format.number(stats.panels.closed)}</dd>
                      </div>
                      <div>
                        <dt className="text-xs text-slate-500">{t("panels.unanimousShare")}</dt>
                        <dd className="text-xl font-semibold" data-testid="panels-unanimous">{pct(stats.panels.unanimousShare)}</dd>
                      </div>
                      <div>
                        <dt className="text-xs text-slate-500">{t("panels.majorityShare")}</dt>
                        <dd className="text-xl font-semibold" data-testid="panels-majority">{pct(stats.panels.meanMajorityShare)}</dd>
                      </div>
                    </dl>
                  )}
                </Card>
              </div>

              <Card title={t("deviations.title")} testId="card-deviations">
                {stats.deviations.total === 0 ? (
                  <p className="text-sm text-slate-600">{t("deviations.empty")}</p>
                ) : (
                  <>
                    <table className="w-full text-sm">
                      <thead className="text-left text-xs text-slate-500">
                        <tr>
                          <th className="py-1">{t("deviations.case")}</th>
                          <th>{t("deviations.awarded")}</th>
                          <th>{t("deviations.recommended")}</th>
                          <th>{t("deviations.lab")}</th>
                          <th>{t("deviations.differsFrom")}</th>
                          <th>{t("deviations.justification")}</th>
                          <th>{t("deviations.decided")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {stats.deviations.cases.map((d) => (
                          <tr key={d.caseId} className="border-t border-slate-100 align-top" data-testid="deviation">
                            <td className="py-1">{caseLink(d.caseId, d.product)}</td>
                            <td>{d.awardedLevel}</td>
                            <td>
                              {d.recommendedVerdict && t.has(`verdicts.${d.recommendedVerdict}`) ? t(`verdicts.${d.recommendedVerdict as "approve"}`) : "—"}
                              {d.recommendedLevel ? ` ${d.recommendedLevel}` : ""}
                            </td>
                            <td>{d.labLevel ?? "—"}</td>
                            <td>{d.differsFrom.map((x) => (x === "lab" ? t("deviations.labShort") : t("deviations.recommendation"))).join(", ")}</td>
                            <td className="max-w-xs whitespace-pre-wrap">{d.justification ?? "—"}</td>
                            <td>
                              {when(d.decidedAt)}
                              {d.decidedBy ? ` · ${d.decidedBy}` : ""}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                    {stats.deviations.total > stats.deviations.cases.length && (
                      <p className="mt-2 text-xs text-slate-500">{t("deviations.more", { shown: stats.deviations.cases.length, total: stats.deviations.total })}</p>
                    )}
                  </>
                )}
              </Card>
            </>
          )}

          <Card
            title={t("findingsBox.title")}
            testId="card-findings"
            actions={
              <Link href="/audit/findings" className="text-sm text-brand hover:underline">
                {t("findingsBox.all")}
              </Link>
            }
          >
            {findings.length === 0 ? <p className="text-sm text-slate-600">{t("findingsBox.empty")}</p> : <FindingList findings={findings} user={user} />}
          </Card>

          {can(user, "pilot:manage") && (
            <Card title={`${t("limits.title")} · ${pilotName(pilot)}`} testId="card-limits">
              <p className="mb-3 text-sm text-slate-600">{t("limits.hint")}</p>
              <StageLimitsForm pilotId={pilot.id} limits={pilot.stageLimits} />
            </Card>
          )}
        </div>
      )}
    </section>
  );
}
