import { LEVELS, type SchemeItem } from "@/lib/grading";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { ItemPatchSchema, parseInput, SchemeRefSchema, type ItemPatch } from "./schemas";
import { changeDraft } from "./change-draft";
import { itemErrors, locateItem } from "./item-path";
import type { SchemeVersionView } from "./versions";

/**
 * Edit one item of a draft (the form way). INVALID_INPUT details are keyed relative to the item
 * (`thresholds.L2`, `unit`, `method.en`); problems elsewhere in the scheme keep their full path.
 */
export async function updateDraftItem(
  user: SessionUser,
  input: { schemeId: string; version: string; itemKey: string; patch: ItemPatch },
): Promise<SchemeVersionView> {
  assertCan(user, "scheme:manage");
  const { schemeId, version } = parseInput(SchemeRefSchema, input);
  const patch = parseInput(ItemPatchSchema, input.patch ?? {});
  let at = { e: 0, i: 0 };
  return changeDraft(user, {
    schemeId,
    version,
    action: `edit item ${input.itemKey}`,
    edit: (scheme) => {
      at = locateItem(scheme, input.itemKey);
      const item: SchemeItem = scheme.elements[at.e].items[at.i];
      if (patch.title) item.title = patch.title;
      if (patch.method) item.method = patch.method;
      if (patch.unit) item.unit = patch.unit;
      if (patch.better) item.better = patch.better;
      for (const side of ["min", "max"] as const) {
        if (patch[side] === null) delete item[side];
        else if (patch[side] !== undefined) item[side] = patch[side];
      }
      for (const level of LEVELS) {
        const value = patch.thresholds?.[level];
        if (value === null) delete item.thresholds[level];
        else if (value !== undefined) item.thresholds[level] = value;
      }
      return scheme;
    },
    details: (errors) => itemErrors(errors, at),
  });
}
