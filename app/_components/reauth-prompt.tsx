"use client";
// Shown where a decisive act (AWARD, REVOKE, publishing a scheme, a role change) was refused with
// REAUTH_REQUIRED: the person enters their password again (and their second-factor code when the
// account has one) in place. That is a fresh sign-in, which renews the session's sign-in time
// (lib/auth/reauth.ts); then they send the act again.
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { signInErrorKey } from "@/app/signin/sign-in-form";

export function ReauthPrompt({ testId = "reauth" }: { testId?: string }) {
  const t = useTranslations("reauth");
  const ts = useTranslations("signin");
  const id = useId();
  const [email, setEmail] = useState<string | null>(null);
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [needCode, setNeedCode] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  useEffect(() => {
    let live = true;
    fetch("/api/v1/me")
      .then((r) => (r.ok ? r.json() : null))
      .then((me: { email?: string } | null) => {
        if (live) setEmail(me?.email ?? null);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);

  if (done) {
    return <p role="status" data-testid={`${testId}-done`} className="mt-2 rounded bg-green-50 px-3 py-2 text-sm text-green-800">{t("done")}</p>;
  }

  async function confirm() {
    if (!email || busy) return;
    setBusy(true);
    setError(null);
    const res = await signIn("credentials", { email, password, ...(needCode ? { code } : {}), redirect: false });
    setBusy(false);
    if (res && !res.error) {
      setDone(true);
      return;
    }
    const { key, minutes, seconds } = signInErrorKey(res?.error ?? "");
    if (key === "TOTP_REQUIRED" && !needCode) {
      setNeedCode(true);
      return;
    }
    setError(ts(`errors.${key}`, { minutes: minutes ?? 15, seconds: seconds ?? 30 }));
  }

  // Not a <form>: it sits inside the act's own form. Enter in a field confirms here, not the act.
  const onEnter = (e: React.KeyboardEvent) => {
    if (e.key === "Enter") {
      e.preventDefault();
      void confirm();
    }
  };
  return (
    <div className="mt-2 space-y-2 rounded border border-amber-300 bg-amber-50 p-3 text-slate-900" data-testid={testId}>
      <p className="text-sm">{t("intro")}</p>
      <div>
        <label htmlFor={`${id}-pw`} className="block text-sm font-medium">{ts("password")}</label>
        <input id={`${id}-pw`} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)}
          onKeyDown={onEnter} data-testid={`${testId}-password`}
          className="mt-1 w-full max-w-xs rounded border border-slate-300 bg-white px-3 py-2 text-sm" />
      </div>
      {needCode && (
        <div>
          <label htmlFor={`${id}-code`} className="block text-sm font-medium">{ts("code")}</label>
          <input id={`${id}-code`} autoComplete="one-time-code" maxLength={40} value={code} onChange={(e) => setCode(e.target.value)}
            onKeyDown={onEnter} data-testid={`${testId}-code`} autoFocus
            className="mt-1 w-full max-w-xs rounded border border-slate-300 bg-white px-3 py-2 font-mono text-sm" />
        </div>
      )}
      {error && <p role="alert" className="text-sm text-red-700" data-testid={`${testId}-error`}>{error}</p>}
      <button type="button" disabled={busy || !email} onClick={() => void confirm()} data-testid={`${testId}-confirm`}
        className="rounded bg-brand px-3 py-2 text-sm font-medium text-white hover:bg-brand-dark disabled:opacity-60">
        {busy ? t("confirming") : t("confirm")}
      </button>
    </div>
  );
}
