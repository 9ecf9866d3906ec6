"use client";
import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { ReauthPrompt } from "@/app/_components/reauth-prompt";
import { publishAction } from "../actions";
import { EMPTY_FORM } from "./form-state";

/** Publishing cannot be undone, so it asks once more, in words, before it happens. */
export function PublishForm({ schemeId, version }: { schemeId: string; version: string }) {
  const t = useTranslations("schemes");
  const [confirming, setConfirming] = useState(false);
  const [state, action, pending] = useActionState(publishAction, EMPTY_FORM);
  return (
    <section aria-labelledby="publish-heading" className="rounded border border-amber-300 bg-amber-50 p-4">
      <h2 id="publish-heading" className="text-lg font-semibold">{t("publishTitle", { version })}</h2>
      <p className="mt-1 text-sm text-amber-900">{t("publishWarning")}</p>
      {!confirming ? (
        <button type="button" onClick={() => setConfirming(true)} className="mt-3 rounded bg-brand px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-dark">
          {t("publish")}
        </button>
      ) : (
        <form action={action} className="mt-3 flex flex-wrap items-center gap-3" role="group" aria-label={t("confirmPublish", { version })}>
          <input type="hidden" name="schemeId" value={schemeId} />
          <input type="hidden" name="version" value={version} />
          <span className="text-sm font-medium">{t("confirmPublish", { version })}</span>
          <button type="submit" disabled={pending} className="rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60">
            {pending ? t("publishing") : t("publishYes")}
          </button>
          <button type="button" onClick={() => setConfirming(false)} className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100">
            {t("cancel")}
          </button>
        </form>
      )}
      {state.message && <p role="alert" className="mt-2 text-sm text-red-700">{state.message}</p>}
      {state.reauth && <ReauthPrompt testId="reauth-publish" />}
    </section>
  );
}
