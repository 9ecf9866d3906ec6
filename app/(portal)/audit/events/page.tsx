// The audit explorer (ministry and secretariat): every event of the chain, filtered and paged by
// seq; the chain's verification and signed checkpoints; streamed exports.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/page-guards";
import { can, ROLES } from "@/lib/permissions";
import { AppError } from "@/lib/errors";
import { errorTexts } from "@/app/(portal)/_lib/error-text";
import { countAuditEvents, listAuditEvents, type ExplorerEvent } from "@/lib/audit/explorer/query";
import { DataTable } from "@/app/_components/ui/data-table";
import { listCheckpoints } from "@/lib/audit/checkpoints";
import { queryObject } from "@/lib/audit/filters";
import { AUDIT_EVENT_TYPES } from "@/lib/domain";
import { Card } from "@/app/_components/ui/card";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { buttonClass } from "@/app/_components/ui/button-class";
import { AuditNav } from "../audit-nav";
import { CreateCheckpointButton, VerifyChainButton } from "./chain-panel";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const FILTER_KEYS = ["caseId", "actorId", "role", "type", "from", "to"] as const;
/** The explorer suggests every type the chain records (the typed list); any other text can still be typed in. */
const KNOWN_TYPES = AUDIT_EVENT_TYPES;
const CONTROL = "mt-1 block w-full rounded border border-slate-300 px-3 py-2 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand";

function href(base: string, params: Record<string, string | undefined>) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `${base}?${s}` : base;
}

export default async function AuditEvents({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePermission("audit:read");
  const t = await getTranslations("audit");
  const tt = await getTranslations("table");
  const format = await getFormatter();
  const q = queryObject(await searchParams);
  const filters: Record<string, string | undefined> = Object.fromEntries(FILTER_KEYS.map((k) => [k, q[k]]));

  let page: { events: ExplorerEvent[]; nextBefore: number | null } = { events: [], nextBefore: null };
  let counts = { total: 0, newer: 0 };
  let filterError: string | null = null;
  try {
    [page, counts] = await Promise.all([listAuditEvents(user, { ...filters, before: q.before }), countAuditEvents(user, { ...filters, before: q.before })]);
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "INVALID_INPUT") throw e;
    // The fields' codes in the reader's language, never zod's English.
    const texts = await errorTexts();
    filterError = Object.entries(texts.fields(e)).map(([k, m]) => `${k}: ${m}`).join("; ") || texts.say({ reason: "INVALID_REQUEST" });
  }
  const checkpoints = await listCheckpoints(user, 10);
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "medium" });
  const exportHref = (what: "events" | "cases", fmt: "csv" | "json") =>
    href("/api/v1/audit/export", { what, format: fmt, ...(what === "events" ? filters : {}) });

  return (
    <section data-testid="audit-events">
      <h1 className="mb-4 text-2xl font-semibold">{t("title")}</h1>
      <AuditNav current="events" />

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("chain.title")} testId="card-chain">
          {can(user, "audit:verify") ? <VerifyChainButton /> : <p className="text-sm text-slate-600">{t("chain.onlyMinistry")}</p>}
        </Card>
        <Card title={t("export.title")} testId="card-export">
          <p className="mb-3 text-xs text-slate-500">{t("export.hint")}</p>
          <div className="flex flex-wrap gap-2">
            <a href={exportHref("events", "csv")} className={buttonClass("secondary")} data-testid="export-events-csv">
              {t("export.eventsCsv")}
            </a>
            <a href={exportHref("events", "json")} className={buttonClass("secondary")} data-testid="export-events-json">
              {t("export.eventsJson")}
            </a>
            <a href={exportHref("cases", "csv")} className={buttonClass("secondary")} data-testid="export-cases-csv">
              {t("export.casesCsv")}
            </a>
            <a href={exportHref("cases", "json")} className={buttonClass("secondary")} data-testid="export-cases-json">
              {t("export.casesJson")}
            </a>
          </div>
          {Object.values(filters).some(Boolean) && <p className="mt-2 text-xs text-slate-500">{t("export.filtered")}</p>}
        </Card>
      </div>

      <Card title={t("checkpoints.title")} testId="card-checkpoints" className="mt-6">
        <p className="mb-3 text-xs text-slate-500">{t("checkpoints.hint")}</p>
        {can(user, "audit:checkpoint") && (
          <div className="mb-4">
            <CreateCheckpointButton />
          </div>
        )}
        {checkpoints.length === 0 ? (
          <p className="text-sm text-slate-600">{t("checkpoints.empty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="checkpoints">
              <thead className="text-left text-xs text-slate-500">
                <tr>
                  <th className="py-1">{t("checkpoints.signedAt")}</th>
                  <th>{t("checkpoints.seq")}</th>
                  <th>{t("checkpoints.head")}</th>
                  <th>{t("checkpoints.signature")}</th>
                  <th>{t("checkpoints.headMatch")}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {checkpoints.map((c) => (
                  <tr key={c.id} className="border-t border-slate-100" data-testid="checkpoint" data-seq={c.seq}>
                    <td className="py-1">{when(c.signedAt)}</td>
                    <td>{c.seq}</td>
                    <td className="font-mono text-xs" title={c.head}>
                      {c.head.slice(0, 16)}…
                    </td>
                    <td>
                      <Badge tone={c.signatureValid ? "success" : "danger"}>{c.signatureValid ? t("checkpoints.valid") : t("checkpoints.invalid")}</Badge>
                    </td>
                    <td>
                      <Badge tone={c.headMatches ? "success" : "danger"}>{c.headMatches ? t("checkpoints.matches") : t("checkpoints.differs")}</Badge>
                    </td>
                    <td className="space-x-2 whitespace-nowrap text-xs">
                      <a className="text-brand hover:underline" href={`/api/v1/audit/checkpoints/${c.id}/statement`}>
                        {t("checkpoints.statement")}
                      </a>
                      <a className="text-brand hover:underline" href={`/api/v1/audit/checkpoints/${c.id}/signature`}>
                        {t("checkpoints.der")}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      <Card title={t("events.title")} testId="card-events" className="mt-6">
        <p className="mb-3 text-xs text-slate-500">{t("events.hint")}</p>
        <form method="get" className="mb-4 grid gap-3 sm:grid-cols-3 lg:grid-cols-7" data-testid="events-filter">
          <label className="text-sm font-medium text-slate-800">
            {t("events.caseId")}
            <input name="caseId" defaultValue={filters.caseId ?? ""} className={CONTROL} />
          </label>
          <label className="text-sm font-medium text-slate-800">
            {t("events.actorId")}
            <input name="actorId" defaultValue={filters.actorId ?? ""} className={CONTROL} />
          </label>
          <label className="text-sm font-medium text-slate-800">
            {t("events.role")}
            <select name="role" defaultValue={filters.role ?? ""} className={CONTROL}>
              <option value="">{t("events.anyRole")}</option>
              {[...ROLES, "system"].map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm font-medium text-slate-800">
            {t("events.type")}
            <input name="type" list="audit-event-types" defaultValue={filters.type ?? ""} className={CONTROL} />
            <datalist id="audit-event-types">
              {KNOWN_TYPES.map((ty) => (
                <option key={ty} value={ty} />
              ))}
            </datalist>
          </label>
          <label className="text-sm font-medium text-slate-800">
            {t("events.from")}
            <input type="date" name="from" defaultValue={filters.from ?? ""} className={CONTROL} />
          </label>
          <label className="text-sm font-medium text-slate-800">
            {t("events.to")}
            <input type="date" name="to" defaultValue={filters.to ?? ""} className={CONTROL} />
          </label>
          <div className="flex items-end gap-2">
            <button type="submit" className={buttonClass("primary")}>
              {t("events.filter")}
            </button>
            <Link href="/audit/events" className={buttonClass("secondary")}>
              {t("events.reset")}
            </Link>
          </div>
        </form>
        {filterError && (
          <div className="mb-3">
            <Alert tone="error" testId="events-filter-error">
              {t("filters.invalid", { message: filterError })}
            </Alert>
          </div>
        )}
        <DataTable
          caption={t("events.title")}
          rows={page.events}
          rowKey={(e) => String(e.seq)}
          rowTestId={() => "event-row"}
          rowData={(e) => ({ type: e.type, seq: String(e.seq) })}
          empty={t("events.empty")}
          testId="events-table"
          columns={[
            { header: t("events.seq"), cell: (e) => <span className="font-mono text-xs">{e.seq}</span> },
            { header: t("events.at"), className: "text-xs sm:whitespace-nowrap", cell: (e) => when(e.at) },
            {
              header: t("events.type"),
              cell: (e) => (
                <Link href={href("/audit/events", { ...filters, type: e.type })} className="break-all font-mono text-xs hover:underline">
                  {e.type}
                </Link>
              ),
            },
            {
              header: t("events.actor"),
              className: "text-xs",
              cell: (e) => (
                <>
                  {e.actorId ? (
                    <Link href={href("/audit/events", { ...filters, actorId: e.actorId })} title={t("events.filterByActor")} className="hover:underline">
                      {e.actorName ?? e.actorId}
                    </Link>
                  ) : (
                    t("events.system")
                  )}
                  <span className="block text-slate-500">{e.actorRole}</span>
                </>
              ),
            },
            {
              header: t("events.case"),
              className: "text-xs",
              cell: (e) =>
                e.caseId && (
                  <>
                    <Link href={href("/audit/events", { ...filters, caseId: e.caseId })} title={t("events.filterByCase")} className="font-mono hover:underline">
                      {e.caseId.slice(0, 10)}…
                    </Link>{" "}
                    <Link href={`/cases/${encodeURIComponent(e.caseId)}`} className="text-brand hover:underline">
                      {t("events.openCase")}
                    </Link>
                  </>
                ),
            },
            {
              header: t("events.payload"),
              cell: (e) => (
                <>
                  {e.redacted && (
                    <Badge tone="warning" title={t("events.sealedHint")}>
                      {t("events.sealed")}
                    </Badge>
                  )}
                  <details>
                    <summary className="cursor-pointer text-xs text-slate-600">{summary(e.payload)}</summary>
                    <pre className="mt-1 max-w-md overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-xs">{JSON.stringify(e.payload, null, 2)}</pre>
                  </details>
                </>
              ),
            },
            {
              header: t("events.hash"),
              cell: (e) => (
                <span className="font-mono text-xs" title={`prev ${e.prevHash}\nhash ${e.hash}`}>
                  {e.hash.slice(0, 12)}…
                </span>
              ),
            },
          ]}
        />
        {page.events.length > 0 && (
          <p className="mt-3 text-sm text-slate-600" data-testid="events-range" aria-live="polite">
            {tt("range", { from: format.number(counts.newer + 1), to: format.number(counts.newer + page.events.length), total: format.number(counts.total) })}
          </p>
        )}
        <div className="mt-4 flex gap-2">
          {q.before && (
            <Link href={href("/audit/events", filters)} className={buttonClass("secondary")} data-testid="events-newest">
              {t("events.newest")}
            </Link>
          )}
          {page.nextBefore && (
            <Link href={href("/audit/events", { ...filters, before: String(page.nextBefore) })} className={buttonClass("secondary")} data-testid="events-older">
              {t("events.older")}
            </Link>
          )}
        </div>
      </Card>
    </section>
  );
}

/** A one-line glimpse of a payload: its state change, or its first keys. */
function summary(payload: unknown): string {
  if (!payload || typeof payload !== "object") return String(payload ?? "");
  const p = payload as Record<string, unknown>;
  if (typeof p.to === "string") return `${typeof p.from === "string" ? p.from : "∅"} → ${p.to}`;
  return Object.keys(p).slice(0, 3).join(", ");
}
