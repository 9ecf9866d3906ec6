"use server";
// Thin server actions of the audit pages: read the form, resolve the caller, call one use case
// (which checks the permission itself) and hand the outcome back to the form.
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { getSessionUser } from "@/lib/auth/session";
import { setStageLimits } from "@/lib/pilots/set-stage-limits";
import { verifyChain } from "@/lib/audit/verify-chain";
import { createCheckpoint } from "@/lib/audit/checkpoints";
import { STAGES } from "@/lib/pilots/stage-limits";
import { parseForm } from "@/app/_components/ui/form-codes";
import { refusalReply, type FormResult } from "../_lib/form-reply";
import { refusedState, type FormState } from "./form-state";
import { StageLimitsFields } from "./stage-limits-schema";

export async function setStageLimitsAction(_prev: FormResult | undefined, form: FormData): Promise<FormResult> {
  const submission = parseForm(form, StageLimitsFields);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  const user = await getSessionUser();
  if (!user) return { ...submission.reply({ formErrors: ["SIGN_IN_REQUIRED"] }), ok: false };
  try {
    const { pilotId, ...limits } = submission.value;
    await setStageLimits(user, pilotId, Object.fromEntries(STAGES.map((s) => [s, limits[s]])));
    revalidatePath("/audit");
    return { ...submission.reply(), ok: true, message: (await getTranslations("audit"))("limits.saved"), at: Date.now() };
  } catch (e) {
    return refusalReply(submission, e, { local: true });
  }
}

export async function verifyChainAction(_prev: FormState, _form: FormData): Promise<FormState> {
  void _form;
  const t = await getTranslations("audit");
  const user = await getSessionUser();
  if (!user) return { ok: false, message: t("errors.signIn") };
  try {
    const r = await verifyChain(user);
    return r.ok
      ? { ok: true, message: t("chain.ok", { count: r.count, head: r.head }), data: { intact: true, count: r.count, head: r.head } }
      : { ok: false, message: t("chain.broken", { seq: r.brokenAt, reason: r.reason }), data: { intact: false, brokenAt: r.brokenAt } };
  } catch (e) {
    return await refusedState(e, t("errors.generic"));
  }
}

export async function createCheckpointAction(_prev: FormState, _form: FormData): Promise<FormState> {
  void _form;
  const t = await getTranslations("audit");
  const user = await getSessionUser();
  if (!user) return { ok: false, message: t("errors.signIn") };
  try {
    const c = await createCheckpoint(user);
    revalidatePath("/audit/events");
    return { ok: true, message: t("checkpoints.created", { seq: c.seq }), data: { id: c.id, seq: c.seq } };
  } catch (e) {
    return await refusedState(e, t("errors.generic"));
  }
}
