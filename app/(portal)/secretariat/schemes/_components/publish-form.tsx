"use client";
import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { ReauthPrompt } from "@/app/_components/reauth-prompt";
import { SubmitButton, Button } from "@/app/_components/ui/button";
import { ErrorNamespaceProvider, FormMessage, useZodForm } from "@/app/_components/ui/form";
import { publishAction } from "../actions";
import { PublishInput } from "../schemas";

/** Publishing cannot be undone, so it asks once more, in words, before it happens. */
export function PublishForm({ schemeId, version }: { schemeId: string; version: string }) {
  const t = useTranslations("schemes");
  const [confirming, setConfirming] = useState(false);
  const [state, action] = useActionState(publishAction, undefined);
  const [form, , formProps] = useZodForm(PublishInput, { lastResult: state, action, id: "publish" });
  return (
    <ErrorNamespaceProvider namespace="schemes">
      <section aria-labelledby="publish-heading" className="rounded border border-amber-300 bg-amber-50 p-4">
        <h2 id="publish-heading" className="text-lg font-semibold">{t("publishTitle", { version })}</h2>
        <p className="mt-1 text-sm text-amber-900">{t("publishWarning")}</p>
        {!confirming ? (
          <Button onClick={() => setConfirming(true)} className="mt-3">
            {t("publish")}
          </Button>
        ) : (
          <form {...formProps} className="mt-3 flex flex-wrap items-center gap-3" role="group" aria-label={t("confirmPublish", { version })}>
            <input type="hidden" name="schemeId" value={schemeId} />
            <input type="hidden" name="version" value={version} />
            <span className="text-sm font-medium">{t("confirmPublish", { version })}</span>
            <SubmitButton variant="danger" pendingLabel={t("publishing")}>
              {t("publishYes")}
            </SubmitButton>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              {t("cancel")}
            </Button>
          </form>
        )}
        <div className="mt-2">
          <FormMessage errors={form.errors} testId="publish" />
        </div>
        {state?.reauth && <ReauthPrompt key={state.at} testId="reauth-publish" />}
      </section>
    </ErrorNamespaceProvider>
  );
}
