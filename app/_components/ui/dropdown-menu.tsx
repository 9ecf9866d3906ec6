"use client";
// The portal's dropdown menu, on Radix (focus, arrow keys, Escape, typeahead and the ARIA roles
// come from radix-ui): only the look is ours.
import { DropdownMenu as Menu } from "radix-ui";
import type { ComponentProps } from "react";

export const DropdownMenu = Menu.Root;
export const DropdownMenuTrigger = Menu.Trigger;

export function DropdownMenuContent({ className = "", ...props }: ComponentProps<typeof Menu.Content>) {
  return (
    <Menu.Portal>
      <Menu.Content
        align="end"
        sideOffset={6}
        collisionPadding={8}
        className={`z-50 min-w-56 max-w-[calc(100vw-16px)] rounded-md border border-slate-200 bg-white p-1 text-sm text-slate-800 shadow-lg ${className}`.trim()}
        {...props}
      />
    </Menu.Portal>
  );
}

export function DropdownMenuItem({ className = "", ...props }: ComponentProps<typeof Menu.Item>) {
  return (
    <Menu.Item
      className={`flex cursor-pointer select-none items-center gap-2 rounded px-3 py-2 outline-none data-[disabled]:opacity-50 data-[highlighted]:bg-slate-100 ${className}`.trim()}
      {...props}
    />
  );
}

export function DropdownMenuLabel({ className = "", ...props }: ComponentProps<typeof Menu.Label>) {
  return <Menu.Label className={`px-3 py-2 text-xs text-slate-500 ${className}`.trim()} {...props} />;
}

export function DropdownMenuSeparator() {
  return <Menu.Separator className="my-1 h-px bg-slate-200" />;
}
