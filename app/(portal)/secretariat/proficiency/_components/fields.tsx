// Label, control, hint and error of one field of the proficiency forms, tied with aria-describedby.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { controlClass } from "@/app/_components/ui/form";

export function a11y(id: string, error?: string | null, hint?: boolean) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return { id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy || undefined };
}

export function PtField({ id, label, hint, error, children }: { id: string; label: ReactNode; hint?: ReactNode; error?: string | null; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">{label}</label>
      {children}
      {hint && <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">{hint}</p>}
      {error && <p id={`${id}-error`} className="mt-1 text-sm text-red-700">{error}</p>}
    </div>
  );
}

type Invalid = { invalid?: boolean };
export const PtInput = ({ invalid, className, ...p }: InputHTMLAttributes<HTMLInputElement> & Invalid) => <input className={controlClass(invalid, className)} {...p} />;
export const PtSelect = ({ invalid, className, ...p }: SelectHTMLAttributes<HTMLSelectElement> & Invalid) => <select className={controlClass(invalid, className)} {...p} />;
export const PtTextarea = ({ invalid, className, ...p }: TextareaHTMLAttributes<HTMLTextAreaElement> & Invalid) => <textarea className={controlClass(invalid, className)} {...p} />;
