// The models a certified product disclosed (docs/domain.md#model-disclosure), as the verify page
// shows them: a table on wide screens, a card per model on narrow ones; "not disclosed" when the
// record holds none (a certificate issued before disclosure existed).
import { getTranslations } from "next-intl/server";
import { DataTable } from "@/app/_components/ui/data-table";
import type { DisclosedModel } from "@/lib/cases/models";

export async function ModelsTable({ models }: { models: DisclosedModel[] }) {
  const t = await getTranslations("certificates.models");
  if (models.length === 0) {
    return (
      <p className="text-sm text-slate-600" data-testid="models-not-disclosed">
        {t("notDisclosed")}
      </p>
    );
  }
  const dash = <span className="text-slate-500">—</span>;
  return (
    <DataTable
      caption={t("title")}
      rows={models}
      rowKey={(m) => `${m.deployment}|${m.name}|${m.version}`}
      rowData={(m) => ({ deployment: m.deployment })}
      empty={t("notDisclosed")}
      testId="models"
      rowTestId={() => "model-row"}
      columns={[
        { header: t("deployment"), className: "sm:whitespace-nowrap", cell: (m) => t(`deployments.${m.deployment}`) },
        { header: t("name"), cell: (m) => <span className="font-medium [overflow-wrap:anywhere]">{m.name}</span> },
        { header: t("version"), cell: (m) => <span className="[overflow-wrap:anywhere]">{m.version}</span> },
        { header: t("parameters"), cell: (m) => m.parameters ?? dash },
        { header: t("provider"), cell: (m) => (m.provider ? <span className="[overflow-wrap:anywhere]">{m.provider}</span> : dash) },
        { header: t("filingNumber"), cell: (m) => (m.filingNumber ? <span className="font-mono text-xs [overflow-wrap:anywhere]">{m.filingNumber}</span> : dash) },
      ]}
    />
  );
}
