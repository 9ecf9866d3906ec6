import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/page-guards";
import { getSecretariatHome } from "@/lib/inbox/get-secretariat-home";
import type { CaseItem } from "@/lib/inbox/case-item";
import { CaseLink, CategoryName, Counted, DataTable, DueDate, Level, RoleHome, Waiting, linkButtonClass } from "@/app/_components/role-home";
import { Card } from "@/app/_components/ui/card";
import { Badge, stateKey } from "@/app/_components/ui/badge";
import { ComplaintTasksCard } from "./complaints/home-card";
import { ChangeQueueCard } from "../changes/_components/queue-card";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SecretariatHome({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireRole("secretariat");
  const t = await getTranslations("homes");
  const format = await getFormatter();
  const states = await getTranslations("case.states");
  const params = await searchParams;
  const home = await getSecretariatHome(user, new Date(), params);

  const product = { header: t("product"), cell: (c: CaseItem) => <CaseLink id={c.caseId} product={c.product} /> };
  const vendor = { header: t("vendorName"), cell: (c: CaseItem) => c.vendor.name };
  const category = {
    header: t("scheme"),
    cell: (c: CaseItem) => (
      <span className="flex flex-col">
        <CategoryName category={c.category} />
        <span className="text-xs text-slate-600">
          {c.scheme.id} {c.scheme.version}
        </span>
      </span>
    ),
  };
  const waiting = { header: t("waiting"), cell: (c: CaseItem) => <Waiting since={c.since} days={c.waitingDays} /> };
  const waitingSorted = { ...waiting, sort: "since" };
  const due = { header: t("due"), cell: (c: CaseItem) => <DueDate dueAt={c.dueAt} overdue={c.overdue} /> };

  return (
    <RoleHome
      user={user}
      actions={
        <>
          <Link href="/secretariat/schemes" className={linkButtonClass("secondary")}>
            {t("secretariat.schemes")}
          </Link>
          <Link href="/audit" className={linkButtonClass("secondary")}>
            {t("secretariat.audit")}
          </Link>
        </>
      }
    >
      <Card id="secretariat-counts" testId="secretariat-counts" title={<Counted title={t("secretariat.counts")} count={home.total} />}>
        <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-7">
          {home.counts.map((c) => (
            <div
              key={c.state}
              data-testid="state-count"
              data-state={c.state}
              className={`rounded border px-3 py-2 ${c.count ? "border-slate-300 bg-white" : "border-slate-200 bg-slate-50"}`}
            >
              <dt className="text-xs text-slate-600">{states(stateKey(c.state))}</dt>
              <dd className="text-lg font-semibold tabular-nums">{format.number(c.count)}</dd>
            </div>
          ))}
        </dl>
      </Card>

      <ComplaintTasksCard user={user} />

      <ChangeQueueCard user={user} path="/secretariat" searchParams={params} />

      <Card id="secretariat-screening" testId="secretariat-screening-card" title={<Counted title={t("secretariat.screening")} count={home.screening.total} />}>
        <DataTable
          caption={t("secretariat.screeningCaption")}
          rows={home.screening.rows}
          paging={{ page: home.screening, path: "/secretariat", searchParams: params, prefix: "screening" }}
          rowKey={(c) => c.caseId}
          empty={t("secretariat.screeningEmpty")}
          testId="secretariat-screening"
          columns={[product, vendor, category, { header: t("claimedLevel"), sort: "claimedLevel", cell: (c) => <Level level={c.claimedLevel} /> }, waitingSorted, due]}
        />
      </Card>

      <Card id="secretariat-forming" testId="secretariat-forming-card" title={<Counted title={t("secretariat.forming")} count={home.forming.total} />}>
        <DataTable
          caption={t("secretariat.formingCaption")}
          rows={home.forming.rows}
          paging={{ page: home.forming, path: "/secretariat", searchParams: params, prefix: "forming" }}
          rowKey={(c) => c.caseId}
          empty={t("secretariat.formingEmpty")}
          testId="secretariat-forming"
          columns={[
            product,
            vendor,
            { header: t("labLevel"), cell: (c) => <Level level={c.labLevel} /> },
            {
              header: t("secretariat.panelNeeded"),
              cell: (c) => (
                <span className="flex flex-col gap-1">
                  <span>{t("secretariat.panelSize", { size: c.panelSize })}</span>
                  {c.needsFreshPanel ? (
                    <span>
                      <Badge tone="decision">{t("secretariat.freshPanel")}</Badge>
                    </span>
                  ) : c.reformed ? (
                    <span>
                      <Badge tone="warning">{t("secretariat.reformed")}</Badge>
                    </span>
                  ) : null}
                </span>
              ),
            },
            waitingSorted,
            due,
          ]}
        />
      </Card>

      <Card id="secretariat-testing" testId="secretariat-testing-card" title={<Counted title={t("secretariat.testing")} count={home.testingByLab.reduce((n, l) => n + l.cases.length, 0)} />}>
        {home.testingByLab.length === 0 && <p className="text-sm text-slate-600">{t("secretariat.testingEmpty")}</p>}
        <div className="space-y-4">
          {home.testingByLab.map((l) => (
            <section key={l.lab.id} aria-labelledby={`lab-${l.lab.id}`} data-testid="testing-lab">
              <h3 id={`lab-${l.lab.id}`} className="mb-1 font-medium">
                {l.lab.name}{" "}
                <span className="text-sm font-normal text-slate-600">{t("secretariat.labSummary", { count: l.cases.length, overdue: l.overdue })}</span>
              </h3>
              <DataTable
                caption={t("secretariat.testingCaption", { lab: l.lab.name })}
                rows={l.cases}
                rowKey={(c) => c.caseId}
                empty={t("secretariat.testingEmpty")}
                testId="secretariat-testing"
                columns={[product, vendor, category, { header: t("claimedLevel"), cell: (c) => <Level level={c.claimedLevel} /> }, waiting, due]}
              />
            </section>
          ))}
        </div>
      </Card>
    </RoleHome>
  );
}
