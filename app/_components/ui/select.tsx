"use client";
// A choice from a fixed list (a lab, a level, a verdict, a role), on Radix Select: arrow keys,
// typeahead, Escape, and the listbox roles come from radix-ui; its hidden native select carries the
// value in the form under `name`, so a server action reads it like any field. Label, hint and error
// text as in ui/form.tsx.
import { Select as Primitive } from "radix-ui";
import { Check, ChevronDown } from "lucide-react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { FieldFoot, type controlA11y } from "./form";

type Meta = Parameters<typeof controlA11y>[0];

export type SelectOption = { value: string; label: ReactNode; disabled?: boolean };

export function SelectField({
  field,
  label,
  hint,
  options,
  placeholder,
  value,
  onValueChange,
  disabled,
  className = "",
  testId,
  errorTestId,
}: {
  field: Meta;
  label: ReactNode;
  hint?: ReactNode;
  options: SelectOption[];
  placeholder?: string;
  /** Controlled value; otherwise the field's initial value. */
  value?: string;
  onValueChange?: (v: string) => void;
  disabled?: boolean;
  className?: string;
  testId?: string;
  errorTestId?: string;
}) {
  const trigger = useRef<HTMLButtonElement>(null);
  // Radix keeps the value in a hidden native select; when the form focuses the first invalid field
  // (Conform does, by name) and that is this one, the focus belongs on the visible trigger.
  useEffect(() => {
    const hidden = trigger.current?.parentElement?.querySelector<HTMLSelectElement>(`select[name="${CSS.escape(field.name)}"]`);
    if (!hidden) return;
    const move = () => trigger.current?.focus();
    hidden.addEventListener("focus", move);
    return () => hidden.removeEventListener("focus", move);
  });
  const [own, setOwn] = useState((field.initialValue as string | undefined) ?? "");
  const current = value ?? own;
  const invalid = !!field.errors?.length;
  const described = [hint ? field.descriptionId : null, invalid ? field.errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label id={`${field.id}-label`} htmlFor={field.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <Primitive.Root
        name={field.name}
        value={current || undefined}
        disabled={disabled}
        onValueChange={(v) => {
          setOwn(v);
          onValueChange?.(v);
        }}
      >
        <Primitive.Trigger
          ref={trigger}
          id={field.id}
          data-testid={testId}
          aria-labelledby={`${field.id}-label`}
          aria-invalid={invalid || undefined}
          aria-describedby={described}
          className={`mt-1 flex w-full items-center justify-between gap-2 rounded border bg-white px-3 py-2 text-left text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand disabled:bg-slate-100 data-[placeholder]:text-slate-500 ${invalid ? "border-red-600" : "border-slate-300"}`}
        >
          <Primitive.Value placeholder={placeholder} />
          <Primitive.Icon>
            <ChevronDown aria-hidden className="h-4 w-4 text-slate-500" />
          </Primitive.Icon>
        </Primitive.Trigger>
        <Primitive.Portal>
          <Primitive.Content
            position="popper"
            sideOffset={4}
            collisionPadding={8}
            className="z-50 max-h-[min(var(--radix-select-content-available-height),20rem)] w-[var(--radix-select-trigger-width)] min-w-48 max-w-[calc(100vw-16px)] overflow-hidden rounded-md border border-slate-200 bg-white text-sm shadow-lg"
          >
            <Primitive.Viewport className="p-1">
              {options.map((o) => (
                <Primitive.Item
                  key={o.value}
                  value={o.value}
                  disabled={o.disabled}
                  data-testid={testId ? `${testId}-option` : undefined}
                  className="relative flex cursor-pointer select-none items-center rounded py-2 pl-7 pr-3 outline-none data-[disabled]:opacity-50 data-[highlighted]:bg-slate-100"
                >
                  <Primitive.ItemIndicator className="absolute left-2">
                    <Check aria-hidden className="h-4 w-4" />
                  </Primitive.ItemIndicator>
                  <Primitive.ItemText>{o.label}</Primitive.ItemText>
                </Primitive.Item>
              ))}
            </Primitive.Viewport>
          </Primitive.Content>
        </Primitive.Portal>
      </Primitive.Root>
      <FieldFoot field={field} hint={hint} errorTestId={errorTestId} />
    </div>
  );
}
