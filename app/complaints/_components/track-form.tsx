"use client";
// The complainant's status page: the token is typed into a POSTed form, never put in the page's URL.
import { useActionState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { FormMessage, InputField, useZodForm } from "@/app/_components/ui/form";
import { SubmitButton } from "@/app/_components/ui/button";
import { trackComplaintAction } from "../actions";
import { TrackComplaintFields } from "./schemas";

export function TrackForm({ reference }: { reference: string }) {
  const t = useTranslations("complaints");
  const format = useFormatter();
  const [state, action] = useActionState(trackComplaintAction, undefined);
  const [form, fields, formProps] = useZodForm(TrackComplaintFields, { lastResult: state, action, id: "complaint-track" });
  const s = state?.ok ? state.complaint : undefined;
  const when = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: "long", timeStyle: "short" }) : null);
  return (
    <div className="space-y-5">
      <form {...formProps} className="space-y-3" data-testid="complaint-track-form">
        <input type="hidden" name="reference" value={reference} />
        <p className="text-sm text-slate-600">{t("track.intro")}</p>
        <FormMessage errors={form.errors} testId="complaint-track" />
        <InputField field={fields.token} label={t("track.token")} type="password" autoComplete="off" required maxLength={200} spellCheck={false} />
        <SubmitButton pendingLabel={t("track.checking")} data-testid="complaint-track-submit">{t("track.submit")}</SubmitButton>
      </form>
      {s && (
        <section aria-live="polite" data-testid="complaint-status" data-state={s.state} className="rounded-lg border border-slate-200 bg-white p-5">
          <dl className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="text-slate-600">{t("track.state")}</dt>
            <dd className="font-semibold" data-testid="complaint-state">{t(`states.${s.state}`)}</dd>
            <dt className="text-slate-600">{t("track.receivedAt")}</dt>
            <dd>{when(s.receivedAt)}</dd>
            {s.triagedAt && (
              <>
                <dt className="text-slate-600">{t("track.triagedAt")}</dt>
                <dd>{when(s.triagedAt)}</dd>
              </>
            )}
            {s.closedAt && (
              <>
                <dt className="text-slate-600">{t("track.closedAt")}</dt>
                <dd>{when(s.closedAt)}</dd>
              </>
            )}
            {s.outcome && (
              <>
                <dt className="text-slate-600">{t("track.outcome")}</dt>
                <dd data-testid="complaint-outcome">{t(`outcomes.${s.outcome}`)}</dd>
              </>
            )}
            {s.publicSummary && (
              <>
                <dt className="text-slate-600">{t("track.summary")}</dt>
                <dd data-testid="complaint-summary" className="whitespace-pre-wrap break-words">{s.publicSummary}</dd>
              </>
            )}
          </dl>
        </section>
      )}
    </div>
  );
}
