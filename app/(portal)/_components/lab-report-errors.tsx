"use client";
// The row errors of a lab report (lib/grading/lab-report.ts LabReportError), rendered by code in the
// reader's language from messages/<locale>/labReport.json with the error's structured parameters
// (row, item, expected unit, bounds, …): the case's lab workbench and a change case's re-test
// report both show them here. Never the lib's English `message`.
import { useTranslations } from "next-intl";
import type { LabReportError } from "@/lib/grading";

type Say = ((key: string, values?: Record<string, string | number>) => string) & { has: (key: string) => boolean };

/** One row error as a sentence (pure, tested): its position, its code's message, and any hint. */
export function labReportErrorText(t: Say, e: Pick<LabReportError, "code" | "detail" | "params" | "hint" | "row">, context?: "retest"): string {
  const params = { ...(e.params ?? {}) };
  const source = params.source === "json" ? "json" : "csv";
  if (typeof params.first === "number") params.firstAt = t(`at.${source}`, { row: params.first });
  const base = e.detail ? `${e.code}_${e.detail}` : e.code;
  const candidates = [context === "retest" ? `errors.${base}_RETEST` : "", `errors.${base}`, `errors.${e.code}`].filter(Boolean);
  const key = candidates.find((k) => t.has(k)) ?? "errors.BAD_FORMAT";
  let message = t(key, params);
  if (e.hint && t.has(`hints.${e.hint}`)) message = `${message} ${t(`hints.${e.hint}`, params)}`;
  const row = e.row ?? (typeof params.row === "number" ? params.row : undefined);
  return row === undefined ? message : t("positioned", { at: t(`at.${source}`, { row }), message });
}

/** One row error as a sentence in the reader's language. */
export function useLabReportErrorText(context?: "retest") {
  const t = useTranslations("labReport") as unknown as Say;
  return (e: Pick<LabReportError, "code" | "detail" | "params" | "hint" | "row">) => labReportErrorText(t, e, context);
}

/** The list of a report's row errors under a heading the page gives. */
export function LabReportErrors({ errors, heading, context, testId = "row-errors" }: { errors: LabReportError[]; heading?: string; context?: "retest"; testId?: string }) {
  const say = useLabReportErrorText(context);
  return (
    <div data-testid={testId}>
      {heading && <p className="text-sm font-medium">{heading}</p>}
      <ul className="mt-1 max-h-48 list-disc space-y-0.5 overflow-auto pl-5 text-sm">
        {errors.map((e, i) => (
          <li key={i} data-code={e.code}>
            {say(e)}
          </li>
        ))}
      </ul>
    </div>
  );
}
