// Where the case stands in due process (docs/domain.md#due-process): the last adverse decision and
// its appeal window, an appeal being heard, and a suspension's date to correct by. Shown to everyone
// who may see the case; the actions to take are in the case's action card.
import { getFormatter, getTranslations } from "next-intl/server";
import type { CaseView } from "@/lib/cases/view";
import { Card } from "@/app/_components/ui/card";

export async function DueProcess({ view, now = new Date() }: { view: CaseView; now?: Date }) {
  const t = await getTranslations("case.dueProcess");
  const format = await getFormatter();
  const day = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "long" });
  const rows: { key: string; text: string; tone?: "warn" }[] = [];

  if (view.state === "suspended" && view.correctBy) {
    const overdue = Date.parse(view.correctBy) < now.getTime();
    rows.push({ key: "correct-by", text: t(overdue ? "correctByOverdue" : "correctBy", { date: day(view.correctBy) }), tone: overdue ? "warn" : undefined });
  }
  if (view.pendingAppeal) {
    rows.push({ key: "pending-appeal", text: t("pendingAppeal", { decision: t(`kinds.${view.pendingAppeal.kind}`), date: day(view.pendingAppeal.filedAt) }) });
    rows.push({ key: "grounds", text: t("grounds", { grounds: view.pendingAppeal.grounds }) });
  } else if (view.adverse && view.appealDeadline) {
    const open = !view.adverse.appealed && Date.parse(view.appealDeadline) >= now.getTime();
    rows.push({
      key: "appeal-window",
      text: view.adverse.appealed
        ? t("appealDecided", { decision: t(`kinds.${view.adverse.kind}`) })
        : open
          ? t("appealOpen", { decision: t(`kinds.${view.adverse.kind}`), deadline: day(view.appealDeadline) })
          : t("appealClosed", { decision: t(`kinds.${view.adverse.kind}`), deadline: day(view.appealDeadline) }),
      tone: open ? "warn" : undefined,
    });
  }
  if (rows.length === 0) return null;
  return (
    <Card title={t("title")} testId="due-process">
      <ul className="space-y-1 text-sm">
        {rows.map((r) => (
          <li key={r.key} data-testid={`due-process-${r.key}`} className={r.tone === "warn" ? "font-medium text-amber-900" : "text-slate-800"}>
            {r.text}
          </li>
        ))}
      </ul>
    </Card>
  );
}
