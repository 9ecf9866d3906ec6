// The vendor's application as submitted; the vendor edits it here while it is a draft.
import { getLocale, getTranslations } from "next-intl/server";
import type { CaseView } from "@/lib/cases/view";
import { Card } from "@/app/_components/ui/card";
import { levelLabel } from "../../_lib/text";
import { ApplicationForm } from "./application-form";
import { ModelsTable } from "@/app/verify/_components/models-table";
import { modelRowOf } from "@/app/(portal)/_lib/model-rows";

type Application = {
  onDeviceModel?: string;
  cloudModel?: string;
  declarations?: { accurate?: boolean; samplesAvailable?: boolean; acceptsRules?: boolean };
};

export async function ApplicationCard({ view, editable }: { view: CaseView; editable: boolean }) {
  const t = await getTranslations("case");
  const locale = await getLocale();
  const app = (view.application ?? {}) as Application;
  const d = app.declarations ?? {};
  return (
    <Card title={t("application.title")} testId="application">
      {editable ? (
        <ApplicationForm
          caseId={view.id}
          version={view.version}
          initial={{
            name: view.product.name,
            model: view.product.model,
            softwareVersion: view.product.softwareVersion,
            claimedLevel: view.claimedLevel,
            models: view.product.models.map(modelRowOf),
            accurate: !!d.accurate,
            samplesAvailable: !!d.samplesAvailable,
            acceptsRules: !!d.acceptsRules,
          }}
        />
      ) : (
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <Fact label={t("application.product")} value={`${view.product.name} · ${view.product.model}`} />
          <Fact label={t("application.softwareVersion")} value={view.product.softwareVersion} />
          <Fact label={t("application.claimedLevel")} value={levelLabel(view.claimedLevel, locale)} />
          {/* Free-text model notes of applications made before models were disclosed as rows. */}
          {app.onDeviceModel && <Fact label={t("application.onDeviceModel")} value={app.onDeviceModel} />}
          {app.cloudModel && <Fact label={t("application.cloudModel")} value={app.cloudModel} />}
          <Fact
            label={t("application.declarations")}
            value={[d.accurate && t("application.accurate"), d.samplesAvailable && t("application.samplesAvailable"), d.acceptsRules && t("application.acceptsRules")]
              .filter(Boolean)
              .join(" · ") || t("application.noDeclarations")}
          />
        </dl>
      )}
      {/* The disclosed models as they will be frozen at SUBMIT (docs/domain.md#model-disclosure). */}
      <div className="mt-4" data-testid="application-models">
        <h3 className="mb-2 text-sm font-semibold">{t("application.models")}</h3>
        <ModelsTable models={view.product.models} />
      </div>
    </Card>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-slate-900">{value}</dd>
    </div>
  );
}
