import { getTranslations } from "next-intl/server";
import type { SessionUser } from "@/lib/permissions";

export async function RoleHome({ user, children }: { user: SessionUser; children?: React.ReactNode }) {
  const t = await getTranslations("home");
  return (
    <section data-testid={`home-${user.role}`}>
      <h1 className="text-2xl font-semibold">{t("welcome", { name: user.name })}</h1>
      <p className="mt-1 text-slate-600">{t(user.role)}</p>
      <div className="mt-6">{children}</div>
    </section>
  );
}
