import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { FilePlus2 } from "lucide-react";
import { requireRole } from "@/lib/auth/page-guards";
import { listVendorProducts } from "@/lib/inbox/list-vendor-products";
import { CategoryName, DateText, linkButtonClass } from "@/app/_components/role-home";
import { Card } from "@/app/_components/ui/card";
import { Badge, StateBadge, type BadgeTone } from "@/app/_components/ui/badge";

const CERT_TONES: Record<string, BadgeTone> = { valid: "success", suspended: "warning", revoked: "danger", expired: "neutral" };

export default async function VendorProducts() {
  const user = await requireRole("vendor");
  const t = await getTranslations("homes");
  const products = await listVendorProducts(user);
  return (
    <section aria-labelledby="products-title" data-testid="vendor-products">
      <div className="flex flex-wrap items-start gap-4">
        <div>
          <h1 id="products-title" className="text-2xl font-semibold">
            {t("products.title")}
          </h1>
          <p className="mt-1 text-slate-600">{t("products.intro", { org: user.organizationName })}</p>
        </div>
        <Link href="/apply" className={linkButtonClass("primary", "ml-auto")}>
          <FilePlus2 aria-hidden className="h-4 w-4" />
          {t("vendor.newApplication")}
        </Link>
      </div>
      {products.length === 0 && <p className="mt-6 text-slate-600">{t("products.none")}</p>}
      <div className="mt-6 space-y-4">
        {products.map((p) => (
          <Card
            key={p.id}
            id={`product-${p.id}`}
            testId="product"
            title={
              <>
                {p.name} <span className="font-normal text-slate-600">{p.model}</span>
              </>
            }
          >
            <dl className="mb-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr_auto_1fr]">
              <dt className="text-slate-600">{t("products.category")}</dt>
              <dd>
                <CategoryName category={p.category} />
              </dd>
              <dt className="text-slate-600">{t("products.softwareVersion")}</dt>
              <dd>{p.softwareVersion}</dd>
            </dl>
            {p.cases.length === 0 ? (
              <p className="text-sm text-slate-600">{t("products.noCases")}</p>
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full border-collapse text-left text-sm">
                  <caption className="sr-only">{t("products.caption", { product: `${p.name} ${p.model}` })}</caption>
                  <thead>
                    <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
                      <th scope="col" className="px-2 py-2">{t("case")}</th>
                      <th scope="col" className="px-2 py-2">{t("state")}</th>
                      <th scope="col" className="px-2 py-2">{t("scheme")}</th>
                      <th scope="col" className="px-2 py-2">{t("levels")}</th>
                      <th scope="col" className="px-2 py-2">{t("products.certificates")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.cases.map((c) => (
                      <tr key={c.id} className="border-b border-slate-100 align-top last:border-0" data-testid="product-case">
                        <td className="px-2 py-2">
                          <Link href={`/cases/${c.id}`} className="text-brand underline-offset-2 hover:underline">
                            {t("products.opened", { date: c.createdAt })}
                          </Link>
                        </td>
                        <td className="px-2 py-2">
                          <StateBadge state={c.state} />
                        </td>
                        <td className="px-2 py-2">
                          {c.scheme.id} {c.scheme.version}
                        </td>
                        <td className="px-2 py-2 text-xs">
                          {t("levelLine", { label: t("claimedLevel"), level: c.claimedLevel ?? "—" })}
                          {c.awardedLevel && (
                            <>
                              <br />
                              {t("levelLine", { label: t("awardedLevel"), level: c.awardedLevel ?? "—" })}
                            </>
                          )}
                        </td>
                        <td className="px-2 py-2">
                          {c.certificates.length === 0 ? (
                            <span className="text-slate-600">{t("products.noCertificate")}</span>
                          ) : (
                            <ul className="space-y-1">
                              {c.certificates.map((cert) => (
                                <li key={cert.number} className="flex flex-wrap items-center gap-2" data-testid="certificate">
                                  <a href={`/api/v1/certificates/${cert.publicId}/pdf`} className="font-mono text-brand underline">
                                    {cert.number}
                                  </a>
                                  <Badge tone={CERT_TONES[cert.status] ?? "neutral"} testId="certificate-status">
                                    {t(`certStatus.${cert.status}`)}
                                  </Badge>
                                  <span className="text-xs text-slate-600">
                                    {t("products.validUntil")} <DateText at={cert.validUntil} />
                                  </span>
                                </li>
                              ))}
                            </ul>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>
        ))}
      </div>
    </section>
  );
}
