// The lab's accreditations on its home: category, number and accrediting body, scope and validity
// (docs/domain.md#lab-evidence). It reports only items in its scope.
import { getFormatter, getTranslations } from "next-intl/server";
import type { SessionUser } from "@/lib/permissions";
import { myAccreditations } from "@/lib/admin/lab-accreditations";
import { Card } from "@/app/_components/ui/card";
import { CategoryName } from "@/app/_components/role-home";

export async function AccreditationsCard({ user }: { user: SessionUser }) {
  const rows = await myAccreditations(user);
  if (!rows.length) return null;
  const t = await getTranslations("labEvidence");
  const format = await getFormatter();
  const day = (d: Date) => format.dateTime(d, { dateStyle: "medium" });
  return (
    <Card title={t("accreditation.title")} testId="lab-accreditations">
      <ul className="space-y-2 text-sm">
        {rows.map((a) => (
          <li key={a.category} className="flex flex-wrap gap-x-3 gap-y-1" data-testid={`lab-accreditation-${a.category}`}>
            <span className="font-medium">
              <CategoryName category={a.category} />
            </span>
            <span>{a.number ? t("accreditation.detail", { number: a.number, body: a.body ?? "—" }) : t("accreditation.none")}</span>
            <span className="text-slate-600">
              {t("accreditation.scope")}: {a.scope.length ? a.scope.join(", ") : t("accreditation.scopeAll")}
            </span>
            <span className="text-slate-600">
              {day(a.validFrom)} – {day(a.validUntil)}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
