"use client";
// The portal's tabs, on Radix: tab and panel roles wired to each other, arrow keys, Home and End
// between tabs, Tab into the panel (radix-ui). Only the look is ours.
import { Tabs as Primitive } from "radix-ui";
import type { ComponentProps } from "react";

export const Tabs = Primitive.Root;

export function TabsList({ className = "", ...props }: ComponentProps<typeof Primitive.List>) {
  return <Primitive.List className={`flex flex-wrap gap-2 ${className}`.trim()} {...props} />;
}

export function TabsTrigger({ className = "", ...props }: ComponentProps<typeof Primitive.Trigger>) {
  return (
    <Primitive.Trigger
      className={`rounded border border-slate-300 bg-white px-3 py-1 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand data-[state=active]:border-brand data-[state=active]:bg-brand data-[state=active]:text-white ${className}`.trim()}
      {...props}
    />
  );
}

export function TabsContent({ className = "", ...props }: ComponentProps<typeof Primitive.Content>) {
  return <Primitive.Content className={`focus:outline-none focus-visible:ring-2 focus-visible:ring-brand ${className}`.trim()} {...props} />;
}
