// Why an expert is not offered for this case's panel: tied to the vendor or the lab, recused,
// on the panel before an appeal, or a declared conflict (docs/domain.md#conflict-declarations).
// Shown to whoever may assign the panel, beside the form; the rule itself is the machine's.
import { getTranslations } from "next-intl/server";
import { Card } from "@/app/_components/ui/card";
import { notOffered, type EligibleExpert } from "@/lib/cases/eligible";

export async function PanelExclusions({ experts }: { experts: EligibleExpert[] }) {
  const excluded = notOffered(experts);
  if (!excluded.length) return null;
  const t = await getTranslations("case.exclusions");
  return (
    <Card title={t("title")} testId="panel-exclusions">
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <ul className="mt-2 divide-y divide-slate-100 text-sm">
        {excluded.map((e) => (
          <li key={e.id} className="py-2" data-testid="panel-exclusion" data-expert-name={e.name} data-reasons={e.reasons.join(" ")}>
            <div className="break-words">
              <span className="font-medium">{e.name}</span> <span className="text-slate-500">· {e.organizationName}</span>
            </div>
            <ul className="mt-0.5 list-disc pl-5 text-slate-700">
              {e.reasons.map((r) => (
                <li key={r}>{t(`reason_${r}`)}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </Card>
  );
}
