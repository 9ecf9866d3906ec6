import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { FilePlus2, Package } from "lucide-react";
import { requireRole } from "@/lib/auth/page-guards";
import { getVendorHome, VENDOR_ACTION_STEPS, type VendorCase } from "@/lib/inbox/get-vendor-home";
import { CaseLink, Counted, DataTable, DateText, RoleHome, linkButtonClass } from "@/app/_components/role-home";
import { Card } from "@/app/_components/ui/card";
import { Alert } from "@/app/_components/ui/alert";
import { stateKey } from "@/app/_components/ui/badge";

async function NextStep({ c }: { c: VendorCase }) {
  const t = await getTranslations("homes");
  return (
    <div className="flex flex-col gap-1" data-testid="next-step" data-step={c.step}>
      <span className={VENDOR_ACTION_STEPS.includes(c.step) ? "font-medium text-slate-900" : "text-slate-700"}>
        {t(`vendor.steps.${c.step}`)}
      </span>
      {c.returnReasons.length > 0 && (
        <ul className="list-disc pl-5 text-xs text-slate-700" aria-label={t("vendor.returnReasons")}>
          {c.returnReasons.map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ul>
      )}
      {c.reason && <span className="text-xs text-slate-700">{t("vendor.reason", { reason: c.reason })}</span>}
      {c.appealBy && (
        <span className="text-xs text-slate-700">
          {t("vendor.appealBy")} <DateText at={c.appealBy} />
        </span>
      )}
      {c.certificate && (
        <span className="flex flex-wrap gap-x-3 text-xs">
          <a href={`/api/v1/certificates/${c.certificate.publicId}/pdf`} className="text-brand underline">
            {t("vendor.downloadCertificate", { number: c.certificate.number })}
          </a>
          <Link href={`/verify/${c.certificate.publicId}`} className="text-brand underline">
            {t("vendor.verify")}
          </Link>
        </span>
      )}
    </div>
  );
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function VendorHome({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireRole("vendor");
  const t = await getTranslations("homes");
  const states = await getTranslations("case.states");
  const params = await searchParams;
  const home = await getVendorHome(user, new Date(), params);

  return (
    <RoleHome
      user={user}
      actions={
        <>
          <Link href="/apply" className={linkButtonClass("primary")} data-testid="new-application">
            <FilePlus2 aria-hidden className="h-4 w-4" />
            {t("vendor.newApplication")}
          </Link>
          <Link href="/vendor/products" className={linkButtonClass("secondary")}>
            <Package aria-hidden className="h-4 w-4" />
            {t("vendor.products")}
          </Link>
        </>
      }
    >
      <Alert tone={home.actionCount ? "warning" : "info"} testId="vendor-summary">
        {t("vendor.summary", { count: home.actionCount, total: home.total })}
      </Alert>
      {home.groups.length === 0 && <p className="text-slate-600">{t("vendor.none")}</p>}
      {home.groups.map((g) => (
        <Card key={g.state} id={`state-${stateKey(g.state)}`} testId={`group-${g.state}`} title={<Counted title={states(stateKey(g.state))} count={g.cases.total} />}>
          <DataTable
            caption={t("vendor.caption", { state: states(stateKey(g.state)) })}
            rows={g.cases.rows}
            paging={{ page: g.cases, path: "/vendor", searchParams: params, prefix: g.prefix }}
            rowKey={(c) => c.caseId}
            empty={t("vendor.none")}
            testId="vendor-cases"
            fixed
            columns={[
              { header: t("product"), cell: (c) => <CaseLink id={c.caseId} product={c.product} />, className: "w-1/4 break-words" },
              { header: t("scheme"), cell: (c) => `${c.scheme.id} ${c.scheme.version}`, className: "w-32 whitespace-nowrap" },
              {
                className: "w-36",
                header: t("levels"),
                cell: (c) => (
                  <span className="flex flex-col text-xs">
                    <span>
                      {t("levelLine", { label: t("claimedLevel"), level: c.claimedLevel ?? "—" })}
                    </span>
                    <span>
                      {t("levelLine", { label: t("labLevel"), level: c.labLevel ?? "—" })}
                    </span>
                    {c.awardedLevel && (
                      <span>
                        {t("levelLine", { label: t("awardedLevel"), level: c.awardedLevel ?? "—" })}
                      </span>
                    )}
                  </span>
                ),
              },
              { header: t("nextStep"), cell: (c) => <NextStep c={c} /> },
              { header: t("updated"), sort: "updated", cell: (c) => <DateText at={c.updatedAt} />, className: "w-36 whitespace-nowrap" },
            ]}
          />
        </Card>
      ))}
    </RoleHome>
  );
}
