// What an audit form gets back from its server action: ok with a message, or the server's message
// and field errors. Never a stack.
import { AppError } from "@/lib/errors";

export type FormState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  /** Values to show after success (e.g. the checkpoint's seq). */
  data?: Record<string, string | number | boolean | null>;
} | null;

export function refusedState(e: unknown, generic: string): FormState {
  if (e instanceof AppError) {
    const fieldErrors: Record<string, string> = {};
    for (const [k, v] of Object.entries(e.details ?? {})) if (typeof v === "string") fieldErrors[k] = v;
    return { ok: false, message: e.message, fieldErrors };
  }
  console.error(e);
  return { ok: false, message: generic };
}
