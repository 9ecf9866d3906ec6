"use client";
// The case's certificate: number, live status, the signed PDF and the public verify page. Right
// after an award the PDF is still being issued by the outbox: the box looks again every 2 s.
import { useEffect } from "react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { Card } from "@/app/_components/ui/card";
import { Badge, type BadgeTone } from "@/app/_components/ui/badge";
import { buttonClass } from "@/app/_components/ui/button-class";

const STATUS_TONES: Record<string, BadgeTone> = { valid: "success", suspended: "warning", revoked: "danger", expired: "neutral" };

export function CertificateBox({
  certificate,
  beingIssued,
  validUntil,
}: {
  certificate: { number: string; publicId: string; status: string; revision?: number } | null;
  beingIssued: boolean;
  validUntil: string | null;
}) {
  const t = useTranslations("case");
  const router = useRouter();
  useEffect(() => {
    if (!beingIssued) return;
    const timer = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(timer);
  }, [beingIssued, router]);

  return (
    <Card title={t("certificate.title")} testId="certificate-box">
      {certificate ? (
        <div className="flex flex-wrap items-center gap-4 text-sm">
          <div>
            <div className="text-slate-500">{t("certificate.number")}</div>
            <div className="font-mono text-base font-semibold" data-testid="certificate-number">
              {certificate.number}
              {/* A reissue (a downgrade, an after-care amendment) shows its revision: R1, R2, … */}
              {certificate.revision ? <span data-testid="certificate-revision"> R{certificate.revision}</span> : null}
            </div>
          </div>
          <div>
            <div className="text-slate-500">{t("certificate.status")}</div>
            <Badge tone={STATUS_TONES[certificate.status] ?? "neutral"} testId="certificate-status">
              {t.has(`certificate.statuses.${certificate.status}`) ? t(`certificate.statuses.${certificate.status}`) : certificate.status}
            </Badge>
          </div>
          {validUntil && (
            <div>
              <div className="text-slate-500">{t("certificate.validUntil")}</div>
              <div>{validUntil}</div>
            </div>
          )}
          <div className="ml-auto flex gap-2">
            <a
              href={`/api/v1/certificates/${encodeURIComponent(certificate.publicId)}/pdf`}
              className={buttonClass("primary")}
              data-testid="certificate-download"
              download={`${certificate.number}.pdf`}
            >
              {t("certificate.download")}
            </a>
            <a href={`/verify/${encodeURIComponent(certificate.publicId)}`} className={buttonClass("secondary")} data-testid="certificate-verify">
              {t("certificate.verify")}
            </a>
          </div>
        </div>
      ) : (
        <p role="status" className="text-sm text-slate-700" data-testid="certificate-issuing">
          {t("certificate.issuing")}
        </p>
      )}
    </Card>
  );
}
