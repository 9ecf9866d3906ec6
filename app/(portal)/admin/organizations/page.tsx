import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/page-guards";
import { listOrganizationsPage } from "@/lib/admin/list-organizations";
import { ORG_KINDS } from "@/lib/admin/schemas";
import { AdminNav } from "../_components/admin-nav";
import { CreateOrganizationForm } from "./organization-forms";
import { DataTable } from "@/app/_components/ui/data-table";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function OrganizationsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePermission("organization:manage");
  const t = await getTranslations("admin");
  const params = await searchParams;
  const orgs = await listOrganizationsPage(actor, params);
  return (
    <>
      <AdminNav current="organizations" />
      <h1 className="text-2xl font-semibold">{t("organizations.title")}</h1>
      <section aria-labelledby="new-org" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="new-org" className="mb-3 text-lg font-semibold">{t("organizations.newTitle")}</h2>
        <CreateOrganizationForm kinds={ORG_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
      </section>
      <section aria-labelledby="all-orgs" className="mt-8">
        <h2 id="all-orgs" className="mb-3 text-lg font-semibold">{t("organizations.listTitle", { count: orgs.total })}</h2>
        <div className="rounded-lg border border-slate-200 bg-white p-2 sm:p-3">
          <DataTable
            caption={t("organizations.listTitle", { count: orgs.total })}
            rows={orgs.rows}
            rowKey={(o) => o.id}
            rowTestId={(o) => `org-row-${o.name}`}
            empty={t("organizations.empty")}
            testId="organizations-table"
            paging={{ page: orgs, path: "/admin/organizations", searchParams: params }}
            columns={[
              {
                header: t("fields.orgName"),
                sort: "name",
                cell: (o) => <Link href={`/admin/organizations/${o.id}`} className="font-medium text-brand hover:underline">{o.name}</Link>,
              },
              { header: t("fields.orgNameZh"), sort: "nameZh", cell: (o) => <span lang="zh-CN">{o.nameZh ?? ""}</span> },
              { header: t("fields.kind"), sort: "kind", cell: (o) => t(`kinds.${o.kind}`) },
              { header: t("organizations.users"), sort: "users", className: "sm:text-right", cell: (o) => o._count.users },
              { header: t("organizations.accreditations"), className: "sm:text-right", cell: (o) => (o.kind === "lab" ? o._count.accreditations : "—") },
            ]}
          />
        </div>
      </section>
    </>
  );
}
