/** What every admin and account form action returns to useActionState. */
export type FormState = {
  ok: boolean;
  /** Translated, by field name. */
  fieldErrors?: Record<string, string>;
  formError?: string;
  message?: string;
  /** Shown once (a set-password link or an API token), never again. */
  secret?: string;
  /** A decisive act refused for an old sign-in (REAUTH_REQUIRED): the form asks for the password again. */
  reauth?: boolean;
  /** What was typed, to put back after a refusal (never passwords). */
  values?: Record<string, string>;
};

export const initialFormState: FormState = { ok: false };

/**
 * React resets a form after its action; a <select> then falls back to its first default, losing
 * what was chosen. Keying the fields on the returned values remounts them with those as defaults.
 */
export const fieldsKey = (state: FormState) => (state.ok ? "ok" : JSON.stringify(state.values ?? {}));
