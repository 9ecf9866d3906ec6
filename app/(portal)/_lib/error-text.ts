// A refusal in the reader's language, from its domain code (lib/errors.ts, workflows/errors.ts)
// and parameters: messages/<locale>/errors.json holds one message per code. Every form's refusal
// mapper reads its texts here, so no page translates an English sentence.
import { getTranslations } from "next-intl/server";
import { isDomainCode, type AppError, type DomainRef, type ParamValue } from "@/lib/errors";

export type ErrorTexts = {
  /** The message of one code with its parameters. */
  say: (ref: { reason: DomainRef["reason"]; params?: Record<string, ParamValue> }) => string;
  /** The request's message, or null when the refusal carries no domain code. */
  message: (e: AppError) => string | null;
  /** Field → message for the fields the refusal names by code. */
  fields: (e: AppError) => Record<string, string>;
};

export async function errorTexts(): Promise<ErrorTexts> {
  const t = await getTranslations("errors");
  const say: ErrorTexts["say"] = (ref) => t(ref.reason, (ref.params ?? {}) as Record<string, string | number>);
  return {
    say,
    message: (e) => (e.reason && isDomainCode(e.reason) ? say({ reason: e.reason, params: e.params }) : null),
    fields: (e) => Object.fromEntries(Object.entries(e.fields ?? {}).map(([k, ref]) => [k, say(ref)])),
  };
}
