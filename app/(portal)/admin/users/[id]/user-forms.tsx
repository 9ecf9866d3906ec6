"use client";
// The user page's forms, on the field kit with lib/admin/schemas.ts; disabling asks in a dialog.
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { AddAffiliationInput, AffiliationRef, ChangeRoleInput, UserRef } from "@/lib/admin/schemas";
import { SubmitButton } from "@/app/_components/ui/button";
import { ConfirmDialog } from "@/app/_components/ui/dialog";
import { ErrorNamespaceProvider, FormMessage, InputField, NativeSelectField, useZodForm } from "@/app/_components/ui/form";
import { ReauthPrompt } from "@/app/_components/reauth-prompt-loader";
import { OneTimeSecret } from "@/app/_components/ui/one-time-secret";
import { addAffiliationAction, changeRoleAction, issueLinkAction, removeAffiliationAction, setDisabledAction, unlinkInstitutionalAction } from "../actions";

type Option = { value: string; label: string };

export function ChangeRoleForm({ userId, role, roles }: { userId: string; role: string; roles: Option[] }) {
  const t = useTranslations("admin");
  const [state, action] = useActionState(changeRoleAction, undefined);
  const [form, fields, formProps] = useZodForm(ChangeRoleInput, { lastResult: state, action, id: "change-role", defaultValue: { userId, role } });
  return (
    <ErrorNamespaceProvider namespace="admin">
      <form {...formProps} className="space-y-3" data-testid="change-role-form">
        <input type="hidden" name="userId" value={userId} />
        <NativeSelectField field={fields.role} label={t("fields.role")} options={roles} className="max-w-xs" />
        <FormMessage errors={form.errors} result={state} testId="change-role" />
        {state?.reauth && <ReauthPrompt key={state.at} testId="reauth-role" />}
        <SubmitButton variant="secondary" pendingLabel={t("saving")}>
          {t("user.changeRole")}
        </SubmitButton>
      </form>
    </ErrorNamespaceProvider>
  );
}

export function DisableForm({ userId, disabled }: { userId: string; disabled: boolean }) {
  const t = useTranslations("admin");
  const [state, action] = useActionState(setDisabledAction, undefined);
  const [form, , formProps] = useZodForm(UserRef, { lastResult: state, action, id: "disable-user" });
  return (
    <ErrorNamespaceProvider namespace="admin">
      <form {...formProps} className="space-y-3" data-testid="disable-form">
        <input type="hidden" name="userId" value={userId} />
        <input type="hidden" name="disable" value={disabled ? "0" : "1"} />
        <p className="text-sm text-slate-600">{disabled ? t("user.enableHelp") : t("user.disableHelp")}</p>
        <FormMessage errors={form.errors} result={state} testId="disable" />
        {disabled ? (
          <SubmitButton variant="secondary" pendingLabel={t("saving")}>
            {t("user.enable")}
          </SubmitButton>
        ) : (
          // Disabling signs the person out everywhere and revokes their tokens: asked first.
          <ConfirmDialog
            formId={form.id}
            trigger={t("user.disable")}
            title={t("user.disableConfirmTitle")}
            description={t("user.disableHelp")}
            confirmLabel={t("user.disable")}
            testId="disable-user-confirm"
          />
        )}
      </form>
    </ErrorNamespaceProvider>
  );
}

/** `shown`: this portal also shows the link (development and the demo); in production it is only mailed. */
export function IssueLinkForm({ userId, shown }: { userId: string; shown: boolean }) {
  const t = useTranslations("admin");
  const [state, action] = useActionState(issueLinkAction, undefined);
  const [form, , formProps] = useZodForm(UserRef, { lastResult: state, action, id: "issue-link" });
  return (
    <ErrorNamespaceProvider namespace="admin">
      <form {...formProps} className="space-y-3" data-testid="issue-link-form">
        <input type="hidden" name="userId" value={userId} />
        <p className="text-sm text-slate-600">{shown ? t("user.linkHelp") : t("user.linkHelpMail")}</p>
        <FormMessage errors={form.errors} result={state} testId="issue-link" />
        {state?.ok && state.secret && <OneTimeSecret label={t("users.linkLabel")} value={state.secret} note={t("users.linkNote")} testId="set-password-link" />}
        <SubmitButton variant="secondary" pendingLabel={t("saving")}>
          {t("user.issueLink")}
        </SubmitButton>
      </form>
    </ErrorNamespaceProvider>
  );
}

export function AddAffiliationForm({ userId, organizations }: { userId: string; organizations: Option[] }) {
  const t = useTranslations("admin");
  const [state, action] = useActionState(addAffiliationAction, undefined);
  const [form, fields, formProps] = useZodForm(AddAffiliationInput, { lastResult: state, action, id: "add-affiliation" });
  return (
    <ErrorNamespaceProvider namespace="admin">
      <form {...formProps} className="space-y-3" data-testid="add-affiliation-form">
        <input type="hidden" name="userId" value={userId} />
        <div className="grid gap-3 sm:grid-cols-2">
          <NativeSelectField field={fields.organizationId} label={t("fields.organization")} options={organizations} placeholder={t("fields.choose")} />
          <InputField field={fields.note} label={t("affiliations.note")} />
        </div>
        <FormMessage errors={form.errors} result={state} testId="add-affiliation" />
        <SubmitButton variant="secondary" pendingLabel={t("saving")}>
          {t("affiliations.add")}
        </SubmitButton>
      </form>
    </ErrorNamespaceProvider>
  );
}

export function RemoveAffiliationButton({ affiliationId, label }: { affiliationId: string; label: string }) {
  const t = useTranslations("admin");
  const [state, action] = useActionState(removeAffiliationAction, undefined);
  const [form, , formProps] = useZodForm(AffiliationRef, { lastResult: state, action, id: `remove-affiliation-${affiliationId}` });
  return (
    <ErrorNamespaceProvider namespace="admin">
      <form {...formProps} className="inline">
        <input type="hidden" name="affiliationId" value={affiliationId} />
        <SubmitButton variant="secondary" aria-label={label} pendingLabel={t("saving")}>
          {t("affiliations.remove")}
        </SubmitButton>
        {form.errors?.length ? <FormMessage errors={form.errors} /> : null}
      </form>
    </ErrorNamespaceProvider>
  );
}

/** Clears the linked institutional identity (lib/admin/unlink-institutional.ts), asked in a dialog first. */
export function UnlinkInstitutionalForm({ userId }: { userId: string }) {
  const t = useTranslations("admin");
  const [state, action] = useActionState(unlinkInstitutionalAction, undefined);
  const [form, , formProps] = useZodForm(UserRef, { lastResult: state, action, id: "unlink-institutional" });
  return (
    <ErrorNamespaceProvider namespace="admin">
      <form {...formProps} className="space-y-3" data-testid="unlink-institutional-form">
        <input type="hidden" name="userId" value={userId} />
        <FormMessage errors={form.errors} result={state} testId="unlink-institutional" />
        <ConfirmDialog
          formId={form.id}
          trigger={t("user.unlink")}
          title={t("user.unlinkConfirmTitle")}
          description={t("user.unlinkHelp")}
          confirmLabel={t("user.unlink")}
          testId="unlink-institutional-confirm"
        />
      </form>
    </ErrorNamespaceProvider>
  );
}
