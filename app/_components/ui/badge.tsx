// Small labels: a neutral Badge, and StateBadge naming a case state in the reader's language.
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

const TONES = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-300",
  info: "bg-blue-50 text-blue-800 ring-blue-200",
  progress: "bg-amber-50 text-amber-900 ring-amber-200",
  decision: "bg-violet-50 text-violet-800 ring-violet-200",
  success: "bg-green-50 text-green-800 ring-green-200",
  warning: "bg-orange-50 text-orange-900 ring-orange-200",
  danger: "bg-red-50 text-red-800 ring-red-200",
} as const;
export type BadgeTone = keyof typeof TONES;

export function Badge({ tone = "neutral", children, testId, title }: { tone?: BadgeTone; children: ReactNode; testId?: string; title?: string }) {
  return (
    <span data-testid={testId} title={title} className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`}>
      {children}
    </span>
  );
}

const STATE_TONES: Record<string, BadgeTone> = {
  draft: "neutral",
  screening: "info",
  testing: "progress",
  "review.forming": "progress",
  "review.voting": "progress",
  decision: "decision",
  certified: "success",
  suspended: "warning",
  rejected: "danger",
  appeal: "decision",
  withdrawn: "neutral",
  revoked: "danger",
  expired: "neutral",
};

/** Message keys contain no dots, so `review.voting` is looked up as `review_voting`. */
export const stateKey = (state: string) => state.replace(/\./g, "_");

export function StateBadge({ state, testId = "state-badge" }: { state: string; testId?: string }) {
  const t = useTranslations("case.states");
  const key = stateKey(state);
  return (
    <Badge tone={STATE_TONES[state] ?? "neutral"} testId={testId} title={state}>
      <span data-state={state}>{t.has(key) ? t(key) : state}</span>
    </Badge>
  );
}
