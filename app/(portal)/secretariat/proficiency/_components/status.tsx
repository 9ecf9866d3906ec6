// A round's status: open, closed, or past its deadline (closed for its results).
import { getTranslations } from "next-intl/server";
import { Badge } from "@/app/_components/ui/badge";
import type { RoundSummary } from "@/lib/proficiency/rounds";

export async function RoundStatus({ round }: { round: Pick<RoundSummary, "status" | "closed"> }) {
  const t = await getTranslations("proficiency.status");
  if (round.status === "closed") return <Badge tone="neutral" testId="pt-status">{t("closed")}</Badge>;
  if (round.closed) return <Badge tone="warning" testId="pt-status">{t("pastDeadline")}</Badge>;
  return <Badge tone="info" testId="pt-status">{t("open")}</Badge>;
}
