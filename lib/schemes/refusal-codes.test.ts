// Every refusal of the scheme editor carries a domain code (workflows/errors.ts), so the forms show
// its own message in the reader's language instead of a generic text; the API keeps its details.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { refusal } from "@/test/refusal";
import { makeSessionUser } from "@/test/users";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/permissions";
import { seededScheme } from "@/lib/grading";
import { ensurePublishedScheme } from "@/prisma/seed/factories";
import { addDraftItem, createDraft, updateDraft, updateDraftItem } from "./index";

let t: TestDatabase;
let secretariat: SessionUser;

beforeAll(async () => {
  t = await useFreshDatabase();
  secretariat = await makeSessionUser("secretariat");
  await ensurePublishedScheme(db(), seededScheme("phone")!);
  await createDraft(secretariat, { fromSchemeId: "phone", fromVersion: "2026.1", newVersion: "2026.7" });
});
afterAll(async () => t.drop());

const item = { key: "x_ms", title: { zh: "x", en: "x" }, unit: "ms", better: "lower", method: { zh: "m", en: "m" }, thresholds: { L1: 1 } } as const;

describe("scheme editor refusals carry codes", () => {
  it("an unknown element is SCHEME_ELEMENT_NOT_FOUND on the element field", async () => {
    const e = await refusal(addDraftItem(secretariat, { schemeId: "phone", version: "2026.7", elementKey: "nope", item }));
    expect(e.reason).toBe("SCHEME_ELEMENT_NOT_FOUND");
    expect(e.params).toEqual({ elementKey: "nope" });
    expect(e.fields?.elementKey).toEqual({ reason: "SCHEME_ELEMENT_NOT_FOUND", params: { elementKey: "nope" } });
  });

  it("a definition that is not JSON is SCHEME_DEFINITION_NOT_JSON; the parser's detail stays in the API's details", async () => {
    const e = await refusal(updateDraft(secretariat, { schemeId: "phone", version: "2026.7", definition: "{ not json" }));
    expect(e.reason).toBe("SCHEME_DEFINITION_NOT_JSON");
    expect(e.code).toBe("INVALID_INPUT");
    expect(String(e.details?.definition)).toMatch(/^not valid JSON/);
  });

  it("a definition that renames the draft is SCHEME_IDENTITY_FIXED on the renamed field", async () => {
    const row = await db().schemeVersion.findUniqueOrThrow({ where: { schemeId_version: { schemeId: "phone", version: "2026.7" } } });
    const e = await refusal(updateDraft(secretariat, { schemeId: "phone", version: "2026.7", definition: { ...JSON.parse(row.definition), category: "tv" } }));
    expect(e.reason).toBe("SCHEME_IDENTITY_FIXED");
    expect(e.params).toEqual({ schemeId: "phone", version: "2026.7", category: "phone" });
    expect(Object.keys(e.fields ?? {})).toEqual(["category"]);
  });

  it("a published version is SCHEME_NOT_EDITABLE (CONFLICT) with its status", async () => {
    const e = await refusal(updateDraftItem(secretariat, { schemeId: "phone", version: "2026.1", itemKey: "asr_cer_quiet", patch: { thresholds: { L2: 5 } } }));
    expect(e.code).toBe("CONFLICT");
    expect(e.reason).toBe("SCHEME_NOT_EDITABLE");
    expect(e.params).toMatchObject({ schemeId: "phone", version: "2026.1", status: "published" });
  });
});
