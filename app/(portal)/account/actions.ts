"use server";
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { changePassword } from "@/lib/auth/change-password";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { currentActor, failure, formFields } from "../admin/_lib/form-state";
import type { FormState } from "../admin/_components/form-state-type";

export async function changePasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formFields(formData, ["currentPassword", "password", "confirm"]);
  try {
    await changePassword(await currentActor(), values);
    // Every session of this person has now ended, this one too: the form signs them out.
    return { ok: true, message: (await getTranslations("account"))("password.changed") };
  } catch (e) {
    return failure(e, "account");
  }
}

export async function createTokenAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formFields(formData, ["name", "expiresInDays"]);
  const scopes = formData.getAll("scopes").filter((x): x is string => typeof x === "string");
  try {
    const r = await createApiToken(await currentActor(), { ...values, scopes, password: String(formData.get("password") ?? "") });
    revalidatePath("/account");
    return { ok: true, message: (await getTranslations("account"))("tokens.created", { name: r.name }), secret: r.token };
  } catch (e) {
    // What was typed comes back after a refusal, never the password.
    return failure(e, "account", { ...values, scopes: scopes.join(" ") });
  }
}

export async function revokeTokenAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formFields(formData, ["tokenId"]);
  try {
    await revokeApiToken(await currentActor(), values);
    revalidatePath("/account");
    return { ok: true, message: (await getTranslations("account"))("tokens.revoked") };
  } catch (e) {
    return failure(e, "account");
  }
}
