"use client";
// Shown where a decisive act (AWARD, REVOKE, publishing a scheme, a role change) was refused with
// REAUTH_REQUIRED: the person enters their password again (and their second-factor code when the
// account has one) in place. That is a fresh sign-in, which renews the session's sign-in time
// (lib/auth/reauth.ts); then they send the act again.
// On the field kit (docs/decisions/0009-forms-conform-zod.md): the fields are validated in the
// browser with the schema below and the first empty one gets the focus; next-auth's authorize checks
// them again. The prompt sits inside the act's own form, and forms do not nest: its <form> element
// is rendered at the end of the body and the fields and button join it by their `form` attribute, so
// Enter in a field confirms here, never the act.
// A session made through the institution's provider (lib/auth/oidc.ts) re-authenticates there
// instead: a round trip that asks the provider to authenticate the person again now (prompt=login,
// max_age=0), which comes back to this page; then they send the act again.
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, useSyncExternalStore, type FormEvent } from "react";
import { createPortal } from "react-dom";
import { z } from "zod";
import { signInErrorKey } from "@/app/signin/sign-in-form";
import { InputField, useZodForm } from "@/app/_components/ui/form";
import { buttonClass } from "@/app/_components/ui/button-class";
import { OidcButton } from "@/app/signin/oidc-button";

export const ReauthSchema = z.object({
  password: z.string().min(1).max(1000),
  code: z.string().trim().min(1).max(40).optional(),
});
/** Once the account asked for its second factor, the code is required too. */
export const ReauthCodeSchema = ReauthSchema.extend({ code: z.string().trim().min(1).max(40) });

const noSubscribe = () => () => {};

export function ReauthPrompt({ testId = "reauth" }: { testId?: string }) {
  const t = useTranslations("reauth");
  const ts = useTranslations("signin");
  const [email, setEmail] = useState<string | null>(null);
  /** How the session was made: "oidc" through the institution's provider (lib/auth/options.ts). */
  const [idp, setIdp] = useState<string | null>(null);
  const [needCode, setNeedCode] = useState(false);
  const [busy, setBusy] = useState(false);
  /** The sign-in refusal's code (messages/<locale>/signin.json `errors`) and its numbers. */
  const [refusal, setRefusal] = useState<ReturnType<typeof signInErrorKey> | null>(null);
  const [done, setDone] = useState(false);
  // The body to render the <form> into, once in the browser (none while rendering on the server).
  const host = useSyncExternalStore(noSubscribe, () => document.body, () => null);
  const codeRef = useRef<HTMLInputElement>(null);
  const [form, fields] = useZodForm(needCode ? ReauthCodeSchema : ReauthSchema, { id: `${testId}-form` });

  useEffect(() => {
    let live = true;
    fetch("/api/v1/me")
      .then((r) => (r.ok ? r.json() : null))
      .then((me: { email?: string } | null) => {
        if (live) setEmail(me?.email ?? null);
      })
      .catch(() => {});
    fetch("/api/auth/session")
      .then((r) => (r.ok ? r.json() : null))
      .then((s: { idp?: string | null } | null) => {
        if (live) setIdp(s?.idp ?? null);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);

  if (done) {
    return <p role="status" data-testid={`${testId}-done`} className="mt-2 rounded bg-green-50 px-3 py-2 text-sm text-green-800">{t("done")}</p>;
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    // React bubbles events through portals to the React parents: the act's own form must not see this submit.
    event.stopPropagation();
    form.onSubmit(event);
    if (event.defaultPrevented) return;
    event.preventDefault();
    if (!email || busy) return;
    const data = new FormData(event.currentTarget);
    setBusy(true);
    setRefusal(null);
    const code = String(data.get("code") ?? "");
    const res = await signIn("credentials", { email, password: String(data.get("password") ?? ""), ...(needCode ? { code } : {}), redirect: false });
    setBusy(false);
    if (res && !res.error) {
      setDone(true);
      return;
    }
    const ref = signInErrorKey(res?.error ?? "");
    if (ref.key === "TOTP_REQUIRED" && !needCode) {
      setNeedCode(true);
      setTimeout(() => codeRef.current?.focus(), 0);
      return;
    }
    setRefusal(ref);
  }

  const formId = form.id;
  if (idp === "oidc") {
    return (
      <div className="mt-2 space-y-2 rounded border border-amber-300 bg-amber-50 p-3 text-slate-900" data-testid={testId}>
        <p className="text-sm">{t("oidcIntro")}</p>
        <OidcButton
          label={t("oidcConfirm")}
          reauth
          callbackUrl={typeof window === "undefined" ? "/" : window.location.pathname + window.location.search}
          className={buttonClass("primary", "py-2")}
          testId={`${testId}-oidc`}
        />
      </div>
    );
  }
  return (
    <div className="mt-2 space-y-2 rounded border border-amber-300 bg-amber-50 p-3 text-slate-900" data-testid={testId}>
      {host && createPortal(<form id={formId} noValidate onSubmit={onSubmit} hidden />, host)}
      <p className="text-sm">{t("intro")}</p>
      <InputField
        field={fields.password}
        form={formId}
        label={ts("password")}
        type="password"
        autoComplete="current-password"
        required
        className="max-w-xs"
        data-testid={`${testId}-password`}
        errorTestId={`${testId}-password-error`}
      />
      {needCode && (
        <InputField
          field={fields.code}
          form={formId}
          ref={codeRef}
          label={ts("code")}
          autoComplete="one-time-code"
          required
          maxLength={40}
          className="max-w-xs [&_input]:font-mono"
          data-testid={`${testId}-code`}
          errorTestId={`${testId}-code-error`}
        />
      )}
      {refusal && (
        <p role="alert" className="text-sm text-red-700" data-testid={`${testId}-error`}>
          {ts(`errors.${refusal.key}`, { minutes: refusal.minutes ?? 15, seconds: refusal.seconds ?? 30 })}
        </p>
      )}
      <button type="submit" form={formId} disabled={busy || !email || !host} data-testid={`${testId}-confirm`} className={buttonClass("primary", "py-2")}>
        {busy ? t("confirming") : t("confirm")}
      </button>
    </div>
  );
}
