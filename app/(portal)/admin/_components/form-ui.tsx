"use client";
// Small accessible form pieces shared by the admin, account and set-password forms: every input
// has a label, errors are tied to their field with aria-describedby, and alerts are announced.
import { useId, useState } from "react";
import { useFormStatus } from "react-dom";
import { useTranslations } from "next-intl";
import { Check, Copy } from "lucide-react";

const inputClass =
  "mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2 text-sm focus:border-brand focus:outline-none focus:ring-2 focus:ring-brand/30 aria-[invalid=true]:border-red-500";

type FieldProps = {
  label: string;
  name: string;
  error?: string;
  hint?: string;
  className?: string;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "className">;

export function Field({ label, name, error, hint, className, ...input }: FieldProps) {
  const id = useId();
  const described = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">{label}</label>
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={described} className={inputClass} {...input} />
      {hint && <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">{hint}</p>}
      {error && <p id={`${id}-error`} className="mt-1 text-sm text-red-700">{error}</p>}
    </div>
  );
}

type SelectProps = {
  label: string;
  name: string;
  error?: string;
  options: { value: string; label: string }[];
  placeholder?: string;
  className?: string;
} & Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "name" | "className">;

export function SelectField({ label, name, error, options, placeholder, className, ...select }: SelectProps) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">{label}</label>
      <select id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} className={inputClass} {...select}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      {error && <p id={`${id}-error`} className="mt-1 text-sm text-red-700">{error}</p>}
    </div>
  );
}

export function SubmitButton({ children, pendingLabel, variant = "primary", className = "", ...rest }: {
  children: React.ReactNode;
  pendingLabel?: string;
  variant?: "primary" | "secondary" | "danger";
} & Omit<React.ButtonHTMLAttributes<HTMLButtonElement>, "type" | "children">) {
  const { pending } = useFormStatus();
  const look = {
    primary: "bg-brand text-white hover:bg-brand-dark",
    secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100",
    danger: "bg-red-700 text-white hover:bg-red-800",
  }[variant];
  return (
    <button type="submit" disabled={pending} aria-disabled={pending}
      className={`rounded px-3 py-2 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-brand focus-visible:ring-offset-2 disabled:opacity-60 ${look} ${className}`} {...rest}>
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}

export function FormAlert({ state, testId }: { state: { ok: boolean; formError?: string; message?: string }; testId?: string }) {
  if (!state.ok && state.formError) {
    return <p role="alert" data-testid={testId ? `${testId}-error` : undefined} className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">{state.formError}</p>;
  }
  if (state.ok && state.message) {
    return <p role="status" data-testid={testId ? `${testId}-ok` : undefined} className="rounded bg-green-50 px-3 py-2 text-sm text-green-800">{state.message}</p>;
  }
  return null;
}

/** A value shown once (set-password link, API token), with a copy button. */
export function OneTimeSecret({ label, value, note, testId }: { label: string; value: string; note: string; testId: string }) {
  const t = useTranslations("admin");
  const id = useId();
  const [copied, setCopied] = useState(false);
  return (
    <div className="rounded border border-amber-300 bg-amber-50 p-3" role="status">
      <label htmlFor={id} className="block text-sm font-medium text-amber-900">{label}</label>
      <div className="mt-1 flex gap-2">
        <input id={id} readOnly value={value} data-testid={testId} onFocus={(e) => e.currentTarget.select()}
          className="w-full rounded border border-amber-300 bg-white px-2 py-1 font-mono text-sm" />
        <button type="button" aria-label={t("copy")}
          onClick={async () => { await navigator.clipboard?.writeText(value).catch(() => {}); setCopied(true); }}
          className="rounded border border-amber-400 bg-white px-2 text-amber-900 hover:bg-amber-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-600">
          {copied ? <Check aria-hidden className="h-4 w-4" /> : <Copy aria-hidden className="h-4 w-4" />}
        </button>
      </div>
      <p className="mt-1 text-xs text-amber-900">{note}</p>
    </div>
  );
}
