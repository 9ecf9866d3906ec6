"use client";
// The vendor's choice to publish a certified case's element profile and item results in the
// registry's comparison (marked as pilot values), or to withdraw them; confirmed in a dialog.
import { useActionState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { Card } from "@/app/_components/ui/card";
import { ConfirmDialog } from "@/app/_components/ui/dialog";
import { FormMessage, useZodForm } from "@/app/_components/ui/form";
import { publishResultsAction } from "../publish-action";
import { PublishFields } from "../_lib/publish-fields";

export function PublishResults({ caseId, publishable, publishedAt }: { caseId: string; publishable: boolean; publishedAt: string | null }) {
  const t = useTranslations("pilots.published");
  const format = useFormatter();
  const [state, action] = useActionState(publishResultsAction, undefined);
  const [form, , formProps] = useZodForm(PublishFields, { lastResult: state, action, id: `publish-${caseId}` });
  const publish = !publishedAt;
  return (
    <Card title={t("publishTitle")} testId="publish-results">
      <p className="text-sm text-slate-700">{t("publishIntro")}</p>
      <p className="mt-1 text-sm" data-testid="publish-state">
        {publishedAt ? t("publishedSince", { date: format.dateTime(new Date(publishedAt), { dateStyle: "medium" }) }) : t("notPublished")}
      </p>
      {(publishable || !publish) && (
        <form {...formProps} className="mt-2 space-y-1">
          <input type="hidden" name="caseId" value={caseId} />
          <input type="hidden" name="publish" value={String(publish)} />
          <FormMessage errors={form.errors} testId="publish" />
          <ConfirmDialog
            formId={form.id}
            trigger={publish ? t("publish") : t("withdraw")}
            title={publish ? t("publish") : t("withdraw")}
            description={publish ? t("publishConfirm") : t("withdrawConfirm")}
            confirmLabel={publish ? t("publish") : t("withdraw")}
            variant={publish ? "primary" : "secondary"}
            testId="publish"
          />
        </form>
      )}
    </Card>
  );
}
