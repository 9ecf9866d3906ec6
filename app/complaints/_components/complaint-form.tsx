"use client";
// "Complain about this product": the public form on a certificate's verify page. After it is sent the
// form gives way to the confirmation: the reference and the tracking token, shown this once.
import { useActionState, useState } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Check, Copy, TriangleAlert } from "lucide-react";
import { Field, Input, Textarea, fieldA11y } from "@/app/_components/ui/field";
import { SubmitButton, Button } from "@/app/_components/ui/button";
import { Alert } from "@/app/_components/ui/alert";
import { fileComplaintAction } from "../actions";
import type { FileState } from "./state";

const initial: FileState = { ok: false };

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
  const [state, action] = useActionState(fileComplaintAction, initial);
  if (state.ok && state.reference && state.token) return <Filed reference={state.reference} token={state.token} />;
  const err = (name: string) => state.fieldErrors?.[name] ?? null;
  const v = state.values ?? {};
  return (
    <form action={action} className="space-y-4" data-testid="complaint-form" noValidate key={JSON.stringify(v)}>
      <input type="hidden" name="publicId" value={publicId} />
      {state.formError && <Alert tone="error" testId="complaint-form-error">{state.formError}</Alert>}
      {err("publicId") && <Alert tone="error">{err("publicId")}</Alert>}
      <Field id="complaint-subject" label={t("subject")} hint={t("subjectHint")} error={err("subject")}>
        <Input {...fieldA11y("complaint-subject", err("subject"), true)} name="subject" required maxLength={200} defaultValue={v.subject} invalid={!!err("subject")} />
      </Field>
      <Field id="complaint-text" label={t("text")} hint={t("textHint")} error={err("text")}>
        <Textarea {...fieldA11y("complaint-text", err("text"), true)} name="text" required rows={6} maxLength={4000} defaultValue={v.text} invalid={!!err("text")} />
      </Field>
      <Field id="complaint-contact" label={t("contact")} hint={t("contactHint")} error={err("contact")}>
        <Input {...fieldA11y("complaint-contact", err("contact"), true)} name="contact" maxLength={200} autoComplete="email" defaultValue={v.contact} invalid={!!err("contact")} />
      </Field>
      <SubmitButton pendingLabel={t("sending")} data-testid="complaint-submit">{t("submit")}</SubmitButton>
    </form>
  );
}
