"use client";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { InputField, useZodForm } from "@/app/_components/ui/form";
import { signInCodeSchema, signInSchema } from "./schema";

type ErrorKey = { key: string; minutes?: number; seconds?: number };

/** next-auth hands back authorize's message: a second-factor code, or one of the sentences of lib/auth/sign-in.ts. */
export function signInErrorKey(message: string): ErrorKey {
  const totp = message.match(/^(TOTP_REQUIRED|TOTP_INVALID|TOTP_THROTTLED)(?::(\d+))?$/);
  if (totp) return { key: totp[1], seconds: Number(totp[2] ?? 30) };
  const m = message.match(/Try again in (\d+) (second|minute)/);
  if (m) return m[2] === "second" ? { key: "throttledSeconds", seconds: Number(m[1]) } : { key: "throttled", minutes: Number(m[1]) };
  if (message.startsWith("Email or password")) return { key: "wrong" };
  if (message.startsWith("This account is disabled")) return { key: "disabled" };
  if (message.startsWith("Demo accounts")) return { key: "demoDisabled" };
  return { key: "generic" };
}

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("signin");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Second step: the password was right and the account has a second factor.
  const [needCode, setNeedCode] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  // Validated in the browser first (empty fields are named and focused); next-auth then checks the credentials.
  const [form, fields, formProps] = useZodForm(needCode ? signInCodeSchema : signInSchema, { id: "signin" });

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    form.onSubmit(e);
    if (e.defaultPrevented) return;
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const res = await signIn("credentials", {
      email: String(data.get("email") ?? ""),
      password: String(data.get("password") ?? ""),
      ...(needCode ? { code: String(data.get("code") ?? "") } : {}),
      redirect: false,
    });
    setBusy(false);
    if (!res || res.error) {
      const { key, minutes, seconds } = signInErrorKey(res?.error ?? "");
      if (key === "TOTP_REQUIRED") {
        setNeedCode(true);
        setTimeout(() => codeRef.current?.focus(), 0);
        if (needCode) setError(t("errors.TOTP_REQUIRED"));
        return;
      }
      setError(t(`errors.${key}`, { minutes: minutes ?? 15, seconds: seconds ?? 30 }));
      return;
    }
    window.location.assign(callbackUrl);
  }

  return (
    <form id={formProps.id} noValidate={formProps.noValidate} onSubmit={onSubmit} className="space-y-4">
      <div className={needCode ? "hidden" : undefined}>
        <InputField field={fields.email} label={t("email")} type="email" autoComplete="username" required />
      </div>
      <div className={needCode ? "hidden" : undefined}>
        <InputField field={fields.password} label={t("password")} type="password" autoComplete="current-password" required />
      </div>
      {needCode && (
        <InputField
          field={fields.code}
          ref={codeRef}
          label={t("code")}
          hint={t("codeHelp")}
          inputMode="text"
          autoComplete="one-time-code"
          required
          maxLength={40}
          data-testid="signin-code"
          className="[&_input]:font-mono [&_input]:tracking-widest"
        />
      )}
      {error && <p role="alert" data-testid="signin-error" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}
      <button type="submit" disabled={busy} className="w-full rounded bg-brand py-2 font-medium text-white hover:bg-brand-dark disabled:opacity-60">
        {busy ? t("submitting") : needCode ? t("verify") : t("submit")}
      </button>
      {needCode && (
        <button type="button" onClick={() => { setNeedCode(false); setError(null); }}
          className="w-full text-sm text-brand hover:underline">
          {t("back")}
        </button>
      )}
    </form>
  );
}
