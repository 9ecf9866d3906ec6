// What a scheme form's server action hands back: field errors keyed as lib/schemes keys them.
export type FormState = {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  /** What was submitted, so a refused form keeps the person's input. */
  values?: Record<string, string>;
  savedAt?: number;
  /** Publishing refused for an old sign-in (REAUTH_REQUIRED): the form asks for the password again. */
  reauth?: boolean;
};

export const EMPTY_FORM: FormState = {};
