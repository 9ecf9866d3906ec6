import { invalid } from "@/lib/errors";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { parseInput, SchemeRefSchema } from "./schemas";
import { changeDraft } from "./change-draft";
import type { SchemeVersionView } from "./versions";

/**
 * Replace a draft's whole definition (the JSON editor / API way). Refused with INVALID_INPUT,
 * details keyed by path (`elements[0].items[2].thresholds.L2`), when parseScheme refuses it.
 */
export async function updateDraft(
  user: SessionUser,
  input: { schemeId: string; version: string; definition: unknown },
): Promise<SchemeVersionView> {
  assertCan(user, "scheme:manage");
  const { schemeId, version } = parseInput(SchemeRefSchema, input);
  let definition = input.definition;
  if (typeof definition === "string") {
    try {
      definition = JSON.parse(definition);
    } catch (e) {
      throw invalid("The definition is not valid JSON", { definition: `not valid JSON: ${(e as Error).message}` });
    }
  }
  return changeDraft(user, { schemeId, version, action: "replace definition", edit: () => definition });
}
