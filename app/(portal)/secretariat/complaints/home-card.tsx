// The secretariat's complaint tasks on its home: how many complaints wait for triage, and each
// surveillance a complaint opened that is still under way (a link to its change case).
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { SessionUser } from "@/lib/permissions";
import { complaintTasks } from "@/lib/complaints/queries";
import { Card } from "@/app/_components/ui/card";
import { buttonClass } from "@/app/_components/ui/button-class";

export async function ComplaintTasksCard({ user }: { user: SessionUser }) {
  const [tasks, t] = await Promise.all([complaintTasks(user), getTranslations("complaints.secretariat")]);
  return (
    <Card
      id="secretariat-complaints"
      testId="secretariat-complaints-card"
      title={t("homeTitle")}
      actions={<Link href="/secretariat/complaints" className={buttonClass("secondary")} data-testid="open-complaints">{t("homeOpen")}</Link>}
    >
      <p className="text-sm" data-testid="complaints-to-triage" data-count={tasks.toTriage}>{t("homeToTriage", { count: tasks.toTriage })}</p>
      {tasks.surveillance.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{t("homeSurveillanceEmpty")}</p>
      ) : (
        <ul className="mt-2 space-y-1 text-sm" data-testid="surveillance-tasks">
          {tasks.surveillance.map((s) => (
            <li key={s.changeId} data-testid="surveillance-task" data-reference={s.reference}>
              <Link href={`/changes/${s.changeId}`} className="text-brand hover:underline">
                {t("homeSurveillance", { reference: s.reference, product: s.product })}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
