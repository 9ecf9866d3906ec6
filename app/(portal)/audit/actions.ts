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
import { refusedState, type FormState } from "./form-state";

const field = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};

export async function setStageLimitsAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations("audit");
  const user = await getSessionUser();
  if (!user) return { ok: false, message: t("errors.signIn") };
  try {
    await setStageLimits(user, field(form, "pilotId"), Object.fromEntries(STAGES.map((s) => [s, field(form, s)])));
    revalidatePath("/audit");
    return { ok: true, message: t("limits.saved") };
  } catch (e) {
    return refusedState(e, t("errors.generic"));
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
    return refusedState(e, t("errors.generic"));
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
    return refusedState(e, t("errors.generic"));
  }
}
