"use client";
// The portal's one field kit (docs/decisions/): Conform + zod. A form keeps its zod schema in a
// module both sides import; useZodForm validates with it in the browser and reads the action's
// reply. Every field renders its label, control, hint and error text, the error from its CODE
// through messages/<locale>/errors.json; after a refused submit Conform focuses the first
// invalid field. Fields are tied to their text with aria-describedby.
// zod runs jitless in the browser from the start (instrumentation-client.ts), so its eval probe never
// trips the pages' CSP.
import { useForm, getFormProps, type FieldMetadata, type Submission, type SubmissionResult, type DefaultValue } from "@conform-to/react";
import { useTranslations } from "next-intl";
import { createContext, startTransition, useContext, type ComponentPropsWithRef, type FormEvent, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes, type SelectHTMLAttributes } from "react";
import type { $ZodType, input } from "zod/v4/core";
import { decodeRef, parseForm } from "./form-codes";

export { getFormProps };

const CONTROL =
  "mt-1 block w-full rounded border bg-white px-3 py-2 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand disabled:bg-slate-100";

export function controlClass(invalid: boolean | undefined, extra = "") {
  return `${CONTROL} ${invalid ? "border-red-600" : "border-slate-300"} ${extra}`.trim();
}

/**
 * Conform's useForm with the schema on the client, validating on blur and again as the person types.
 * `formProps` goes on the <form>: its id, noValidate, the action (which works before hydration too)
 * and an onSubmit that validates and then sends the action in a transition itself. Sending it
 * ourselves keeps React 19 from resetting the form after the action, which would empty what the
 * person typed and drop the server's field errors (conform issue #681).
 */
export function useZodForm<S extends $ZodType>(
  schema: S,
  options: {
    lastResult?: SubmissionResult<string[]> | null;
    id?: string;
    defaultValue?: DefaultValue<input<S>>;
    action?: (formData: FormData) => void;
  } = {},
) {
  const [form, fields] = useForm<Record<string, unknown>, Record<string, unknown>, string[]>({
    id: options.id,
    lastResult: options.lastResult ?? undefined,
    defaultValue: options.defaultValue as DefaultValue<Record<string, unknown>> | undefined,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseForm(formData, schema) as unknown as Submission<Record<string, unknown>, string[]>,
  });
  const { action } = options;
  const formProps = {
    ...getFormProps(form),
    action,
    onSubmit: (event: FormEvent<HTMLFormElement>) => {
      form.onSubmit(event);
      if (event.defaultPrevented || !action) return;
      event.preventDefault();
      const submitter = (event.nativeEvent as SubmitEvent).submitter;
      const data = new FormData(event.currentTarget, submitter);
      startTransition(() => action(data));
    },
  };
  return [form, fields, formProps] as const;
}

/** The namespace whose `errors.<code>` hold a form's own codes (e.g. "account", "admin"). */
const ErrorNamespace = createContext<string | null>(null);

export function ErrorNamespaceProvider({ namespace, children }: { namespace: string; children: ReactNode }) {
  return <ErrorNamespace.Provider value={namespace}>{children}</ErrorNamespace.Provider>;
}

/** The text of error codes (workflows/errors.ts, or the form's own) in the reader's language. */
export function useErrorText() {
  const t = useTranslations("errors");
  const namespace = useContext(ErrorNamespace);
  // The root translator reads `<namespace>.errors.<code>` for a form's own codes.
  const root = useTranslations();
  return (code: string) => {
    const ref = decodeRef(code);
    const params = (ref.params ?? {}) as Record<string, string | number>;
    if (ref.local) {
      const key = `${namespace}.errors.${ref.reason}`;
      if (namespace && root.has(key)) return root(key, params);
      return t(ref.reason === "required" ? "FIELD_REQUIRED" : "FIELD_INVALID");
    }
    return t.has(ref.reason) ? t(ref.reason, params) : t("FIELD_INVALID");
  };
}

type Meta = Pick<FieldMetadata<unknown>, "id" | "name" | "errors" | "errorId" | "descriptionId" | "initialValue" | "key">;

/** The ids a control needs to be tied to its hint and error. */
export function controlA11y(field: Meta, hint?: boolean) {
  const invalid = !!field.errors?.length;
  const described = [hint ? field.descriptionId : null, invalid ? field.errorId : null].filter(Boolean).join(" ");
  return { id: field.id, name: field.name, "aria-invalid": invalid || undefined, "aria-describedby": described || undefined };
}

/** Under a control: its hint (which the control's aria-describedby names) and its error text. */
export function FieldFoot({ field, hint, errorTestId }: { field: Meta; hint?: ReactNode; errorTestId?: string }) {
  return (
    <>
      {hint && (
        <p id={field.descriptionId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      <ErrorText field={field} testId={errorTestId} />
    </>
  );
}

export function ErrorText({ field, testId }: { field: Meta; testId?: string }) {
  const say = useErrorText();
  if (!field.errors?.length) return null;
  return (
    <p id={field.errorId} data-testid={testId ?? `error-${field.name}`} className="mt-1 text-sm text-red-700">
      {say(field.errors[0])}
    </p>
  );
}

/**
 * What the form's last answer says as a whole: its form-level error codes (announced, test id
 * `<testId>-error`), or the action's success sentence (`<testId>-ok`).
 */
export function FormMessage({ errors, result, testId }: { errors?: string[]; result?: { ok?: boolean; message?: string } | null; testId?: string }) {
  const say = useErrorText();
  if (errors?.length) {
    return (
      <p role="alert" data-testid={testId ? `${testId}-error` : undefined} className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
        {say(errors[0])}
      </p>
    );
  }
  if (result?.ok && result.message) {
    return (
      <p role="status" data-testid={testId ? `${testId}-ok` : undefined} className="rounded bg-green-50 px-3 py-2 text-sm text-green-800">
        {result.message}
      </p>
    );
  }
  return null;
}

/** The form-level errors (codes), announced. */
export function FormErrors({ errors, testId, children }: { errors?: string[]; testId?: string; children?: ReactNode }) {
  const say = useErrorText();
  if (!errors?.length) return null;
  return (
    <div role="alert" data-testid={testId} className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
      {errors.map((e, i) => (
        <p key={i}>{say(e)}</p>
      ))}
      {children}
    </div>
  );
}

function Frame({
  field,
  label,
  hint,
  className = "",
  errorTestId,
  children,
}: {
  field: Meta;
  label: ReactNode;
  hint?: ReactNode;
  className?: string;
  errorTestId?: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      <FieldFoot field={field} hint={hint} errorTestId={errorTestId} />
    </div>
  );
}

/** `errorTestId`: the error text's test id (default `error-<name>`). */
type Common = { field: Meta; label: ReactNode; hint?: ReactNode; className?: string; errorTestId?: string };

export function InputField({ field, label, hint, className, errorTestId, ...props }: Common & Omit<ComponentPropsWithRef<"input">, "name" | "id">) {
  return (
    <Frame field={field} label={label} hint={hint} className={className} errorTestId={errorTestId}>
      <input
        key={field.key}
        defaultValue={props.type === "password" ? undefined : (field.initialValue as string | undefined)}
        className={controlClass(!!field.errors?.length)}
        {...controlA11y(field, !!hint)}
        {...props}
      />
    </Frame>
  );
}

export function TextareaField({ field, label, hint, className, errorTestId, ...props }: Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "id">) {
  return (
    <Frame field={field} label={label} hint={hint} className={className} errorTestId={errorTestId}>
      <textarea
        key={field.key}
        rows={3}
        defaultValue={field.initialValue as string | undefined}
        className={controlClass(!!field.errors?.length)}
        {...controlA11y(field, !!hint)}
        {...props}
      />
    </Frame>
  );
}

/** A native select (short lists inside dense forms); ui/select.tsx has the Radix one. */
export function NativeSelectField({
  field,
  label,
  hint,
  className,
  errorTestId,
  options,
  placeholder,
  ...props
}: Common & { options: { value: string; label: string }[]; placeholder?: string } & Omit<SelectHTMLAttributes<HTMLSelectElement>, "name" | "id">) {
  return (
    <Frame field={field} label={label} hint={hint} className={className} errorTestId={errorTestId}>
      <select
        key={field.key}
        defaultValue={(field.initialValue as string | undefined) ?? ""}
        className={controlClass(!!field.errors?.length)}
        {...controlA11y(field, !!hint)}
        {...props}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/** A checkbox with its label beside it, its hint and error below. */
export function CheckboxField({ field, label, hint, className, errorTestId, ...props }: Common & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id" | "type">) {
  return (
    <div className={className}>
      <div className="flex items-start gap-2">
        <input
          key={field.key}
          type="checkbox"
          defaultChecked={field.initialValue === "on"}
          className="mt-1 h-4 w-4 rounded border-slate-300"
          {...controlA11y(field, !!hint)}
          {...props}
        />
        <label htmlFor={field.id} className="text-sm text-slate-800">
          {label}
        </label>
      </div>
      <FieldFoot field={field} hint={hint} errorTestId={errorTestId} />
    </div>
  );
}
