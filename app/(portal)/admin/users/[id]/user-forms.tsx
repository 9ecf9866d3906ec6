"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, FormAlert, OneTimeSecret, SelectField, SubmitButton } from "../../_components/form-ui";
import { fieldsKey, initialFormState } from "../../_components/form-state-type";
import { ReauthPrompt } from "@/app/_components/reauth-prompt";
import { addAffiliationAction, changeRoleAction, issueLinkAction, removeAffiliationAction, setDisabledAction } from "../actions";

type Option = { value: string; label: string };

export function ChangeRoleForm({ userId, role, roles }: { userId: string; role: string; roles: Option[] }) {
  const t = useTranslations("admin");
  const [state, action] = useActionState(changeRoleAction, initialFormState);
  return (
    <form action={action} className="space-y-3" data-testid="change-role-form">
      <input type="hidden" name="userId" value={userId} />
      <SelectField label={t("fields.role")} name="role" options={roles} defaultValue={role} error={state.fieldErrors?.role} className="max-w-xs" />
      <FormAlert state={state} testId="change-role" />
      {state.reauth && <ReauthPrompt testId="reauth-role" />}
      <SubmitButton variant="secondary" pendingLabel={t("saving")}>{t("user.changeRole")}</SubmitButton>
    </form>
  );
}

export function DisableForm({ userId, disabled }: { userId: string; disabled: boolean }) {
  const t = useTranslations("admin");
  const [state, action] = useActionState(setDisabledAction, initialFormState);
  return (
    <form action={action} className="space-y-3" data-testid="disable-form">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="disable" value={disabled ? "0" : "1"} />
      <p className="text-sm text-slate-600">{disabled ? t("user.enableHelp") : t("user.disableHelp")}</p>
      <FormAlert state={state} testId="disable" />
      <SubmitButton variant={disabled ? "secondary" : "danger"} pendingLabel={t("saving")}>
        {disabled ? t("user.enable") : t("user.disable")}
      </SubmitButton>
    </form>
  );
}

/** `shown`: this portal also shows the link (development and the demo); in production it is only mailed. */
export function IssueLinkForm({ userId, shown }: { userId: string; shown: boolean }) {
  const t = useTranslations("admin");
  const [state, action] = useActionState(issueLinkAction, initialFormState);
  return (
    <form action={action} className="space-y-3" data-testid="issue-link-form">
      <input type="hidden" name="userId" value={userId} />
      <p className="text-sm text-slate-600">{shown ? t("user.linkHelp") : t("user.linkHelpMail")}</p>
      <FormAlert state={state} testId="issue-link" />
      {state.ok && state.secret && <OneTimeSecret label={t("users.linkLabel")} value={state.secret} note={t("users.linkNote")} testId="set-password-link" />}
      <SubmitButton variant="secondary" pendingLabel={t("saving")}>{t("user.issueLink")}</SubmitButton>
    </form>
  );
}

export function AddAffiliationForm({ userId, organizations }: { userId: string; organizations: Option[] }) {
  const t = useTranslations("admin");
  const [state, action] = useActionState(addAffiliationAction, initialFormState);
  const v = state.ok ? {} : (state.values ?? {});
  return (
    <form action={action} className="space-y-3" data-testid="add-affiliation-form">
      <input type="hidden" name="userId" value={userId} />
      <div className="grid gap-3 sm:grid-cols-2" key={fieldsKey(state)}>
        <SelectField label={t("fields.organization")} name="organizationId" options={organizations} placeholder={t("fields.choose")}
          defaultValue={v.organizationId ?? ""} error={state.fieldErrors?.organizationId} />
        <Field label={t("affiliations.note")} name="note" defaultValue={v.note} error={state.fieldErrors?.note} />
      </div>
      <FormAlert state={state} testId="add-affiliation" />
      <SubmitButton variant="secondary" pendingLabel={t("saving")}>{t("affiliations.add")}</SubmitButton>
    </form>
  );
}

export function RemoveAffiliationButton({ affiliationId, label }: { affiliationId: string; label: string }) {
  const t = useTranslations("admin");
  const [state, action] = useActionState(removeAffiliationAction, initialFormState);
  return (
    <form action={action} className="inline">
      <input type="hidden" name="affiliationId" value={affiliationId} />
      <SubmitButton variant="secondary" aria-label={label} pendingLabel={t("saving")}>{t("affiliations.remove")}</SubmitButton>
      {!state.ok && state.formError && <span role="alert" className="ml-2 text-sm text-red-700">{state.formError}</span>}
    </form>
  );
}
