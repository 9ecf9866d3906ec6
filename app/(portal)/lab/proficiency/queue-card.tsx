// The lab home's card of open proficiency-testing rounds its lab is invited to, soonest deadline first.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { SessionUser } from "@/lib/permissions";
import { labQueue } from "@/lib/proficiency/rounds";
import { Card } from "@/app/_components/ui/card";

export async function ProficiencyQueueCard({ user }: { user: SessionUser }) {
  const [rounds, t, format] = await Promise.all([labQueue(user), getTranslations("proficiency"), getFormatter()]);
  return (
    <Card id="lab-proficiency" testId="pt-lab-queue" title={t("lab.queue")} actions={<Link href="/lab/proficiency" className="text-sm text-brand hover:underline">{t("home.link")}</Link>}>
      {rounds.length === 0 ? (
        <p className="text-sm text-slate-700">{t("lab.queueEmpty")}</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {rounds.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center justify-between gap-2" data-testid="pt-queue-item">
              <Link href={`/lab/proficiency/${r.id}`} className="break-words text-brand hover:underline">{r.title}</Link>
              <span className="text-slate-600">
                {t("list.deadline")}: {format.dateTime(new Date(r.deadline), { dateStyle: "medium" })} · {r.mine?.submittedAt ? t("round.submittedAt", { at: format.dateTime(new Date(r.mine.submittedAt), { dateStyle: "medium" }) }) : t("round.notSubmitted")}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
