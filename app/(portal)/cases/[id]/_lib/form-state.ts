// What the case page's server actions hand back to their forms.
import type { LabReportError, Determination } from "@/lib/grading";

export type FormState = {
  ok?: boolean;
  /** A sentence for the whole form: what happened, or why nothing did. */
  message?: string;
  /** The case changed since the page was loaded: the person should reload. */
  stale?: boolean;
  /** A decisive act refused for an old sign-in (REAUTH_REQUIRED): the form asks for the password again. */
  reauth?: boolean;
  /** Field name → error, keyed as the server keys them (`reason`, `expertIds.2`, `product.name`). */
  fieldErrors?: Record<string, string>;
  /** What was submitted, so a refused form keeps the person's input. */
  values?: Record<string, string | string[]>;
  /** Changes on every answer, so a form can tell a new answer from an old one. */
  at?: number;
};

export const EMPTY_FORM: FormState = {};

export type LabReportState =
  | { ok: true; level: Determination["level"]; profile: Determination["profile"]; blockers: Determination["blockers"]; message: string }
  | { ok: false; message: string; errors: LabReportError[]; stale?: boolean };
