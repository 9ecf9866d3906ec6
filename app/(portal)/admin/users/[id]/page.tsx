import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/page-guards";
import { ROLES } from "@/lib/permissions";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getUser } from "@/lib/admin/get-user";
import { listOrganizations } from "@/lib/admin/list-organizations";
import { linkShownToAdmin } from "@/lib/admin/issue-set-password-link";
import { AdminNav } from "../../_components/admin-nav";
import { UserStatus } from "../user-status";
import { AddAffiliationForm, ChangeRoleForm, DisableForm, IssueLinkForm, RemoveAffiliationButton, UnlinkInstitutionalForm } from "./user-forms";

async function load(actor: Awaited<ReturnType<typeof requirePermission>>, id: string) {
  try {
    return await getUser(actor, id);
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}

function Panel({ title, id, children }: { title: string; id: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={id} className="mb-3 text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("user:manage");
  const { id } = await params;
  const t = await getTranslations("admin");
  const roles = await getTranslations("roles");
  const format = await getFormatter();
  const user = await load(actor, id);
  const self = user.id === actor.id;
  const orgs = user.role === "expert" ? await listOrganizations(actor) : [];
  const affiliated = new Set([user.organization.id, ...user.affiliations.map((a) => a.organization.id)]);

  return (
    <>
      <AdminNav current="users" />
      <p className="mb-2 text-sm"><Link href="/admin/users" className="text-brand hover:underline">← {t("users.title")}</Link></p>
      <h1 className="text-2xl font-semibold" data-testid="user-name">{user.name}</h1>
      <dl className="mt-4 grid max-w-2xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
        <dt className="text-slate-500">{t("fields.email")}</dt><dd>{user.email}</dd>
        <dt className="text-slate-500">{t("fields.role")}</dt><dd>{roles(user.role)}</dd>
        <dt className="text-slate-500">{t("fields.organization")}</dt>
        <dd>{user.organization.name}{user.organization.nameZh ? ` · ${user.organization.nameZh}` : ""}</dd>
        <dt className="text-slate-500">{t("fields.status")}</dt><dd><UserStatus user={user} /></dd>
        <dt className="text-slate-500">{t("fields.created")}</dt><dd>{format.dateTime(user.createdAt, { dateStyle: "medium", timeStyle: "short" })}</dd>
      </dl>

      <div className="mt-6 grid gap-4 lg:grid-cols-2">
        <Panel id="role" title={t("user.roleTitle")}>
          {self ? <p className="text-sm text-slate-600">{t("user.selfRoleNote")}</p> : null}
          <ChangeRoleForm userId={user.id} role={user.role} roles={ROLES.map((r) => ({ value: r, label: roles(r) }))} />
        </Panel>
        <Panel id="access" title={t("user.accessTitle")}>
          <DisableForm userId={user.id} disabled={user.disabled} />
        </Panel>
        <Panel id="link" title={t("user.linkTitle")}>
          <IssueLinkForm userId={user.id} shown={linkShownToAdmin()} />
        </Panel>
        {(env().oidc || user.institutionalSubject) && (
        <Panel id="institutional" title={t("user.institutionalTitle")}>
          {user.institutionalSubject ? (
            <div className="space-y-3 text-sm" data-testid="institutional-linked">
              <p className="text-slate-600">{t("user.institutionalLinked")}</p>
              <p>
                <span className="text-slate-500">{t("user.institutionalSubject")}: </span>
                <code className="break-all">{user.institutionalSubject}</code>
              </p>
              <UnlinkInstitutionalForm userId={user.id} />
            </div>
          ) : (
            <p className="text-sm text-slate-600" data-testid="institutional-none">{t("user.institutionalNone")}</p>
          )}
        </Panel>
        )}
        {user.role === "expert" && (
          <Panel id="affiliations" title={t("affiliations.title")}>
            <p className="mb-3 text-sm text-slate-600">{t("affiliations.help")}</p>
            {user.affiliations.length === 0 ? (
              <p className="mb-3 text-sm text-slate-500">{t("affiliations.none")}</p>
            ) : (
              <ul className="mb-4 divide-y divide-slate-100" data-testid="affiliations">
                {user.affiliations.map((a) => (
                  <li key={a.id} className="flex items-center justify-between gap-3 py-2 text-sm">
                    <span>
                      <span className="font-medium">{a.organization.name}</span>
                      {a.note ? <span className="text-slate-500"> — {a.note}</span> : null}
                    </span>
                    <RemoveAffiliationButton affiliationId={a.id} label={t("affiliations.removeNamed", { name: a.organization.name })} />
                  </li>
                ))}
              </ul>
            )}
            <AddAffiliationForm
              userId={user.id}
              organizations={orgs.filter((o) => !affiliated.has(o.id)).map((o) => ({ value: o.id, label: `${o.name} (${t(`kinds.${o.kind}`)})` }))}
            />
          </Panel>
        )}
      </div>
    </>
  );
}
