// The audit findings of one case, for the case page: shown to those who may read the audit
// (ministry, secretariat), with the forms for the steps the reader may take.
import { getTranslations } from "next-intl/server";
import { can, type SessionUser } from "@/lib/permissions";
import { listFindings } from "@/lib/audit/findings/list-findings";
import { Card } from "@/app/_components/ui/card";
import { FindingList } from "@/app/(portal)/audit/findings/finding-list";
import { RecordFindingForm } from "@/app/(portal)/audit/findings/finding-forms";

export async function CaseFindings({ caseId, user }: { caseId: string; user: SessionUser }) {
  if (!can(user, "audit:read")) return null;
  const t = await getTranslations("audit");
  const findings = await listFindings(user, { caseId });
  return (
    <Card title={t("caseFindings.title")} id="case-findings" testId="case-findings">
      <FindingList findings={findings} user={user} showCase={false} />
      {can(user, "finding:create") && (
        <details className="mt-4" open={findings.length === 0}>
          <summary className="cursor-pointer text-sm font-medium text-brand">{t("findings.record")}</summary>
          <div className="mt-3">
            <RecordFindingForm caseId={caseId} />
          </div>
        </details>
      )}
    </Card>
  );
}
