"use client";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";

function errorKey(message: string): { key: string; minutes?: number } {
  const m = message.match(/Try again in (\d+) minute/);
  if (m) return { key: "throttled", minutes: Number(m[1]) };
  if (message.startsWith("Email or password")) return { key: "wrong" };
  if (message.startsWith("This account is disabled")) return { key: "disabled" };
  if (message.startsWith("Demo accounts")) return { key: "demoDisabled" };
  return { key: "generic" };
}

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("signin");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const res = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setBusy(false);
    if (!res || res.error) {
      const { key, minutes } = errorKey(res?.error ?? "");
      setError(t(`errors.${key}`, { minutes: minutes ?? 15 }));
      return;
    }
    window.location.assign(callbackUrl);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <div>
        <label htmlFor="email" className="block text-sm font-medium">{t("email")}</label>
        <input id="email" name="email" type="email" autoComplete="username" required
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">{t("password")}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
      </div>
      {error && <p role="alert" data-testid="signin-error" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}
      <button type="submit" disabled={busy} className="w-full rounded bg-brand py-2 font-medium text-white hover:bg-brand-dark disabled:opacity-60">
        {busy ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
