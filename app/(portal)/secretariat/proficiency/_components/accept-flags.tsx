// Shown where the secretariat chooses the lab at ACCEPT: labs whose latest closed proficiency-testing
// round holds an unsatisfactory z-score, with the round and the items (docs/domain.md#proficiency-testing).
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { SessionUser } from "@/lib/permissions";
import { proficiencyFlags } from "@/lib/proficiency/rounds";
import { Alert } from "@/app/_components/ui/alert";

export async function ProficiencyAcceptFlags({ user, labs }: { user: SessionUser; labs: { id: string; name: string; nameZh: string | null }[] }) {
  const flags = await proficiencyFlags(user, labs.map((l) => l.id));
  if (!flags.length) return null;
  const [t, locale] = await Promise.all([getTranslations("proficiency.flag"), getLocale()]);
  const name = (id: string) => {
    const l = labs.find((x) => x.id === id);
    return l ? (locale.startsWith("zh") && l.nameZh ? l.nameZh : l.name) : id;
  };
  return (
    <div data-testid="pt-accept-flags">
      <Alert tone="warning">
        <p className="font-medium">{t("title")}</p>
        <p>{t("intro")}</p>
        <ul className="mt-1 list-disc pl-5">
          {flags.flatMap((f) =>
            f.items.map((it) => (
              <li key={`${f.labId}-${it.key}`} data-testid="pt-accept-flag" data-lab={f.labId}>
                <Link href={`/secretariat/proficiency/${f.roundId}`} className="underline">
                  {t("item", { lab: name(f.labId), round: f.roundTitle, item: it.key, z: it.z.toFixed(2) })}
                </Link>
              </li>
            )),
          )}
        </ul>
      </Alert>
    </div>
  );
}
