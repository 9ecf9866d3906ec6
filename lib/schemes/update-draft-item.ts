import { LEVELS, type SchemeError, type SchemeItem } from "@/lib/grading";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { ItemPatchSchema, parseInput, SchemeRefSchema, type ItemPatch } from "./schemas";
import { changeDraft } from "./change-draft";
import { itemErrors, locateItem } from "./item-path";
import type { SchemeVersionView } from "./versions";

/** A scheme-level `qualifying.L3[2]` error about this item → `qualifying.L3`, the item form's field. */
function qualifyingErrors(errors: Record<string, SchemeError>, itemKey: string): Record<string, SchemeError> {
  const out: Record<string, SchemeError> = {};
  for (const [key, error] of Object.entries(errors)) {
    const m = /^qualifying\.(L[1-4])/.exec(key);
    const params = (error.ref?.params ?? {}) as Record<string, unknown>;
    out[m && params.item === itemKey ? `qualifying.${m[1]}` : key] ??= error;
  }
  return out;
}

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
      // Format v2 fields: null (false) removes, a value sets; parseScheme checks them after.
      if (patch.mode === null) delete item.mode;
      else if (patch.mode !== undefined) item.mode = patch.mode;
      if (patch.testSet === null) delete item.testSet;
      else if (patch.testSet !== undefined) item.testSet = { id: patch.testSet.id.trim(), version: patch.testSet.version.trim(), size: patch.testSet.size };
      if (patch.uncertaintyRequired === false) delete item.uncertaintyRequired;
      else if (patch.uncertaintyRequired) item.uncertaintyRequired = true;
      if (patch.minSamples === null) delete item.minSamples;
      else if (patch.minSamples !== undefined) item.minSamples = patch.minSamples;
      for (const level of LEVELS) {
        const on = patch.qualifying?.[level];
        if (on === undefined) continue;
        const keys = (scheme.qualifying?.[level] ?? []).filter((k) => k !== input.itemKey);
        if (on) keys.push(input.itemKey);
        const qualifying = { ...(scheme.qualifying ?? {}), [level]: keys };
        if (keys.length === 0) delete qualifying[level];
        if (Object.keys(qualifying).length === 0) delete scheme.qualifying;
        else scheme.qualifying = qualifying;
      }
      return scheme;
    },
    details: (errors) => qualifyingErrors(itemErrors(errors, at), input.itemKey),
  });
}
