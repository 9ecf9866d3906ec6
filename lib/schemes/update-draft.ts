import { domainError } from "@/lib/errors";
import { domainRef } from "@/workflows/errors";
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
      // The API keeps the parser's detail in `details`; people read the code.
      throw domainError("SCHEME_DEFINITION_NOT_JSON", {}, { details: { definition: `not valid JSON: ${(e as Error).message}` }, fields: { definition: domainRef("SCHEME_DEFINITION_NOT_JSON") } });
    }
  }
  return changeDraft(user, { schemeId, version, action: "replace definition", edit: () => definition });
}
