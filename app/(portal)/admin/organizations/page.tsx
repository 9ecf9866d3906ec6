import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/page-guards";
import { listOrganizations } from "@/lib/admin/list-organizations";
import { ORG_KINDS } from "@/lib/admin/schemas";
import { AdminNav } from "../_components/admin-nav";
import { CreateOrganizationForm } from "./organization-forms";

export default async function OrganizationsPage() {
  const actor = await requirePermission("organization:manage");
  const t = await getTranslations("admin");
  const orgs = await listOrganizations(actor);
  return (
    <>
      <AdminNav current="organizations" />
      <h1 className="text-2xl font-semibold">{t("organizations.title")}</h1>
      <section aria-labelledby="new-org" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="new-org" className="mb-3 text-lg font-semibold">{t("organizations.newTitle")}</h2>
        <CreateOrganizationForm kinds={ORG_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
      </section>
      <section aria-labelledby="all-orgs" className="mt-8">
        <h2 id="all-orgs" className="mb-3 text-lg font-semibold">{t("organizations.listTitle", { count: orgs.length })}</h2>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="organizations-table">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">{t("fields.orgName")}</th>
                <th scope="col" className="px-3 py-2">{t("fields.orgNameZh")}</th>
                <th scope="col" className="px-3 py-2">{t("fields.kind")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("organizations.users")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("organizations.accreditations")}</th>
              </tr>
            </thead>
            <tbody>
              {orgs.map((o) => (
                <tr key={o.id} className="border-t border-slate-100" data-testid={`org-row-${o.name}`}>
                  <td className="px-3 py-2">
                    <Link href={`/admin/organizations/${o.id}`} className="font-medium text-brand hover:underline">{o.name}</Link>
                  </td>
                  <td className="px-3 py-2" lang="zh-CN">{o.nameZh ?? ""}</td>
                  <td className="px-3 py-2">{t(`kinds.${o.kind}`)}</td>
                  <td className="px-3 py-2 text-right">{o._count.users}</td>
                  <td className="px-3 py-2 text-right">{o.kind === "lab" ? o._count.accreditations : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
