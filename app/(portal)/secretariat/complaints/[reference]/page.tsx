// One complaint (secretariat and ministry): what was said and about what; the secretariat assigns a
// handler who had no part in the case (the others are listed with the reason); the handler closes it.
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/page-guards";
import { can } from "@/lib/permissions";
import { AppError } from "@/lib/errors";
import { getComplaint } from "@/lib/complaints/queries";
import { Card } from "@/app/_components/ui/card";
import { Alert } from "@/app/_components/ui/alert";
import { ComplaintStateBadge } from "../state-badge";
import { CloseForm, TriageForm } from "./forms";

type Props = { params: Promise<{ reference: string }> };

export default async function ComplaintPage({ params }: Props) {
  const user = await requirePermission("complaint:read");
  const { reference } = await params;
  let c;
  try {
    c = await getComplaint(user, decodeURIComponent(reference));
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  }
  const [t, to, te, roles, format] = await Promise.all([
    getTranslations("complaints.secretariat"),
    getTranslations("complaints.outcomes"),
    getTranslations("errors"),
    getTranslations("roles"),
    getFormatter(),
  ]);
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  const roleName = (r: string) => (roles.has(r) ? roles(r) : r);
  const eligible = c.candidates.filter((x) => x.bars.length === 0);
  const barred = c.candidates.filter((x) => x.bars.length > 0);
  const mayTriage = c.state === "received" && can(user, "complaint:triage");
  const mayClose = c.state === "investigating" && c.handlerId === user.id && can(user, "complaint:close");

  return (
    <section className="space-y-4" data-testid="complaint-page" data-state={c.state} data-version={c.version}>
      <Link href="/secretariat/complaints" className="text-sm text-brand hover:underline">← {t("back")}</Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="break-all font-mono text-2xl font-semibold">{c.reference}</h1>
        <ComplaintStateBadge state={c.state} />
        <span className="text-xs text-slate-500">{t("version", { version: c.version })}</span>
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={c.subject} testId="complaint-detail">
          <dl className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="text-slate-600">{t("product")}</dt>
            <dd>{c.product} · {c.vendor}</dd>
            {c.certificateNumber && (
              <>
                <dt className="text-slate-600">{t("certificate")}</dt>
                <dd>
                  {c.certificatePublicId ? <Link href={`/verify/${c.certificatePublicId}`} className="font-mono text-brand hover:underline">{c.certificateNumber}</Link> : c.certificateNumber}
                </dd>
              </>
            )}
            {c.caseId && (
              <>
                <dt className="text-slate-600">{t("case")}</dt>
                <dd><Link href={`/cases/${c.caseId}`} className="text-brand hover:underline">{c.caseId}</Link></dd>
              </>
            )}
            <dt className="text-slate-600">{t("received")}</dt>
            <dd>{when(c.receivedAt)}</dd>
            <dt className="text-slate-600">{t("contact")}</dt>
            <dd className="break-all">{c.contact ?? t("noContact")}</dd>
            {c.handlerName && (
              <>
                <dt className="text-slate-600">{t("handler")}</dt>
                <dd data-testid="complaint-handler">{c.handlerName}</dd>
              </>
            )}
            {c.outcome && (
              <>
                <dt className="text-slate-600">{t("outcome")}</dt>
                <dd data-testid="complaint-outcome">{to(c.outcome)}</dd>
              </>
            )}
          </dl>
          <h3 className="mt-4 text-sm font-semibold">{t("text")}</h3>
          <p className="mt-1 whitespace-pre-wrap break-words text-sm" data-testid="complaint-text">{c.text}</p>
          {c.publicSummary && (
            <>
              <h3 className="mt-4 text-sm font-semibold">{t("summaryLabel")}</h3>
              <p className="mt-1 whitespace-pre-wrap break-words text-sm">{c.publicSummary}</p>
            </>
          )}
          {c.surveillance && (
            <div className="mt-4">
              <Alert tone="info" testId="surveillance-opened">
                {t("surveillanceOpened")}{" "}
                <Link href={`/changes/${c.surveillance.id}`} className="font-medium text-brand underline">{t("surveillanceOpen")}</Link>
              </Alert>
            </div>
          )}
        </Card>

        {mayTriage && (
          <Card title={t("triageTitle")} testId="triage-card">
            <p className="mb-3 text-sm text-slate-600">{t("triageIntro")}</p>
            {eligible.length > 0 ? (
              <TriageForm
                reference={c.reference}
                version={c.version}
                options={eligible.map((x) => ({ id: x.id, label: `${x.name} (${roleName(x.role)}, ${x.organizationName})` }))}
              />
            ) : (
              <Alert tone="warning">{t("noneEligible")}</Alert>
            )}
            {barred.length > 0 && (
              <>
                <h3 className="mt-4 text-sm font-semibold">{t("excludedTitle")}</h3>
                <ul className="mt-1 space-y-1 text-sm" data-testid="excluded-handlers">
                  {barred.map((x) => (
                    <li key={x.id} data-testid="excluded-handler" data-user={x.id}>
                      <span className="font-medium">{x.name}</span> <span className="text-slate-600">({roleName(x.role)})</span>
                      <ul className="ml-4 list-disc text-slate-700">
                        {x.bars.map((b) => <li key={b} data-reason={b}>{te(b, { handlerId: x.name })}</li>)}
                      </ul>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </Card>
        )}

        {c.state === "investigating" && (
          <Card title={t("closeTitle")} testId="close-card">
            {mayClose ? (
              <>
                <p className="mb-3 text-sm text-slate-600">{t("closeIntro")}</p>
                <CloseForm reference={c.reference} version={c.version} />
              </>
            ) : (
              <p className="text-sm text-slate-600">{t("waitingForHandler", { name: c.handlerName ?? "—" })}</p>
            )}
          </Card>
        )}
      </div>
    </section>
  );
}
