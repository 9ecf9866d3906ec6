// A change case's state and kind in the reader's language (messages/<locale>/changes.json).
import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/app/_components/ui/badge";

const TONES: Record<string, BadgeTone> = {
  classification: "info",
  retesting: "progress",
  evaluation: "decision",
  amended: "success",
  downgraded: "warning",
  suspended: "danger",
  withdrawn: "neutral",
};

export function ChangeStateBadge({ state, testId = "change-state" }: { state: string; testId?: string }) {
  const t = useTranslations("changes.states");
  return (
    <Badge tone={TONES[state] ?? "neutral"} testId={testId} title={state}>
      <span data-state={state}>{t.has(state) ? t(state) : state}</span>
    </Badge>
  );
}

export function ChangeKind({ kind }: { kind: string }) {
  const t = useTranslations("changes.kinds");
  return <span data-kind={kind}>{t.has(kind) ? t(kind) : kind}</span>;
}

/** "1.0.0 → 1.0.1", or nothing for a surveillance. */
export function FromTo({ from, to }: { from: string | null; to: string | null }) {
  if (!from && !to) return <span className="text-slate-500">—</span>;
  return (
    <span className="break-all font-mono text-xs" data-testid="change-from-to">
      {from ?? "—"} → {to ?? "—"}
    </span>
  );
}
