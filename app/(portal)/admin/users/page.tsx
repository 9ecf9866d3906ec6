import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/page-guards";
import { ROLES } from "@/lib/permissions";
import { listUsersPage } from "@/lib/admin/list-users";
import { listOrganizations } from "@/lib/admin/list-organizations";
import { AdminNav } from "../_components/admin-nav";
import { CreateUserForm } from "./create-user-form";
import { UserStatus } from "./user-status";
import { DataTable } from "@/app/_components/ui/data-table";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePermission("user:manage");
  const t = await getTranslations("admin");
  const roles = await getTranslations("roles");
  const params = await searchParams;
  const [users, orgs] = await Promise.all([listUsersPage(actor, params), listOrganizations(actor)]);
  return (
    <>
      <AdminNav current="users" />
      <h1 className="text-2xl font-semibold">{t("users.title")}</h1>
      <section aria-labelledby="new-user" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="new-user" className="mb-3 text-lg font-semibold">{t("users.newTitle")}</h2>
        <CreateUserForm
          roles={ROLES.map((r) => ({ value: r, label: roles(r) }))}
          organizations={orgs.map((o) => ({ value: o.id, label: `${o.name}${o.nameZh ? ` · ${o.nameZh}` : ""} (${t(`kinds.${o.kind}`)})` }))}
        />
      </section>
      <section aria-labelledby="all-users" className="mt-8">
        <h2 id="all-users" className="mb-3 text-lg font-semibold">{t("users.listTitle", { count: users.total })}</h2>
        <div className="rounded-lg border border-slate-200 bg-white p-2 sm:p-3">
          <DataTable
            caption={t("users.listTitle", { count: users.total })}
            rows={users.rows}
            rowKey={(u) => u.id}
            rowTestId={(u) => `user-row-${u.email}`}
            empty={t("users.empty")}
            testId="users-table"
            paging={{ page: users, path: "/admin/users", searchParams: params }}
            columns={[
              {
                header: t("fields.name"),
                sort: "name",
                cell: (u) => <Link href={`/admin/users/${u.id}`} className="font-medium text-brand hover:underline">{u.name}</Link>,
              },
              { header: t("fields.email"), sort: "email", cell: (u) => <span className="break-all">{u.email}</span> },
              { header: t("fields.role"), sort: "role", cell: (u) => roles(u.role) },
              { header: t("fields.organization"), sort: "organization", cell: (u) => u.organization.name },
              { header: t("fields.status"), cell: (u) => <UserStatus user={u} /> },
            ]}
          />
        </div>
      </section>
    </>
  );
}
