"use client";
// "Complain about this product": the public form on a certificate's verify page. After it is sent the
// form gives way to the confirmation: the reference and the tracking token, shown this once.
import { useActionState, useState } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Check, Copy, TriangleAlert } from "lucide-react";
import { FormMessage, InputField, TextareaField, useZodForm } from "@/app/_components/ui/form";
import { SubmitButton, Button } from "@/app/_components/ui/button";
import { Alert } from "@/app/_components/ui/alert";
import { fileComplaintAction } from "../actions";
import { CONTACT_MAX, FileComplaintFields, SUBJECT_MAX, TEXT_MAX } from "./schemas";

function CopyButton({ value, label }: { value: string; label: string }) {
  const t = useTranslations("complaints.filed");
  const [done, setDone] = useState(false);
  return (
    <Button
      variant="secondary"
      aria-label={`${t("copy")}: ${label}`}
      onClick={() => {
        void navigator.clipboard?.writeText(value).then(() => setDone(true));
      }}
    >
      {done ? <Check aria-hidden className="h-4 w-4" /> : <Copy aria-hidden className="h-4 w-4" />}
      {done ? t("copied") : t("copy")}
    </Button>
  );
}

export function Filed({ reference, token }: { reference: string; token: string }) {
  const t = useTranslations("complaints.filed");
  return (
    <div data-testid="complaint-filed" className="space-y-4">
      <h3 className="text-lg font-semibold" tabIndex={-1} ref={(el) => el?.focus()}>{t("title")}</h3>
      <dl className="space-y-3">
        <div>
          <dt className="text-sm text-slate-600">{t("reference")}</dt>
          <dd className="mt-1 flex flex-wrap items-center gap-2">
            <code data-testid="complaint-reference" className="break-all rounded bg-slate-100 px-2 py-1 text-lg font-semibold">{reference}</code>
            <CopyButton value={reference} label={t("reference")} />
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">{t("token")}</dt>
          <dd className="mt-1 flex flex-wrap items-center gap-2">
            <code data-testid="complaint-token" className="break-all rounded bg-slate-100 px-2 py-1 font-mono">{token}</code>
            <CopyButton value={token} label={t("token")} />
          </dd>
        </div>
      </dl>
      <Alert tone="warning" testId="complaint-token-warning">
        <span className="flex items-start gap-2">
          <TriangleAlert aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
          {t("warning")}
        </span>
      </Alert>
      <Link href={`/complaints/${reference}`} className="text-brand hover:underline" data-testid="complaint-status-link">
        {t("statusLink")}
      </Link>
    </div>
  );
}

export function ComplaintForm({ publicId }: { publicId: string }) {
  const t = useTranslations("complaints.form");
  const [state, action] = useActionState(fileComplaintAction, undefined);
  const [form, fields, formProps] = useZodForm(FileComplaintFields, { lastResult: state, action, id: "complaint" });
  if (state?.ok && state.reference && state.token) return <Filed reference={state.reference} token={state.token} />;
  // The certificate the complaint is about is fixed by the page: a refusal of it is said on the form.
  const target = fields.publicId.errors?.[0] ?? fields.certificateNumber.errors?.[0];
  return (
    <form {...formProps} className="space-y-4" data-testid="complaint-form">
      <input type="hidden" name="publicId" value={publicId} />
      <FormMessage errors={form.errors ?? (target ? [target] : undefined)} testId="complaint-form" />
      <InputField field={fields.subject} label={t("subject")} hint={t("subjectHint")} required maxLength={SUBJECT_MAX} errorTestId="error-complaint-subject" />
      <TextareaField field={fields.text} label={t("text")} hint={t("textHint")} required rows={6} maxLength={TEXT_MAX} errorTestId="error-complaint-text" />
      <InputField field={fields.contact} label={t("contact")} hint={t("contactHint")} maxLength={CONTACT_MAX} autoComplete="email" errorTestId="error-complaint-contact" />
      <SubmitButton pendingLabel={t("sending")} data-testid="complaint-submit">{t("submit")}</SubmitButton>
    </form>
  );
}
