// Where an item sits in a scheme, and validation errors re-keyed relative to it, so a form for
// one item can put each message next to its own field.
import type { Scheme, SchemeError } from "@/lib/grading";
import { notFound } from "@/lib/errors";

export function locateItem(scheme: Pick<Scheme, "elements">, itemKey: string): { e: number; i: number } {
  for (const [e, element] of scheme.elements.entries()) {
    const i = element.items.findIndex((item) => item.key === itemKey);
    if (i >= 0) return { e, i };
  }
  throw notFound("SCHEME_ITEM_NOT_FOUND", { itemKey });
}

/** `elements[1].items[0].thresholds.L2` → `thresholds.L2` for item (1, 0); other paths stay whole. */
export function itemErrors(errors: SchemeError[], at: { e: number; i: number }): Record<string, SchemeError> {
  const prefix = `elements[${at.e}].items[${at.i}]`;
  const out: Record<string, SchemeError> = {};
  for (const error of errors) {
    let key = error.path || "_";
    if (key === prefix) key = "_item";
    else if (key.startsWith(`${prefix}.`)) key = key.slice(prefix.length + 1);
    out[key] ??= error;
  }
  return out;
}
