"use client";
// One labelled form control with its error right under it, tied together for screen readers.
import { useId } from "react";

type Props = {
  label: string;
  name: string;
  defaultValue?: string;
  error?: string;
  type?: "text" | "number";
  hideLabel?: boolean;
  className?: string;
  placeholder?: string;
  required?: boolean;
  /** A textarea, for longer text such as a test method. */
  multiline?: boolean;
} & ({ options?: undefined } | { options: { value: string; label: string }[] });

export function Field({ label, name, defaultValue, error, type = "text", hideLabel, className, placeholder, required, multiline, options }: Props) {
  const id = useId();
  const errorId = `${id}-error`;
  const control = "w-full rounded border px-2 py-1 text-sm " + (error ? "border-red-500 bg-red-50" : "border-slate-300");
  const common = {
    id,
    name,
    defaultValue,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? errorId : undefined,
    required,
  };
  return (
    <div className={className}>
      <label htmlFor={id} className={hideLabel ? "sr-only" : "block text-xs font-medium text-slate-600"}>
        {label}
      </label>
      {options ? (
        <select {...common} className={control}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : multiline ? (
        <textarea {...common} rows={2} placeholder={placeholder} className={control} />
      ) : (
        <input {...common} type={type} step={type === "number" ? "any" : undefined} placeholder={placeholder} className={control} />
      )}
      {error && (
        <p id={errorId} role="alert" data-testid={`error-${name}`} className="mt-1 text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
