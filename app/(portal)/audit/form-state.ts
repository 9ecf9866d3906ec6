// What an audit form gets back from its server action: ok with a message, or the refusal's message
// in the reader's language, from its code (messages/<locale>/errors.json). Never a stack, never the lib's English.
import { AppError } from "@/lib/errors";
import { errorTexts } from "../_lib/error-text";

export type FormState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  /** Values to show after success (e.g. the checkpoint's seq). */
  data?: Record<string, string | number | boolean | null>;
} | null;

export async function refusedState(e: unknown, generic: string): Promise<FormState> {
  if (e instanceof AppError) {
    const texts = await errorTexts();
    return { ok: false, message: texts.message(e) ?? generic, fieldErrors: texts.fields(e) };
  }
  console.error(e);
  return { ok: false, message: generic };
}
