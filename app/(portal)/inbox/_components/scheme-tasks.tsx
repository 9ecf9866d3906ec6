// The inbox's governance tasks (docs/domain.md#scheme-governance): versions to approve, to comment
// on, comments to answer, a missing comment-period end, versions to publish. Each row links to the
// version page where the step is taken; the step checks the caller again.
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { SchemeTask } from "@/lib/inbox/scheme-tasks";
import { Counted, DataTable, linkButtonClass } from "@/app/_components/role-home";
import { Card } from "@/app/_components/ui/card";
import { pick } from "../../schemes/_components/text";

export async function SchemeTasks({ tasks }: { tasks: SchemeTask[] }) {
  if (tasks.length === 0) return null;
  const t = await getTranslations("inbox");
  const locale = await getLocale();
  const format = await getFormatter();
  const day = (d: string | null) => (d ? format.dateTime(new Date(`${d}T00:00:00+08:00`), { dateStyle: "medium", timeZone: "Asia/Shanghai" }) : "—");
  return (
    <Card id="inbox-scheme-tasks" testId="inbox-scheme-tasks-card" title={<Counted title={t("schemeTasks")} count={tasks.length} />}>
      <DataTable
        caption={t("schemeTasksCaption")}
        rows={tasks}
        rowKey={(x) => `${x.kind}:${x.schemeId}:${x.version}`}
        empty={t("tasksEmpty")}
        testId="inbox-scheme-tasks"
        columns={[
          {
            header: t("task"),
            cell: (x) => (
              <span className="flex flex-col">
                <span className="font-medium" data-testid="scheme-task-kind" data-kind={x.kind}>
                  {t(`schemeKinds.${x.kind}`)}
                </span>
                {x.kind === "answerComments" && <span className="text-xs text-slate-700">{t("toAnswer", { count: x.count })}</span>}
                {x.kind === "commentOnScheme" && <span className="text-xs text-slate-700">{t("yourComments", { count: x.count })}</span>}
              </span>
            ),
          },
          {
            header: t("scheme"),
            cell: (x) => (
              <span className="break-words" data-testid="scheme-task-version" data-scheme={x.schemeId} data-version={x.version}>
                {pick(x.title, locale)} {x.version}
              </span>
            ),
          },
          { header: t("commentsUntil"), cell: (x) => day(x.commentsUntil) },
          {
            header: <span className="sr-only">{t("open")}</span>,
            cell: (x) => (
              <Link
                href={x.href}
                className={linkButtonClass("secondary")}
                aria-label={t("openSchemeTask", { task: t(`schemeKinds.${x.kind}`), scheme: pick(x.title, locale), version: x.version })}
                data-testid="scheme-task-open"
              >
                {t("open")}
              </Link>
            ),
          },
        ]}
      />
    </Card>
  );
}
