import { assertCan, type SessionUser } from "@/lib/permissions";
import { parseInput, SchemeRefSchema } from "./schemas";
import { changeDraft } from "./change-draft";
import { locateItem } from "./item-path";
import type { SchemeVersionView } from "./versions";

/** Remove an item from a draft; refused (INVALID_INPUT) when the scheme would no longer be gradable. */
export async function removeDraftItem(
  user: SessionUser,
  input: { schemeId: string; version: string; itemKey: string },
): Promise<SchemeVersionView> {
  assertCan(user, "scheme:manage");
  const { schemeId, version } = parseInput(SchemeRefSchema, input);
  return changeDraft(user, {
    schemeId,
    version,
    action: `remove item ${input.itemKey}`,
    edit: (scheme) => {
      const at = locateItem(scheme, input.itemKey);
      scheme.elements[at.e].items.splice(at.i, 1);
      return scheme;
    },
  });
}
