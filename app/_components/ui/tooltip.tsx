"use client";
// A short explanation of an abbreviated or icon-only thing (a level badge L1..L4, the 2FA badge), on
// Radix Tooltip: it opens on hover and on keyboard focus and closes with Escape. The trigger must be
// focusable; `Tip` wraps its child in a focusable span when it is not.
import { Tooltip as Primitive } from "radix-ui";
import type { ReactNode } from "react";

export const TooltipProvider = Primitive.Provider;

export function Tip({ content, children, testId }: { content: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Primitive.Provider delayDuration={200}>
      <Primitive.Root>
        <Primitive.Trigger asChild>
          <span tabIndex={0} data-testid={testId} className="inline-flex rounded-full focus:outline-none focus-visible:ring-2 focus-visible:ring-brand">
            {children}
          </span>
        </Primitive.Trigger>
        <Primitive.Portal>
          <Primitive.Content
            sideOffset={4}
            collisionPadding={8}
            className="z-50 max-w-xs rounded bg-slate-900 px-2 py-1 text-xs text-white shadow"
          >
            {content}
            <Primitive.Arrow className="fill-slate-900" />
          </Primitive.Content>
        </Primitive.Portal>
      </Primitive.Root>
    </Primitive.Provider>
  );
}
