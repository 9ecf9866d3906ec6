// Public verify page of one certificate (the QR code on the PDF points here): its live status
// first, then what it certifies, and how to check the PDF without trusting this page.
import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { CircleCheck, CirclePause, CircleX, Clock, Download, History, KeyRound } from "lucide-react";
import { Header } from "@/app/_components/header";
import { getSessionUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getPublicCertificate, type CertificateStatus } from "@/lib/certificates/public";
import { getTrustAnchors } from "@/lib/certificates/trust-anchor";
import { levelRank, isLevel } from "@/lib/grading";
import { StatusBadge } from "../_components/status-badge";
import { LevelBadge } from "@/app/_components/ui/level-badge";
import { levelLabel, localName, pick } from "../_components/bilingual";
import { ComplaintForm } from "@/app/complaints/_components/complaint-form";
import { DataTable } from "@/app/_components/ui/data-table";
import { ModelsTable } from "../_components/models-table";

const REVISION_KINDS = ["award", "downgrade", "amendment", "reinstated"] as const;
const CHANGE_KINDS = ["software", "on_device_model", "cloud_model", "hardware"] as const;
const known = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

const load = cache(async (publicId: string): Promise<Awaited<ReturnType<typeof getPublicCertificate>>> => {
  try {
    return await getPublicCertificate(publicId);
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  }
});

type Props = { params: Promise<{ publicId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const c = await load((await params).publicId);
  const t = await getTranslations("certificates.detail");
  return { title: `${t("title", { number: c.number })} — Zhiji 智级`, robots: { index: false } };
}

const BANNER: Record<CertificateStatus, { box: string; Icon: typeof CircleCheck }> = {
  valid: { box: "border-green-300 bg-green-50 text-green-900", Icon: CircleCheck },
  suspended: { box: "border-amber-300 bg-amber-50 text-amber-900", Icon: CirclePause },
  revoked: { box: "border-red-300 bg-red-50 text-red-900", Icon: CircleX },
  expired: { box: "border-slate-300 bg-slate-100 text-slate-800", Icon: Clock },
  superseded: { box: "border-slate-300 bg-slate-100 text-slate-800", Icon: History },
};

export default async function CertificatePage({ params }: Props) {
  const { publicId } = await params;
  const c = await load(publicId);
  const [user, anchors, t, tb, tf, tp, ts, tc, tr, tm, locale, format] = await Promise.all([
    getSessionUser(),
    getTrustAnchors(),
    getTranslations("certificates.detail"),
    getTranslations("certificates.banner"),
    getTranslations("certificates.fields"),
    getTranslations("certificates.profile"),
    getTranslations("certificates.status"),
    getTranslations("complaints.form"),
    getTranslations("certificates.revisions"),
    getTranslations("certificates.models"),
    getLocale(),
    getFormatter(),
  ]);
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "long" });
  const { box, Icon } = BANNER[c.status];
  const changed = c.statusChangedAt ?? c.validUntil;
  const detail =
    c.status === "valid" ? tb("validDetail", { date: date(c.validUntil) })
    : c.status === "suspended" ? tb("suspendedDetail", { date: date(changed) })
    : c.status === "revoked" ? tb("revokedDetail", { date: date(changed) })
    : c.status === "superseded" ? tb("supersededDetail", { date: date(changed) })
    : tb("expiredDetail", { date: date(changed) });

  const changeKind = (kind: string) => (known(CHANGE_KINDS, kind) ? tr(`changeKinds.${kind}`) : kind);
  const revisionKind = (kind: string) => (known(REVISION_KINDS, kind) ? tr(`kinds.${kind}`) : kind);
  const versionLine = (v: { kind: string; from: string; to: string }) => tr("versionChange", { kind: changeKind(v.kind), from: v.from, to: v.to });

  const rows: [string, React.ReactNode][] = [
    // A reissue shows its revision after the number (R1, R2, …); the certificate as first issued shows none.
    [tf("number"), <span key="n" className="font-mono" data-testid="certificate-number">{c.number}{c.revision > 0 ? ` R${c.revision}` : ""}</span>],
    [tf("level"), <span key="l" className="font-semibold">{levelLabel(c.level, c.levelName)}</span>],
    [tf("product"), c.product.name],
    [tf("model"), c.product.model],
    [tf("softwareVersion"), c.product.softwareVersion],
    ...(c.versionsCovered.length > 0
      ? ([[tf("versionsCovered"), (
          <ul key="v" className="space-y-0.5" data-testid="versions-covered">
            {c.versionsCovered.map((v, i) => <li key={i} className="[overflow-wrap:anywhere]">{versionLine(v)}</li>)}
          </ul>
        )]] as [string, React.ReactNode][])
      : []),
    [tf("vendor"), localName(c.vendor, c.vendorZh, locale)],
    [tf("category"), pick(c.categoryName, locale)],
    [tf("scheme"), `${c.scheme.id} ${c.scheme.version}`],
    [tf("pilot"), localName(c.pilot.name, c.pilot.nameZh, locale)],
    [tf("validity"), `${date(c.issuedAt)} – ${date(c.validUntil)}`],
    [tf("issuer"), pick(c.issuer, locale)],
    [tf("fingerprint"), <code key="f" className="break-all text-xs">{c.pdfSha256}</code>],
  ];

  return (
    <>
      <Header user={user} />
      <main className="mx-auto max-w-4xl px-4 py-6">
        <section role="status" data-testid="certificate-banner" data-status={c.status} className={`flex items-start gap-4 rounded-lg border-2 p-5 ${box}`}>
          <Icon aria-hidden className="mt-1 h-10 w-10 shrink-0" />
          <div>
            <h1 className="text-2xl font-bold">{tb(c.status)}</h1>
            <p className="mt-1">{detail}</p>
            {c.statusReason && c.status !== "valid" && <p className="mt-1 font-medium" data-testid="status-reason">{tb("reason", { reason: c.statusReason })}</p>}
            <p className="mt-2 flex items-center gap-2 text-sm">{t("title", { number: c.number })} · <StatusBadge status={c.status} label={ts(c.status)} /></p>
            {c.supersededBy && (
              <p className="mt-2 text-sm">
                <Link href={`/verify/${c.supersededBy}`} className="font-medium underline" data-testid="current-revision">{tb("currentRevision")}</Link>
              </p>
            )}
          </div>
        </section>

        <div className="mt-6 grid gap-6 md:grid-cols-5">
          <section className="rounded-lg border border-slate-200 bg-white p-5 md:col-span-3">
            <p className="text-sm text-slate-500">{tf("level")}</p>
            <p className="text-3xl font-bold text-brand" data-testid="certificate-level">{levelLabel(c.level, c.levelName)}</p>
            <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
              {rows.map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="text-slate-500">{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
            <a href={`/api/v1/certificates/${c.publicId}/pdf`} download={`${c.number}.pdf`} data-testid="download-pdf"
              className="mt-5 inline-flex items-center gap-2 rounded bg-brand px-4 py-2 text-sm font-medium text-white hover:bg-brand-dark">
              <Download aria-hidden className="h-4 w-4" /> {t("download")}
            </a>
          </section>

          <section className="rounded-lg border border-slate-200 bg-white p-5 md:col-span-2" aria-labelledby="profile-title">
            <h2 id="profile-title" className="text-lg font-semibold">{tp("title")}</h2>
            <p className="text-sm text-slate-600">{tp("intro")}</p>
            <table className="mt-3 w-full text-sm" data-testid="profile-table">
              <thead className="sr-only">
                <tr><th scope="col">{tp("element")}</th><th scope="col">{tp("level")}</th></tr>
              </thead>
              <tbody>
                {c.profile.map((p) => {
                  const rank = p.level && isLevel(p.level) ? levelRank(p.level) : 0;
                  return (
                    <tr key={p.key} className="border-t border-slate-100">
                      <th scope="row" className="py-2 pr-2 text-left font-normal">{pick(p.title, locale)}</th>
                      <td className="w-1/2 py-2">
                        <div className="flex items-center gap-2">
                          <div className="h-2 flex-1 rounded bg-slate-100" aria-hidden>
                            <div className="h-2 rounded bg-brand" style={{ width: `${(rank / 4) * 100}%` }} />
                          </div>
                          <span className="w-14 text-right font-medium">{p.level ? <LevelBadge level={p.level} /> : tp("notReached")}</span>
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        </div>

        <section className="mt-6 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="models-title" data-testid="models-section">
          <h2 id="models-title" className="mb-3 text-lg font-semibold">{tm("title")}</h2>
          <ModelsTable models={c.product.models} />
        </section>

        {c.revisions.length > 1 && (
          <section className="mt-6 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="revisions-title" data-testid="revisions">
            <h2 id="revisions-title" className="text-lg font-semibold">{t("revisionsTitle")}</h2>
            <p className="mb-3 mt-1 text-sm text-slate-600">{tr("intro")}</p>
            {/* Newest first: what changed, when and why. A table on wide screens, a card per revision on narrow ones. */}
            <DataTable
              caption={t("revisionsTitle")}
              rows={[...c.revisions].reverse()}
              rowKey={(r) => r.publicId}
              rowData={(r) => ({ revision: String(r.revision), kind: r.kind })}
              empty=""
              testId="revision"
              columns={[
                {
                  header: tr("colRevision"),
                  className: "sm:whitespace-nowrap",
                  cell: (r) => (r.revision > 0 ? <span className="font-mono">R{r.revision}</span> : tr("original")),
                },
                { header: tr("colIssued"), className: "sm:whitespace-nowrap", cell: (r) => format.dateTime(new Date(r.issuedAt), { dateStyle: "medium" }) },
                { header: tr("colKind"), cell: (r) => revisionKind(r.kind) },
                { header: tr("colLevel"), cell: (r) => <LevelBadge level={r.level} /> },
                {
                  header: tr("colChange"),
                  cell: (r) => (r.change ? <span data-testid="revision-change">{versionLine(r.change)}</span> : <span className="text-slate-500">—</span>),
                },
                {
                  header: tr("colReason"),
                  cell: (r) => (r.reason ? <span className="break-words" data-testid="revision-reason">{r.reason}</span> : <span className="text-slate-500">—</span>),
                },
                { header: tr("colStatus"), cell: (r) => <StatusBadge status={r.status as CertificateStatus} label={ts(r.status)} /> },
                {
                  header: <span className="sr-only">{tr("colOpen")}</span>,
                  className: "sm:whitespace-nowrap",
                  cell: (r) =>
                    r.publicId === c.publicId ? (
                      <span className="text-slate-500">{t("thisRevision")}</span>
                    ) : (
                      <Link href={`/verify/${r.publicId}`} className="text-brand hover:underline" aria-label={`${t("openRevision")} ${r.revision > 0 ? `R${r.revision}` : tr("original")}`}>
                        {t("openRevision")}
                      </Link>
                    ),
                },
              ]}
            />
          </section>
        )}

        <section className="mt-6 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="offline-title">
          <h2 id="offline-title" className="flex items-center gap-2 text-lg font-semibold"><KeyRound aria-hidden className="h-5 w-5" /> {t("offlineTitle")}</h2>
          <p className="mt-1 text-sm text-slate-600">{t("offlineIntro")}</p>
          {/* The fingerprint is one long word: it may break anywhere rather than widen the page. */}
          <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm [overflow-wrap:anywhere]">
            <li>{t("offlineStep1")}</li>
            <li>
              {t("offlineStep2")}
              {/* Every CA the portal's keys chain to (more than one after a key rotation), with when it signed. */}
              <ul className="mt-1 space-y-2" aria-label={t("anchorsLabel")} data-testid="trust-anchors">
                {anchors.map((a) => (
                  <li key={a.fingerprint256} className="rounded border border-slate-200 p-2" data-testid="trust-anchor" data-current={a.current ? "true" : "false"}>
                    <p className="font-medium">
                      {a.subject} <span className="text-xs font-normal text-slate-500">({a.current ? t("anchorCurrent") : t("anchorRetired")})</span>
                    </p>
                    <p className="text-slate-600">{t("anchorPeriod", { from: format.dateTime(a.signedFrom, { dateStyle: "medium" }), until: format.dateTime(a.signedUntil, { dateStyle: "medium" }) })}</p>
                    <code className="break-all text-xs" data-testid="trust-anchor-fingerprint">{a.fingerprint256}</code>
                  </li>
                ))}
              </ul>
            </li>
            <li>{t("offlineStep3")}</li>
            <li>{t("offlineStep4")}</li>
            <li>{t("offlineStep5")}</li>
          </ol>
          <div className="mt-3 flex flex-wrap gap-4 text-sm">
            <a href="/api/v1/trust/ca.pem" className="text-brand hover:underline" data-testid="ca-link">{t("caLink")}</a>
            <Link href="/verify" className="text-brand hover:underline">{t("uploadLink")}</Link>
            <Link href="/registry" className="text-brand hover:underline">{t("registryLink")}</Link>
          </div>
        </section>

        <section id="complain" className="mt-6 scroll-mt-4 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="complain-title" data-testid="complain-section">
          <h2 id="complain-title" className="text-lg font-semibold">{tc("title")}</h2>
          <p className="mb-4 mt-1 text-sm text-slate-600">{tc("intro")}</p>
          <ComplaintForm publicId={c.publicId} />
        </section>
      </main>
    </>
  );
}
