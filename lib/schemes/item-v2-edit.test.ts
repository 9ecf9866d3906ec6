// Editing an item's format v2 fields the form way (docs/domain.md#schemes): set and clear mode, test
// set, uncertainty and fewest trials; name or drop the item among a level's qualifying items; the
// whole scheme's refusals come back on the item's own fields, by code.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { refusal } from "@/test/refusal";
import { makeSessionUser } from "@/test/users";
import { db } from "@/lib/db";
import { seededScheme } from "@/lib/grading";
import type { SessionUser } from "@/lib/permissions";
import { ensurePublishedScheme } from "@/prisma/seed/factories";
import { createDraft, updateDraftItem } from "./index";

let t: TestDatabase;
let secretariat: SessionUser;
const ref = { schemeId: "phone", version: "2026.60" };

beforeAll(async () => {
  t = await useFreshDatabase();
  secretariat = await makeSessionUser("secretariat");
  await ensurePublishedScheme(db(), seededScheme("phone")!);
  await createDraft(secretariat, { fromSchemeId: "phone", fromVersion: "2026.1", newVersion: ref.version });
});
afterAll(async () => t.drop());

const itemOf = (view: Awaited<ReturnType<typeof updateDraftItem>>, key: string) => view.scheme.elements.flatMap((e) => e.items).find((i) => i.key === key)!;

describe("the v2 fields of a draft item", () => {
  it("sets and clears them, and keeps the qualifying lists in step", async () => {
    const set = await updateDraftItem(secretariat, {
      ...ref,
      itemKey: "asr_cer_quiet",
      patch: { mode: "on_device", testSet: { id: "asr-quiet", version: "2026.2", size: 1000 }, uncertaintyRequired: true, minSamples: 30, qualifying: { L3: true } },
    });
    expect(itemOf(set, "asr_cer_quiet")).toMatchObject({ mode: "on_device", testSet: { id: "asr-quiet", version: "2026.2", size: 1000 }, uncertaintyRequired: true, minSamples: 30 });
    expect(set.scheme.qualifying).toEqual({ L3: ["asr_cer_quiet"] });

    const cleared = await updateDraftItem(secretariat, {
      ...ref,
      itemKey: "asr_cer_quiet",
      patch: { mode: null, testSet: null, uncertaintyRequired: false, minSamples: null, qualifying: { L1: false, L2: false, L3: false } },
    });
    const item = itemOf(cleared, "asr_cer_quiet");
    for (const k of ["mode", "testSet", "uncertaintyRequired", "minSamples"]) expect(item).not.toHaveProperty(k);
    expect(cleared.scheme.qualifying).toBeUndefined();
  });

  it("refuses a qualifying level without a threshold, and a bad size, on the item's fields", async () => {
    const noThreshold = await refusal(
      updateDraftItem(secretariat, { ...ref, itemKey: "asr_cer_quiet", patch: { thresholds: { L3: null }, qualifying: { L3: true } } }),
    );
    expect(noThreshold.fields?.["qualifying.L3"]).toMatchObject({ reason: "SCHEME_QUALIFYING_NO_THRESHOLD", params: { item: "asr_cer_quiet", level: "L3" } });
    const badSize = await refusal(updateDraftItem(secretariat, { ...ref, itemKey: "asr_cer_quiet", patch: { testSet: { id: "x", version: "1", size: 0 } } }));
    expect(Object.keys(badSize.fields ?? {})).toContain("testSet.size");
    expect((await refusal(updateDraftItem(secretariat, { ...ref, itemKey: "asr_cer_quiet", patch: { mode: "cloud" as never } }))).code).toBe("INVALID_INPUT");
  });
});
