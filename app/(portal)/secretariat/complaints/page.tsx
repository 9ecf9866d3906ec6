// Complaints from the public (secretariat and ministry): every complaint, newest first, paged;
// "assigned to me" for a handler.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/page-guards";
import { listComplaints, type ComplaintRow } from "@/lib/complaints/queries";
import { DataTable } from "@/app/_components/ui/data-table";
import { Card } from "@/app/_components/ui/card";
import { buttonClass } from "@/app/_components/ui/button-class";
import { ComplaintStateBadge } from "./state-badge";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ComplaintsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePermission("complaint:read");
  const params = await searchParams;
  const [page, t, to, format] = await Promise.all([
    listComplaints(user, params),
    getTranslations("complaints.secretariat"),
    getTranslations("complaints.outcomes"),
    getFormatter(),
  ]);
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium" });
  return (
    <section data-testid="complaints-page" className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <nav className="flex flex-wrap gap-2" aria-label={t("title")}>
        <Link href="/secretariat/complaints" aria-current={!page.mine ? "page" : undefined} className={buttonClass(page.mine ? "secondary" : "primary")}>{t("all")}</Link>
        <Link href="/secretariat/complaints?mine=1" aria-current={page.mine ? "page" : undefined} className={buttonClass(page.mine ? "primary" : "secondary")} data-testid="complaints-mine">{t("mine")}</Link>
      </nav>
      <Card>
        <DataTable<ComplaintRow>
          caption={t("caption")}
          rows={page.rows}
          rowKey={(r) => r.reference}
          rowData={(r) => ({ reference: r.reference, state: r.state })}
          empty={t("empty")}
          testId="complaints"
          paging={{ page, path: "/secretariat/complaints", searchParams: params }}
          columns={[
            {
              header: t("reference"),
              sort: "reference",
              className: "sm:whitespace-nowrap",
              cell: (r) => <Link href={`/secretariat/complaints/${r.reference}`} className="font-mono text-brand hover:underline" data-testid="complaint-link">{r.reference}</Link>,
            },
            { header: t("subject"), cell: (r) => <span className="break-words">{r.subject}</span> },
            { header: t("product"), cell: (r) => <span className="flex flex-col"><span>{r.product}</span><span className="text-xs text-slate-600">{r.vendor}</span></span> },
            { header: t("state"), sort: "state", cell: (r) => <ComplaintStateBadge state={r.state} /> },
            { header: t("handler"), cell: (r) => r.handlerName ?? "—" },
            { header: t("outcome"), cell: (r) => (r.outcome ? to(r.outcome) : "—") },
            { header: t("received"), sort: "receivedAt", className: "sm:whitespace-nowrap", cell: (r) => date(r.receivedAt) },
          ]}
        />
      </Card>
    </section>
  );
}
