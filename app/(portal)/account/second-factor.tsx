"use client";
// Two-factor sign-in on the account page: set up with a QR code (or the secret typed in), confirm
// with a code, keep the recovery codes shown once; renew them or turn it off with a current code.
import { useActionState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { StartEnrolmentInput, TotpCodeInput } from "@/lib/forms/account-schemas";
import { SubmitButton, type ButtonVariant } from "@/app/_components/ui/button";
import { ErrorNamespaceProvider, FormMessage, InputField, useZodForm } from "@/app/_components/ui/form";
import {
  confirmEnrolmentAction,
  disableSecondFactorAction,
  regenerateCodesAction,
  startEnrolmentAction,
  type SecondFactorState,
} from "./second-factor-actions";

type Status = { enabled: boolean; enabledAt: string | null; required: boolean; recoveryCodesLeft: number };
type Fields = ReturnType<typeof useZodForm<typeof TotpCodeInput>>[1];

function RecoveryCodes({ codes }: { codes: string[] }) {
  const t = useTranslations("account");
  return (
    <div className="rounded border border-amber-300 bg-amber-50 p-3" role="status" data-testid="recovery-codes">
      <p className="text-sm font-medium text-amber-900">{t("twoFactor.recoveryTitle")}</p>
      <ul className="mt-2 grid grid-cols-2 gap-1 font-mono text-sm sm:grid-cols-5">
        {codes.map((c) => <li key={c}>{c}</li>)}
      </ul>
      <p className="mt-2 text-xs text-amber-900">{t("twoFactor.recoveryNote")}</p>
    </div>
  );
}

function CodeField({ fields }: { fields: Fields }) {
  const t = useTranslations("account");
  return (
    <InputField field={fields.code} label={t("twoFactor.code")} inputMode="numeric" autoComplete="one-time-code" required maxLength={40}
      className="max-w-xs" data-testid="totp-code" />
  );
}

function Enrol({ mustEnrol }: { mustEnrol: boolean }) {
  const t = useTranslations("account");
  const router = useRouter();
  const [started, start] = useActionState(startEnrolmentAction, undefined);
  const [startForm, , startProps] = useZodForm(StartEnrolmentInput, { lastResult: started, action: start, id: "totp-start" });
  const [state, confirm] = useActionState(confirmEnrolmentAction, undefined);
  const [form, fields, formProps] = useZodForm(TotpCodeInput, { lastResult: state, action: confirm, id: "totp-confirm" });
  const setup = state?.setup ?? started?.setup;

  if (state?.ok && state.recoveryCodes) {
    return (
      <div className="space-y-3">
        <FormMessage result={state} testId="totp-enrol" />
        <RecoveryCodes codes={state.recoveryCodes} />
        <button type="button" onClick={() => router.refresh()} data-testid="totp-continue"
          className="rounded bg-brand px-3 py-2 text-sm font-medium text-white hover:bg-brand-dark">
          {t("twoFactor.continue")}
        </button>
      </div>
    );
  }
  if (!setup) {
    return (
      <form {...startProps} className="space-y-3">
        <FormMessage errors={startForm.errors} testId="totp-start" />
        <SubmitButton variant={mustEnrol ? "primary" : "secondary"} pendingLabel={t("saving")} data-testid="totp-start">
          {t("twoFactor.start")}
        </SubmitButton>
      </form>
    );
  }
  return (
    <form {...formProps} className="space-y-3" data-testid="totp-confirm-form">
      <ol className="list-decimal space-y-2 pl-5 text-sm text-slate-700">
        <li>{t("twoFactor.stepScan")}</li>
        <li>{t("twoFactor.stepCode")}</li>
      </ol>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
        {/* The SVG is drawn on the server by the qrcode library from our own otpauth URI. */}
        <div className="h-44 w-44 shrink-0 rounded border border-slate-200 bg-white p-1" role="img" aria-label={t("twoFactor.qrLabel")}
          data-testid="totp-qr" dangerouslySetInnerHTML={{ __html: setup.qrSvg }} />
        <div className="min-w-0 text-sm">
          <p className="text-slate-600">{t("twoFactor.secretLabel")}</p>
          <code className="mt-1 block break-all rounded bg-slate-100 px-2 py-1 font-mono" data-testid="totp-secret">{setup.secret}</code>
        </div>
      </div>
      <CodeField fields={fields} />
      <FormMessage errors={form.errors} result={state} testId="totp-confirm" />
      <SubmitButton pendingLabel={t("saving")}>{t("twoFactor.confirm")}</SubmitButton>
    </form>
  );
}

function CodeForm({ action, label, testId, variant }: {
  action: (prev: SecondFactorState | undefined, formData: FormData) => Promise<SecondFactorState>;
  label: string;
  testId: string;
  variant: ButtonVariant;
}) {
  const t = useTranslations("account");
  const [state, run] = useActionState(action, undefined);
  const [form, fields, formProps] = useZodForm(TotpCodeInput, { lastResult: state, action: run, id: testId });
  return (
    <form {...formProps} className="space-y-3" data-testid={testId}>
      <CodeField fields={fields} />
      <FormMessage errors={form.errors} result={state} testId={testId} />
      {state?.ok && state.recoveryCodes && <RecoveryCodes codes={state.recoveryCodes} />}
      <SubmitButton variant={variant} pendingLabel={t("saving")}>{label}</SubmitButton>
    </form>
  );
}

export function SecondFactor({ status, mustEnrol }: { status: Status; mustEnrol: boolean }) {
  const t = useTranslations("account");
  const format = useFormatter();
  return (
    <ErrorNamespaceProvider namespace="account">
    <div className="space-y-4">
      {mustEnrol && (
        <p role="alert" className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="totp-required">
          {t("twoFactor.mustEnrol")}
        </p>
      )}
      <p className="text-sm" data-testid="totp-status">
        {status.enabled && status.enabledAt
          ? t("twoFactor.on", { date: format.dateTime(new Date(status.enabledAt), { dateStyle: "medium" }), left: status.recoveryCodesLeft })
          : t("twoFactor.off")}
      </p>
      {!status.enabled && <Enrol mustEnrol={mustEnrol} />}
      {status.enabled && (
        <div className="grid gap-6 md:grid-cols-2">
          <div>
            <h3 className="mb-2 font-semibold">{t("twoFactor.renewTitle")}</h3>
            <CodeForm action={regenerateCodesAction} label={t("twoFactor.renew")} testId="totp-renew" variant="secondary" />
          </div>
          <div>
            <h3 className="mb-2 font-semibold">{t("twoFactor.disableTitle")}</h3>
            {status.required ? (
              <p className="text-sm text-slate-600">{t("twoFactor.requiredNote")}</p>
            ) : (
              <CodeForm action={disableSecondFactorAction} label={t("twoFactor.disable")} testId="totp-disable" variant="danger" />
            )}
          </div>
        </div>
      )}
    </div>
    </ErrorNamespaceProvider>
  );
}
