import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/app/_components/ui/badge";
import type { ComplaintState } from "@/lib/domain";

const TONE: Record<ComplaintState, BadgeTone> = { received: "info", investigating: "progress", closed: "success" };

export function ComplaintStateBadge({ state }: { state: ComplaintState }) {
  const t = useTranslations("complaints.states");
  return <Badge tone={TONE[state]} testId="complaint-state-badge">{t(state)}</Badge>;
}
