// Building blocks of the role home pages (work queues): the page frame, the shared table, and
// the small cells every queue repeats (a case link, a due date, time waiting, a level).
import Link from "next/link";
import type { ReactNode } from "react";
import { getFormatter, getNow, getTranslations } from "next-intl/server";
import type { SessionUser } from "@/lib/permissions";
import { Badge } from "@/app/_components/ui/badge";

export { buttonClass as linkButtonClass } from "@/app/_components/ui/button-class";

export async function RoleHome({ user, actions, children }: { user: SessionUser; actions?: ReactNode; children?: ReactNode }) {
  const t = await getTranslations("home");
  return (
    <section data-testid={`home-${user.role}`} aria-labelledby="home-title">
      <div className="flex flex-wrap items-start gap-4">
        <div>
          <h1 id="home-title" className="text-2xl font-semibold">
            {t("welcome", { name: user.name })}
          </h1>
          <p className="mt-1 text-slate-600">{t(user.role)}</p>
        </div>
        {actions && <div className="ml-auto flex flex-wrap items-center gap-2">{actions}</div>}
      </div>
      <div className="mt-6 space-y-6">{children}</div>
    </section>
  );
}

// The queues use the portal's one table (sortable and paged where the list can grow).
export { DataTable, type Column } from "@/app/_components/ui/data-table";

/** The product of a case, linking to the case page. */
export function CaseLink({ id, product }: { id: string; product: { name: string; model: string; softwareVersion?: string } }) {
  return (
    <span className="flex flex-col">
      <Link href={`/cases/${id}`} className="font-medium text-brand underline-offset-2 hover:underline">
        {product.name}
      </Link>
      <span className="text-xs text-slate-600">
        {product.model}
        {product.softwareVersion ? ` · ${product.softwareVersion}` : ""}
      </span>
    </span>
  );
}

export async function DateText({ at, withTime = false }: { at: Date | string | null; withTime?: boolean }) {
  if (!at) return <span className="text-slate-600">—</span>;
  const format = await getFormatter();
  const d = new Date(at);
  return (
    <time dateTime={d.toISOString()}>
      {format.dateTime(d, withTime ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "medium" })}
    </time>
  );
}

/** A due date, and "overdue" in words (not only in colour) once it has passed. */
export async function DueDate({ dueAt, overdue }: { dueAt: Date | null; overdue: boolean }) {
  const t = await getTranslations("homes");
  if (!dueAt) return <span className="text-slate-600">{t("noLimit")}</span>;
  const format = await getFormatter();
  const now = await getNow();
  return (
    <span className="flex flex-col">
      <DateText at={dueAt} />
      {overdue ? (
        <span data-testid="overdue">
          <Badge tone="danger">{t("overdue")}</Badge>
        </span>
      ) : (
        <span className="text-xs text-slate-600">{format.relativeTime(dueAt, { now, unit: "day" })}</span>
      )}
    </span>
  );
}

export async function Waiting({ since, days }: { since: Date; days: number }) {
  const t = await getTranslations("homes");
  return (
    <span className="flex flex-col">
      <span>{t("days", { days })}</span>
      <span className="text-xs text-slate-600">
        {t("since")} <DateText at={since} />
      </span>
    </span>
  );
}

export function Level({ level }: { level: string | null }) {
  return level ? <span className="font-mono">{level}</span> : <span className="text-slate-600">—</span>;
}

export async function CategoryName({ category }: { category: string }) {
  const t = await getTranslations("homes.categories");
  return <>{t.has(category) ? t(category) : category}</>;
}

/** Section titles with how many entries they hold. */
export async function Counted({ title, count }: { title: string; count: number }) {
  const format = await getFormatter();
  return (
    <>
      {title} <span className="ml-1 rounded-full bg-slate-100 px-2 text-sm font-normal text-slate-700">{format.number(count)}</span>
    </>
  );
}
