// Findings (ministry and secretariat): every finding of every pilot by status, with the step each
// reader may take; the ministry can record one on any case by its id.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/page-guards";
import { can } from "@/lib/permissions";
import { listFindings } from "@/lib/audit/findings/list-findings";
import { queryObject } from "@/lib/audit/filters";
import { Card } from "@/app/_components/ui/card";
import { AuditNav } from "../audit-nav";
import { FindingList } from "./finding-list";
import { RecordFindingForm } from "./finding-forms";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const STATUSES = ["pending", "open", "answered", "closed", "all"] as const;
type StatusFilter = (typeof STATUSES)[number];

export default async function AuditFindings({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePermission("audit:read");
  const t = await getTranslations("audit");
  const q = queryObject(await searchParams);
  const status: StatusFilter = (STATUSES as readonly string[]).includes(q.status ?? "") ? (q.status as StatusFilter) : "pending";
  const findings = await listFindings(user, status === "all" ? {} : { status });

  return (
    <section data-testid="audit-findings">
      <h1 className="mb-4 text-2xl font-semibold">{t("title")}</h1>
      <AuditNav current="findings" />
      <p className="mb-4 text-sm text-slate-600">{t("findings.hint")}</p>
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title={t("findings.title")} className="lg:col-span-2" testId="findings-list">
          <nav aria-label={t("findings.status")} className="mb-4 flex flex-wrap gap-2 text-sm">
            {STATUSES.map((s) => (
              <Link
                key={s}
                href={s === "pending" ? "/audit/findings" : `/audit/findings?status=${s}`}
                aria-current={s === status ? "page" : undefined}
                data-testid={`findings-status-${s}`}
                className={`rounded-full px-3 py-1 ${s === status ? "bg-brand text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200"}`}
              >
                {t(`findings.statuses.${s}`)}
              </Link>
            ))}
          </nav>
          <FindingList findings={findings} user={user} />
        </Card>
        {can(user, "finding:create") && (
          <Card title={t("findings.record")} testId="findings-record">
            <RecordFindingForm />
          </Card>
        )}
      </div>
    </section>
  );
}
