import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/page-guards";
import { ROLES } from "@/lib/permissions";
import { listUsers, type AdminUserView } from "@/lib/admin/list-users";
import { listOrganizations } from "@/lib/admin/list-organizations";
import { AdminNav } from "../_components/admin-nav";
import { CreateUserForm } from "./create-user-form";
import { UserStatus } from "./user-status";

export default async function UsersPage() {
  const actor = await requirePermission("user:manage");
  const t = await getTranslations("admin");
  const roles = await getTranslations("roles");
  const [users, orgs] = await Promise.all([listUsers(actor), listOrganizations(actor)]);
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
        <h2 id="all-users" className="mb-3 text-lg font-semibold">{t("users.listTitle", { count: users.length })}</h2>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="users-table">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">{t("fields.name")}</th>
                <th scope="col" className="px-3 py-2">{t("fields.email")}</th>
                <th scope="col" className="px-3 py-2">{t("fields.role")}</th>
                <th scope="col" className="px-3 py-2">{t("fields.organization")}</th>
                <th scope="col" className="px-3 py-2">{t("fields.status")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u: AdminUserView) => (
                <tr key={u.id} className="border-t border-slate-100" data-testid={`user-row-${u.email}`}>
                  <td className="px-3 py-2">
                    <Link href={`/admin/users/${u.id}`} className="font-medium text-brand hover:underline">{u.name}</Link>
                  </td>
                  <td className="px-3 py-2">{u.email}</td>
                  <td className="px-3 py-2">{roles(u.role)}</td>
                  <td className="px-3 py-2">{u.organization.name}</td>
                  <td className="px-3 py-2"><UserStatus user={u} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
