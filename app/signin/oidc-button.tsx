"use client";
// Institutional sign-in (lib/auth/oidc.ts): a round trip through the institution's provider, which
// comes back to the portal's callback and then to `callbackUrl`, or to this page with ?error=<code>.
import { signIn } from "next-auth/react";
import { useState } from "react";

/** `reauth`: ask the provider to authenticate the person again now (docs/security.md#institutional-sign-in). */
export function OidcButton({ label, callbackUrl, reauth = false, className, testId = "signin-oidc" }: {
  label: string; callbackUrl: string; reauth?: boolean; className?: string; testId?: string;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      data-testid={testId}
      onClick={() => {
        setBusy(true);
        void signIn("oidc", { callbackUrl }, reauth ? { prompt: "login", max_age: "0" } : undefined);
      }}
      className={className ?? "w-full rounded border border-brand py-2 font-medium text-brand hover:bg-slate-50 disabled:opacity-60"}
    >
      {label}
    </button>
  );
}
