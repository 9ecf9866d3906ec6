"use client";
// A confirm dialog before an act that cannot be undone (withdraw, revoke, deny, suspend, ...), on
// Radix: focus moves into the dialog and back, Escape and Cancel close it, the page behind is inert.
// The trigger stands where the form's submit button was; Confirm submits that form by its id (the
// dialog is portalled outside it). Only the look is ours.
import { Dialog as Primitive } from "radix-ui";
import { useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { Button, type ButtonVariant } from "./button";

export function ConfirmDialog({
  formId,
  trigger,
  title,
  description,
  confirmLabel,
  variant = "danger",
  testId,
  triggerLabel,
}: {
  /** The form Confirm submits. */
  formId: string;
  trigger: ReactNode;
  title: ReactNode;
  description: ReactNode;
  confirmLabel: ReactNode;
  variant?: ButtonVariant;
  testId?: string;
  /** The trigger's accessible name when its text alone is ambiguous (e.g. "Revoke the token X"). */
  triggerLabel?: string;
}) {
  const t = useTranslations("common.forms");
  const [open, setOpen] = useState(false);
  return (
    <Primitive.Root open={open} onOpenChange={setOpen}>
      <Primitive.Trigger asChild>
        <Button variant={variant} aria-label={triggerLabel} data-testid={testId ? `${testId}-open` : undefined}>
          {trigger}
        </Button>
      </Primitive.Trigger>
      <Primitive.Portal>
        <Primitive.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Primitive.Content
          data-testid={testId}
          className="fixed left-1/2 top-1/2 z-50 w-[calc(100vw-32px)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-md bg-white p-4 shadow-xl focus:outline-none"
        >
          <Primitive.Title className="text-base font-semibold text-slate-900">{title}</Primitive.Title>
          <Primitive.Description className="mt-2 text-sm text-slate-700">{description}</Primitive.Description>
          <div className="mt-4 flex flex-wrap justify-end gap-2">
            <Primitive.Close asChild>
              <Button variant="secondary" data-testid={testId ? `${testId}-cancel` : undefined}>
                {t("cancel")}
              </Button>
            </Primitive.Close>
            <Button
              variant={variant}
              data-testid={testId ? `${testId}-confirm` : undefined}
              onClick={() => {
                // Submit first (the submit event runs now), then close: focus returns to the trigger,
                // and Conform moves it on to the first invalid field when the form is refused.
                (document.getElementById(formId) as HTMLFormElement | null)?.requestSubmit();
                setOpen(false);
              }}
            >
              {confirmLabel}
            </Button>
          </div>
        </Primitive.Content>
      </Primitive.Portal>
    </Primitive.Root>
  );
}
