import { domainError } from "@/lib/errors";
import { domainRef } from "@/workflows/errors";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { NewItemSchema, parseInput, SchemeRefSchema, type NewItem } from "./schemas";
import { changeDraft } from "./change-draft";
import { itemErrors } from "./item-path";
import type { SchemeVersionView } from "./versions";

/** Add a measured item to an element of a draft; errors keyed relative to the new item. */
export async function addDraftItem(
  user: SessionUser,
  input: { schemeId: string; version: string; elementKey: string; item: NewItem },
): Promise<SchemeVersionView> {
  assertCan(user, "scheme:manage");
  const { schemeId, version } = parseInput(SchemeRefSchema, input);
  const item = parseInput(NewItemSchema, input.item);
  let at = { e: 0, i: 0 };
  return changeDraft(user, {
    schemeId,
    version,
    action: `add item ${item.key}`,
    edit: (scheme) => {
      const e = scheme.elements.findIndex((element) => element.key === input.elementKey);
      if (e < 0) {
        const ref = domainRef("SCHEME_ELEMENT_NOT_FOUND", { elementKey: input.elementKey });
        throw domainError(ref.reason, ref.params, { fields: { elementKey: ref } });
      }
      at = { e, i: scheme.elements[e].items.length };
      (scheme.elements[e].items as unknown[]).push(item);
      return scheme;
    },
    details: (errors) => itemErrors(errors, at),
  });
}
