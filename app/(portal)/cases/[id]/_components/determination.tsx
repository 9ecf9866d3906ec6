// A lab determination as people read it: the level, the level of each capability element, and
// what blocks the next level item by item. Used for the saved report and for the live preview.
import { useLocale, useTranslations } from "next-intl";
import type { Determination as Det, Scheme } from "@/lib/grading";
import { levelLabel, pick } from "../../_lib/text";

export function Determination({
  scheme,
  level,
  profile,
  blockers,
  testId,
  pending = false,
}: {
  scheme: Scheme;
  level: string | null;
  profile: Record<string, string | null> | null;
  blockers: Det["blockers"];
  testId: string;
  /** A preview with items still missing: no level yet, rather than "below L1". */
  pending?: boolean;
}) {
  const t = useTranslations("case");
  const locale = useLocale();
  return (
    <div className="space-y-3 text-sm" data-testid={testId}>
      <p>
        {t("lab.level")}:{" "}
        <strong data-testid={`${testId}-level`} data-level={level ?? ""}>
          {level ? levelLabel(level, locale) : pending ? t("lab.pendingLevel") : t("lab.noLevel")}
        </strong>
      </p>
      {profile && (
        <table className="w-full max-w-md text-left">
          <caption className="sr-only">{t("lab.profile")}</caption>
          <thead>
            <tr className="text-slate-500">
              <th scope="col" className="py-1 font-normal">{t("lab.element")}</th>
              <th scope="col" className="py-1 font-normal">{t("lab.elementLevel")}</th>
            </tr>
          </thead>
          <tbody>
            {scheme.elements.map((e) => (
              <tr key={e.key} className="border-t border-slate-100">
                <th scope="row" className="py-1 font-normal">{pick(e.title, locale)}</th>
                <td className="py-1" data-testid={`${testId}-profile-${e.key}`}>{profile[e.key] ? levelLabel(profile[e.key], locale) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {blockers && blockers.items.length > 0 && (
        <div data-testid={`${testId}-blockers`}>
          <p className="font-medium">{t("lab.blockers", { level: levelLabel(blockers.level, locale) })}</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {blockers.items.map((b) => (
              <li key={b.item}>
                {t(b.better === "higher" ? "lab.blockerHigher" : "lab.blockerLower", {
                  item: pick(b.title, locale),
                  measured: b.measured,
                  needed: b.needed,
                  unit: b.unit,
                  level: b.neededAt,
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {level && !blockers && <p className="text-slate-600">{t("lab.topLevel")}</p>}
    </div>
  );
}
