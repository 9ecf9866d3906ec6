// What the round's report still lacks before it can be submitted (docs/domain.md#lab-evidence), like
// an evidence checklist: each envelope field, the sample's version against the version applied for
// and its models against the models disclosed,
// the scheme's items without a saved result, and items outside the lab's accreditation scope. Read
// from the saved draft with the same rules the door applies at SUBMIT_REPORT.
import { getLocale, getTranslations } from "next-intl/server";
import { ENVELOPE_FIELDS, type EnvelopeProblem } from "@/lib/grading/envelope";
import type { Scheme } from "@/lib/grading";
import { pick } from "../../_lib/text";

/** The envelope's fields, and after the sample's version its models (checked against the disclosure, never required alone). */
const ROWS = ENVELOPE_FIELDS.flatMap((f) => (f === "sample.softwareVersion" ? [f, "sample.models" as const] : [f]));

export async function ReportCompleteness({
  scheme,
  problems,
  savedItems,
}: {
  scheme: Scheme;
  /** envelopeProblems of the saved draft, and the scope refusals (field results.<item>). */
  problems: EnvelopeProblem[];
  /** The items with a saved result. */
  savedItems: string[];
}) {
  const t = await getTranslations("labEvidence");
  const te = await getTranslations("errors");
  const locale = await getLocale();
  const byField = new Map<string, EnvelopeProblem[]>();
  for (const p of problems) byField.set(p.field, [...(byField.get(p.field) ?? []), p]);
  const items = scheme.elements.flatMap((e) => e.items);
  const saved = new Set(savedItems);
  const missingItems = items.filter((i) => !saved.has(i.key));
  const scope = problems.filter((p) => p.reason === "LAB_SCOPE_EXCLUDES_ITEM");
  const complete = problems.length === 0 && missingItems.length === 0;
  const say = (p: EnvelopeProblem) => te(p.reason, p.params as Record<string, string>);
  return (
    <section aria-labelledby="completeness-title" className="space-y-2 rounded border border-slate-200 p-3" data-testid="report-completeness" data-complete={complete}>
      <h4 id="completeness-title" className="text-sm font-semibold">
        {t("completeness.title")}
      </h4>
      <p className={`text-sm ${complete ? "text-green-800" : "text-amber-900"}`} data-testid="completeness-summary">
        {complete ? t("completeness.ready") : t("completeness.notReady", { count: problems.length + (missingItems.length ? 1 : 0) })}
      </p>
      <ul className="space-y-1 text-sm">
        {ROWS.map((field) => {
          const own = byField.get(field) ?? [];
          const ok = own.length === 0;
          return (
            <li key={field} className="flex flex-wrap items-baseline gap-x-2" data-testid={`completeness-${field}`} data-ok={ok}>
              <span aria-hidden className={ok ? "text-green-700" : "text-red-700"}>
                {ok ? "✓" : "✗"}
              </span>
              <span className="font-medium">{t(`fields.${field}`)}</span>
              <span className="sr-only">{ok ? t("completeness.done") : t("completeness.missing")}</span>
              {own
                .filter((p) => p.reason !== "ENVELOPE_FIELD_REQUIRED")
                .map((p, i) => (
                  <span key={i} className="text-red-800">
                    {say(p)}
                  </span>
                ))}
              {own.some((p) => p.reason === "ENVELOPE_FIELD_REQUIRED") && <span className="text-slate-600">{t("completeness.missing")}</span>}
            </li>
          );
        })}
        <li className="flex flex-wrap items-baseline gap-x-2" data-testid="completeness-results" data-ok={missingItems.length === 0}>
          <span aria-hidden className={missingItems.length === 0 ? "text-green-700" : "text-red-700"}>
            {missingItems.length === 0 ? "✓" : "✗"}
          </span>
          <span className="font-medium">{t("completeness.results", { measured: items.length - missingItems.length, total: items.length })}</span>
        </li>
      </ul>
      {missingItems.length > 0 && missingItems.length < items.length && (
        <details className="text-sm">
          <summary className="cursor-pointer">{t("completeness.missingItems", { count: missingItems.length })}</summary>
          <ul className="mt-1 list-disc pl-5">
            {missingItems.map((i) => (
              <li key={i.key}>
                {pick(i.title, locale)} <code className="text-xs text-slate-500">{i.key}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
      {scope.length > 0 && (
        <ul className="list-disc space-y-0.5 pl-5 text-sm text-red-800" data-testid="completeness-scope">
          {scope.map((p, i) => (
            <li key={i}>{say(p)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
