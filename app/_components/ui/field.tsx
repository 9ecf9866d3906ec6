// Form fields with their label, hint and error text wired for assistive technology:
// `fieldA11y(id, error, hint)` gives a control the ids its Field renders.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

const CONTROL =
  "mt-1 block w-full rounded border px-3 py-2 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand disabled:bg-slate-100";

function controlClass(invalid: boolean | undefined, extra = "") {
  return `${CONTROL} ${invalid ? "border-red-600" : "border-slate-300"} ${extra}`.trim();
}

export function fieldA11y(id: string, error?: string | null, hint?: unknown) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return { id, "aria-invalid": error ? true : undefined, "aria-describedby": described || undefined } as const;
}

export function Label({ htmlFor, children, className = "" }: { htmlFor?: string; children: ReactNode; className?: string }) {
  return (
    <label htmlFor={htmlFor} className={`block text-sm font-medium text-slate-800 ${className}`.trim()}>
      {children}
    </label>
  );
}

export function FieldError({ id, error }: { id: string; error?: string | null }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} data-testid={`error-${id}`} className="mt-1 text-sm text-red-700">
      {error}
    </p>
  );
}

export function FieldHint({ id, hint }: { id: string; hint?: ReactNode }) {
  if (!hint) return null;
  return (
    <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
      {hint}
    </p>
  );
}

/** Label, control, hint and error of one field; the control gets its ids from `fieldA11y`. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
  className = "",
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={className}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      <FieldHint id={id} hint={hint} />
      <FieldError id={id} error={error} />
    </div>
  );
}

type Invalid = { invalid?: boolean };

export function Input({ invalid, className, ...props }: InputHTMLAttributes<HTMLInputElement> & Invalid) {
  return <input className={controlClass(invalid, className)} {...props} />;
}

export function Select({ invalid, className, ...props }: SelectHTMLAttributes<HTMLSelectElement> & Invalid) {
  return <select className={controlClass(invalid, className)} {...props} />;
}

export function Textarea({ invalid, className, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement> & Invalid) {
  return <textarea className={controlClass(invalid, className)} rows={3} {...props} />;
}

/** A checkbox with its label beside it, and its error below. */
export function Checkbox({
  id,
  label,
  error,
  hint,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { id: string; label: ReactNode; error?: string | null; hint?: ReactNode }) {
  return (
    <div>
      <div className="flex items-start gap-2">
        <input type="checkbox" className="mt-1 h-4 w-4 rounded border-slate-300" {...fieldA11y(id, error, hint)} {...props} />
        <label htmlFor={id} className="text-sm text-slate-800">
          {label}
        </label>
      </div>
      <FieldHint id={id} hint={hint} />
      <FieldError id={id} error={error} />
    </div>
  );
}
