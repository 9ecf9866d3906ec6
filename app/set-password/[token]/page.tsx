// Public page of a one-time set-password link: choose a password, or learn clearly why the link no
// longer works.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { Metadata } from "next";
import { Header } from "@/app/_components/header";
import { inspectSetPasswordLink } from "@/lib/auth/set-password";
import { SetPasswordForm } from "./set-password-form";

// The token is a credential: keep it out of referrers and search engines.
export const metadata: Metadata = { referrer: "no-referrer", robots: { index: false, follow: false } };

export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("account");
  const format = await getFormatter();
  const link = await inspectSetPasswordLink(token);
  return (
    <>
      <Header user={null} />
      <main className="mx-auto mt-16 max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="mb-4 text-xl font-semibold">{t("setPassword.title")}</h1>
        {link.status === "valid" ? (
          <>
            <p className="mb-4 text-sm text-slate-600">
              {t("setPassword.intro", { name: link.name, email: link.email })}{" "}
              {t("setPassword.expires", { when: format.dateTime(link.expires, { dateStyle: "medium", timeStyle: "short" }) })}
            </p>
            <SetPasswordForm token={token} email={link.email} />
          </>
        ) : (
          <div className="space-y-4">
            <p role="alert" data-testid={`link-${link.status}`} className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {t(`errors.link_${link.status}`)}
            </p>
            <Link href="/signin" className="inline-block text-sm text-brand hover:underline">{t("setPassword.toSignIn")}</Link>
          </div>
        )}
      </main>
    </>
  );
}
