// The measurements of a lab report, grouped by capability element.
import { useLocale, useTranslations } from "next-intl";
import type { Scheme } from "@/lib/grading";
import { pick } from "../../_lib/text";

export function ResultsTable({ scheme, results }: { scheme: Scheme; results: Record<string, number> }) {
  const t = useTranslations("case");
  const locale = useLocale();
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-brand">{t("lab.showResults")}</summary>
      <table className="mt-2 w-full text-left" data-testid="results-table">
        <thead>
          <tr className="text-slate-500">
            <th scope="col" className="py-1 font-normal">{t("lab.item")}</th>
            <th scope="col" className="py-1 font-normal">{t("lab.value")}</th>
          </tr>
        </thead>
        {scheme.elements.map((e) => (
          <tbody key={e.key}>
            <tr>
              <th colSpan={2} scope="colgroup" className="pt-2 text-xs font-semibold uppercase text-slate-500">
                {pick(e.title, locale)}
              </th>
            </tr>
            {e.items.map((i) => (
              <tr key={i.key} className="border-t border-slate-100">
                <th scope="row" className="py-1 font-normal">
                  {pick(i.title, locale)} <code className="text-xs text-slate-500">{i.key}</code>
                </th>
                <td className="py-1">
                  {results[i.key] ?? "—"} {i.unit}
                </td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </details>
  );
}
