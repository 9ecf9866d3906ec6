"use client";
// The governance forms of a scheme version (docs/domain.md#scheme-governance), on the field kit
// (app/_components/ui/form.tsx). Each calls one server action; the server decides who may.
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { ReauthPrompt } from "@/app/_components/reauth-prompt-loader";
import { SubmitButton } from "@/app/_components/ui/button";
import { ErrorNamespaceProvider, FormMessage, InputField, NativeSelectField, TextareaField, useZodForm } from "@/app/_components/ui/form";
import { answerAction, approveAction, commentAction, commentPeriodAction, proposeAction, publishAction } from "../actions";
import { AnswerInput, CommentInput, CommentPeriodInput, GovernanceRefInput, ProposeInput, PublishInput } from "../_lib/governance-schemas";

type Ref = { schemeId: string; version: string };

function Hidden({ schemeId, version }: Ref) {
  return (
    <>
      <input type="hidden" name="schemeId" value={schemeId} />
      <input type="hidden" name="version" value={version} />
    </>
  );
}

const box = "space-y-3 rounded border border-slate-200 bg-white p-4";

export function ProposeForm({ schemeId, version, suggestion }: Ref & { suggestion: string }) {
  const t = useTranslations("schemes.governance");
  const [state, action] = useActionState(proposeAction, undefined);
  const [form, fields, formProps] = useZodForm(ProposeInput, { lastResult: state, action, id: "propose", defaultValue: { commentsUntil: suggestion } });
  return (
    <ErrorNamespaceProvider namespace="schemes">
      <form {...formProps} aria-label={t("proposeTitle")} className={box} data-testid="propose-form">
        <h2 className="text-lg font-semibold">{t("proposeTitle")}</h2>
        <p className="text-sm text-slate-600">{t("proposeExplained")}</p>
        <Hidden schemeId={schemeId} version={version} />
        <div className="flex flex-wrap items-start gap-3">
          <InputField field={fields.commentsUntil} label={t("commentsUntil")} type="date" required className="w-full sm:w-56" />
          <SubmitButton className="sm:mt-6">{t("propose")}</SubmitButton>
        </div>
        <FormMessage errors={fields.commentsUntil.errors?.length ? undefined : form.errors} result={state} testId="propose" />
      </form>
    </ErrorNamespaceProvider>
  );
}

/** The secretariat sets the end of a proposal that has none, or extends the period (never shortens it). */
export function CommentPeriodForm({ schemeId, version, current, suggestion }: Ref & { current: string | null; suggestion: string }) {
  const t = useTranslations("schemes.governance");
  const [state, action] = useActionState(commentPeriodAction, undefined);
  const [form, fields, formProps] = useZodForm(CommentPeriodInput, { lastResult: state, action, id: "comment-period", defaultValue: { commentsUntil: suggestion } });
  const title = current ? t("periodExtendTitle") : t("periodSetTitle");
  return (
    <ErrorNamespaceProvider namespace="schemes">
      <form {...formProps} aria-label={title} className={box} data-testid="comment-period-form">
        <h2 className="text-lg font-semibold">{title}</h2>
        <p className="text-sm text-slate-600">{current ? t("periodExtendExplained", { until: current }) : t("periodSetExplained")}</p>
        <Hidden schemeId={schemeId} version={version} />
        <div className="flex flex-wrap items-start gap-3">
          <InputField field={fields.commentsUntil} label={t("commentsUntil")} type="date" required className="w-full sm:w-56" />
          <SubmitButton className="sm:mt-6">{current ? t("periodExtend") : t("periodSet")}</SubmitButton>
        </div>
        <FormMessage errors={fields.commentsUntil.errors?.length ? undefined : form.errors} result={state} testId="comment-period" />
      </form>
    </ErrorNamespaceProvider>
  );
}

export function CommentForm({ schemeId, version, targets }: Ref & { targets: { value: string; label: string }[] }) {
  const t = useTranslations("schemes.governance");
  const [state, action] = useActionState(commentAction, undefined);
  const [form, fields, formProps] = useZodForm(CommentInput, { lastResult: state, action, id: "comment" });
  return (
    <ErrorNamespaceProvider namespace="schemes">
      <form {...formProps} aria-label={t("commentTitle")} className={box} data-testid="comment-form">
        <h3 className="font-semibold">{t("commentTitle")}</h3>
        <Hidden schemeId={schemeId} version={version} />
        <NativeSelectField field={fields.target} label={t("target")} options={targets} placeholder={t("wholeScheme")} />
        <TextareaField field={fields.text} label={t("commentText")} required maxLength={2000} rows={4} />
        <SubmitButton>{t("comment")}</SubmitButton>
        <FormMessage errors={form.errors} result={state} testId="comment" />
      </form>
    </ErrorNamespaceProvider>
  );
}

export function AnswerForm({ schemeId, version, commentId }: Ref & { commentId: string }) {
  const t = useTranslations("schemes.governance");
  const [state, action] = useActionState(answerAction, undefined);
  const [form, fields, formProps] = useZodForm(AnswerInput, { lastResult: state, action, id: `answer-${commentId}` });
  return (
    <ErrorNamespaceProvider namespace="schemes">
      <form {...formProps} aria-label={t("answerTitle")} className="mt-2 space-y-2" data-testid={`answer-form-${commentId}`}>
        <Hidden schemeId={schemeId} version={version} />
        <input type="hidden" name="commentId" value={commentId} />
        <TextareaField field={fields.answer} label={t("answerText")} required maxLength={2000} rows={3} />
        <SubmitButton variant="secondary">{t("answer")}</SubmitButton>
        <FormMessage errors={form.errors} testId={`answer-${commentId}`} />
      </form>
    </ErrorNamespaceProvider>
  );
}

export function ApproveForm({ schemeId, version }: Ref) {
  const t = useTranslations("schemes.governance");
  const [state, action] = useActionState(approveAction, undefined);
  const [form, , formProps] = useZodForm(GovernanceRefInput, { lastResult: state, action, id: "approve" });
  return (
    <ErrorNamespaceProvider namespace="schemes">
      <form {...formProps} aria-label={t("approveTitle")} className={box} data-testid="approve-form">
        <h2 className="text-lg font-semibold">{t("approveTitle")}</h2>
        <p className="text-sm text-slate-600">{t("approveExplained")}</p>
        <Hidden schemeId={schemeId} version={version} />
        <SubmitButton>{t("approve", { version })}</SubmitButton>
        <FormMessage errors={form.errors} result={state} testId="approve" />
        {state?.reauth && <ReauthPrompt key={state.at} testId="reauth-approve" />}
      </form>
    </ErrorNamespaceProvider>
  );
}

export function PublishForm({ schemeId, version, today, replaces }: Ref & { today: string; replaces: string[] }) {
  const t = useTranslations("schemes.governance");
  const [state, action] = useActionState(publishAction, undefined);
  const [form, fields, formProps] = useZodForm(PublishInput, { lastResult: state, action, id: "publish", defaultValue: { effectiveFrom: today } });
  return (
    <ErrorNamespaceProvider namespace="schemes">
      <form {...formProps} aria-label={t("publishTitle")} className="space-y-3 rounded border border-amber-300 bg-amber-50 p-4" data-testid="publish-form">
        <h2 className="text-lg font-semibold">{t("publishTitle")}</h2>
        <p className="text-sm text-amber-900">{t("publishExplained")}</p>
        <Hidden schemeId={schemeId} version={version} />
        <div className="flex flex-wrap items-start gap-3">
          <InputField field={fields.effectiveFrom} label={t("effectiveFrom")} type="date" required className="w-full sm:w-56" />
          {replaces.length > 0 && (
            <InputField
              field={fields.transitionUntil}
              label={t("transitionUntil", { previous: replaces.join(", ") })}
              hint={t("transitionHint")}
              type="date"
              required
              className="w-full sm:w-72"
            />
          )}
        </div>
        <SubmitButton variant="danger" pendingLabel={t("publishing")}>
          {t("publish", { version })}
        </SubmitButton>
        <FormMessage errors={form.errors} result={state} testId="publish" />
        {state?.reauth && <ReauthPrompt key={state.at} testId="reauth-publish" />}
      </form>
    </ErrorNamespaceProvider>
  );
}
