// A page of change cases (listChanges) in the one DataTable: the product (linking to the change
// case), vendor, kind, versions, state, opened and, for a surveillance, the date to conclude by.
// `prefix` lets a page show several lists, each reading its own keys (`changesPage`, …).
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { listChanges } from "@/lib/aftercare/queries";
import type { SearchParamsLike } from "@/lib/paging";
import { DataTable } from "@/app/_components/ui/data-table";
import { ChangeKind, ChangeStateBadge, FromTo } from "./change-badge";
import { renderTime } from "../_lib/forms";

export type ChangesPage = Awaited<ReturnType<typeof listChanges>>;
type Row = ChangesPage["rows"][number];

/** listChanges reads the plain keys (`page`, `sort`…): a prefixed list's keys are handed to it under those names. */
export function unprefixed(params: Record<string, string | string[] | undefined>, prefix: string): Record<string, string | string[] | undefined> {
  if (!prefix) return params;
  const out: Record<string, string | string[] | undefined> = {};
  for (const k of ["page", "size", "sort", "dir"]) out[k] = params[`${prefix}${k[0].toUpperCase()}${k.slice(1)}`];
  return out;
}

export async function ChangesTable({
  page,
  path,
  searchParams,
  prefix,
  caption,
  empty,
  testId,
}: {
  page: ChangesPage;
  path: string;
  searchParams: SearchParamsLike;
  prefix?: string;
  caption: string;
  empty: string;
  testId: string;
}) {
  const [t, format] = await Promise.all([getTranslations("changes"), getFormatter()]);
  const date = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: "medium" }) : "—");
  const now = renderTime();
  return (
    <DataTable<Row>
      caption={caption}
      rows={page.rows}
      rowKey={(r) => r.id}
      rowData={(r) => ({ change: r.id, state: r.state, kind: r.kind, case: r.caseId })}
      empty={empty}
      testId={testId}
      paging={{ page, path, searchParams, prefix }}
      columns={[
        {
          header: t("columns.product"),
          cell: (r) => (
            <span className="flex flex-col">
              <Link href={`/changes/${encodeURIComponent(r.id)}`} className="text-brand hover:underline" data-testid="change-link">
                {r.product.name}
              </Link>
              <span className="text-xs text-slate-600">{r.vendor.name}</span>
            </span>
          ),
        },
        { header: t("columns.kind"), cell: (r) => <ChangeKind kind={r.kind} /> },
        { header: t("columns.fromTo"), cell: (r) => <FromTo from={r.from} to={r.to} /> },
        { header: t("columns.state"), cell: (r) => <ChangeStateBadge state={r.state} /> },
        { header: t("columns.opened"), sort: "openedAt", className: "sm:whitespace-nowrap", cell: (r) => date(r.openedAt) },
        {
          header: t("columns.concludeBy"),
          className: "sm:whitespace-nowrap",
          cell: (r) =>
            r.concludeBy ? (
              <span className={new Date(r.concludeBy).getTime() < now && !r.concludedAt ? "font-semibold text-red-700" : ""}>{date(r.concludeBy)}</span>
            ) : (
              "—"
            ),
        },
      ]}
    />
  );
}
