// Buttons in the portal's few styles. SubmitButton shows the pending state of its form by itself.
"use client";
import { useFormStatus } from "react-dom";
import type { ButtonHTMLAttributes } from "react";

import { buttonClass, type ButtonVariant } from "./button-class";

export { buttonClass, type ButtonVariant };

type Props = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant };

export function Button({ variant = "primary", className = "", type = "button", ...props }: Props) {
  return <button type={type} className={buttonClass(variant, className)} {...props} />;
}

/** A submit button that is disabled, and says so, while its form is being sent. */
export function SubmitButton({ pendingLabel, children, disabled, ...props }: Props & { pendingLabel?: string }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" disabled={pending || disabled} aria-busy={pending || undefined} {...props}>
      {pending && pendingLabel ? pendingLabel : children}
    </Button>
  );
}
