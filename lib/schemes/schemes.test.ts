import { afterAll, beforeAll, describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { refusal } from "@/test/refusal";
import { makeSessionUser } from "@/test/users";
import { db } from "@/lib/db";
import { verifyAuditChain } from "@/lib/audit/chain";
import { schemeItems, seededScheme } from "@/lib/grading";
import type { SessionUser } from "@/lib/permissions";
import { ensurePilot, ensurePublishedScheme, uniqueSuffix } from "@/prisma/seed/factories";
import {
  addDraftItem,
  compareVersions,
  createDraft,
  draftImpact,
  getScheme,
  listSchemes,
  approveScheme,
  proposeScheme,
  publishScheme,
  removeDraftItem,
  updateDraft,
  updateDraftItem,
} from "./index";

let t: TestDatabase;
let secretariat: SessionUser;
let vendor: SessionUser;
let lab: SessionUser;
let vendorOrgId: string;
let pilotId: string;

const storedDefinition = async (schemeId: string, version: string) =>
  (await db().schemeVersion.findUniqueOrThrow({ where: { schemeId_version: { schemeId, version } } })).definition;

// Phone 2026.1 results that reach L3 on every item.
const L3_RESULTS: Record<string, number> = {
  asr_cer_quiet: 3, asr_cer_noise_65db: 8, wake_false_reject: 2, screen_understanding_acc: 90,
  intent_accuracy: 95, multi_turn_context_accuracy: 90, on_device_knowledge_score: 70,
  multi_step_task_completion: 80, e2e_latency_p90: 900, tokens_per_second: 30, first_token_latency: 400,
  fact_recall_week: 85, cross_session_continuity: 85, deletion_honoured: 100,
  personalisation_gain_pp: 10, turns_to_adapt: 2, correction_retention: 85,
};

const PHONE_UNITS = new Map(schemeItems(seededScheme("phone")!).map(({ item }) => [item.key, item.unit as string]));

/** A case put straight into the database in `state`, with one complete lab report. */
async function certifiedCase(opts: {
  name: string;
  schemeVersionId: string;
  category: string;
  state?: string;
  results?: Record<string, number>;
  awardedLevel?: string;
}) {
  const database = db();
  const product = await database.product.create({
    data: { organizationId: vendorOrgId, name: opts.name, model: `M-${uniqueSuffix()}`, softwareVersion: "1.0", category: opts.category },
  });
  const c = await database.case.create({
    data: {
      organizationId: vendorOrgId,
      productId: product.id,
      schemeVersionId: opts.schemeVersionId,
      pilotId,
      createdById: vendor.id,
      claimedLevel: "L3",
      state: opts.state ?? "certified",
      snapshot: "{}",
      labLevel: opts.awardedLevel ?? "L3",
      awardedLevel: opts.awardedLevel ?? "L3",
    },
  });
  if (opts.results) {
    await database.labReport.create({
      data: {
        caseId: c.id,
        round: 1,
        labOrgId: lab.organizationId,
        level: null,
        profile: "{}",
        blockers: "null",
        complete: true,
        updatedById: lab.id,
        results: { create: Object.entries(opts.results).map(([item, value]) => ({ item, value, unit: PHONE_UNITS.get(item) ?? "%" })) },
      },
    });
  }
  return c;
}

beforeAll(async () => {
  t = await useFreshDatabase();
  secretariat = await makeSessionUser("secretariat");
  vendor = await makeSessionUser("vendor");
  lab = await makeSessionUser("lab");
  vendorOrgId = vendor.organizationId;
  pilotId = (await ensurePilot(db(), { name: `Pilot ${uniqueSuffix()}`, startsAt: new Date("2026-01-01") })).id;
  await ensurePublishedScheme(db(), seededScheme("phone")!);
  await ensurePublishedScheme(db(), seededScheme("pc")!);
});
afterAll(async () => t.drop());

describe("scheme drafts", () => {
  it("copies a published version into a draft under a new version, audited, visible only to the secretariat", async () => {
    const draft = await createDraft(secretariat, { fromSchemeId: "phone", fromVersion: "2026.1", newVersion: "2026.2" });
    expect(draft).toMatchObject({ schemeId: "phone", version: "2026.2", status: "draft", basedOn: "2026.1", publishedAt: null });
    expect(draft.scheme.version).toBe("2026.2");
    expect({ ...draft.scheme, version: "2026.1" }).toEqual((await getScheme(vendor, "phone", "2026.1")).scheme);

    const event = await db().auditEvent.findFirstOrThrow({ where: { type: "SCHEME_DRAFT_CREATED" } });
    expect(JSON.parse(event.payload)).toEqual({ schemeId: "phone", version: "2026.2", basedOn: "2026.1" });
    expect(event.actorId).toBe(secretariat.id);

    const mine = (await listSchemes(secretariat)).find((s) => s.schemeId === "phone")!;
    expect(mine.latestPublished).toBe("2026.1");
    expect(mine.versions.map((v) => [v.version, v.status])).toEqual([["2026.2", "draft"], ["2026.1", "published"]]);
    const theirs = (await listSchemes(vendor)).find((s) => s.schemeId === "phone")!;
    expect(theirs.versions.map((v) => v.version)).toEqual(["2026.1"]);
    expect(theirs.title).toEqual({ zh: "智能手机", en: "Smartphone" });

    expect((await refusal(getScheme(vendor, "phone", "2026.2"))).code).toBe("NOT_FOUND");
    expect((await refusal(compareVersions(vendor, { schemeId: "phone", version: "2026.1" }, { schemeId: "phone", version: "2026.2" }))).code).toBe("NOT_FOUND");
  });

  it("refuses a version string that is malformed or already taken", async () => {
    const bad = await refusal(createDraft(secretariat, { fromSchemeId: "phone", fromVersion: "2026.1", newVersion: "v2" }));
    expect(bad.code).toBe("INVALID_INPUT");
    expect(bad.details).toHaveProperty("newVersion");
    const taken = await refusal(createDraft(secretariat, { fromSchemeId: "phone", fromVersion: "2026.1", newVersion: "2026.1" }));
    expect(taken.code).toBe("INVALID_INPUT");
    expect(taken.details?.newVersion).toMatch(/already exists/);
    expect((await refusal(createDraft(secretariat, { fromSchemeId: "phone", fromVersion: "1999.1", newVersion: "2026.9" }))).code).toBe("NOT_FOUND");
  });

  it("only the secretariat may create, edit or publish drafts, or analyse impact", async () => {
    for (const who of [vendor, lab]) {
      expect((await refusal(createDraft(who, { fromSchemeId: "phone", fromVersion: "2026.1", newVersion: "2026.7" }))).code).toBe("FORBIDDEN");
      expect((await refusal(updateDraftItem(who, { schemeId: "phone", version: "2026.2", itemKey: "asr_cer_quiet", patch: { thresholds: { L2: 5 } } }))).code).toBe("FORBIDDEN");
      expect((await refusal(updateDraft(who, { schemeId: "phone", version: "2026.2", definition: {} }))).code).toBe("FORBIDDEN");
      expect((await refusal(publishScheme(who, "phone", "2026.2", { effectiveFrom: "2026-12-31" }))).code).toBe("FORBIDDEN");
      expect((await refusal(proposeScheme(who, "phone", "2026.2", { commentsUntil: "2026-12-31" }))).code).toBe("FORBIDDEN");
      expect((await refusal(draftImpact(who, "phone", "2026.2"))).code).toBe("FORBIDDEN");
    }
    expect((await getScheme(secretariat, "phone", "2026.2")).status).toBe("draft");
  });

  it("refuses thresholds in a contradicting order with the path of the field, and changes nothing", async () => {
    const before = await storedDefinition("phone", "2026.2");
    // asr_cer_quiet: lower is better, L1 10, so L2 may not be 12.
    const viaForm = await refusal(
      updateDraftItem(secretariat, { schemeId: "phone", version: "2026.2", itemKey: "asr_cer_quiet", patch: { thresholds: { L2: 12 } } }),
    );
    expect(viaForm.code).toBe("INVALID_INPUT");
    expect(viaForm.details).toEqual({ "thresholds.L2": expect.stringMatching(/lower is better, so the L2 threshold \(12\) may not be above the L1 threshold \(10\)/) });

    const definition = JSON.parse(before);
    definition.elements[0].items[2].thresholds.L2 = 9; // wake_false_reject: L1 8
    definition.elements[1].items[0].thresholds.L3 = 101; // intent_accuracy: a percentage above 100
    const viaJson = await refusal(updateDraft(secretariat, { schemeId: "phone", version: "2026.2", definition }));
    expect(viaJson.code).toBe("INVALID_INPUT");
    expect(Object.keys(viaJson.details!).sort()).toEqual(["elements[0].items[2].thresholds.L2", "elements[1].items[0].thresholds.L3"]);

    const renamed = await refusal(updateDraft(secretariat, { schemeId: "phone", version: "2026.2", definition: { ...JSON.parse(before), version: "2026.3" } }));
    expect(renamed.details).toHaveProperty("version");

    expect(await storedDefinition("phone", "2026.2")).toBe(before);
    expect(await db().auditEvent.count({ where: { type: "SCHEME_DRAFT_UPDATED" } })).toBe(0);
  });

  it("edits, adds and removes items of a draft, each change audited", async () => {
    const edited = await updateDraftItem(secretariat, {
      schemeId: "phone",
      version: "2026.2",
      itemKey: "asr_cer_quiet",
      patch: { thresholds: { L2: 5, L3: 3.5 }, method: { zh: "新方法", en: "New method" } },
    });
    const asr = edited.scheme.elements[0].items[0];
    expect(asr.thresholds).toEqual({ L1: 10, L2: 5, L3: 3.5 });
    expect(asr.method.en).toBe("New method");

    // tokens_per_second: L3 25 → 20 (looser); cross_session_continuity loses its L2 threshold.
    await updateDraftItem(secretariat, { schemeId: "phone", version: "2026.2", itemKey: "tokens_per_second", patch: { thresholds: { L3: 20 } } });

    const badNew = await refusal(
      addDraftItem(secretariat, {
        schemeId: "phone",
        version: "2026.2",
        elementKey: "execution",
        item: { key: "Bad Key", title: { zh: "", en: "x" }, unit: "percent", better: "higher", method: { zh: "m", en: "m" }, thresholds: { L1: 1 } },
      }),
    );
    expect(Object.keys(badNew.details!).sort()).toEqual(["key", "title.zh", "unit"]);
    const nulText = await refusal(
      updateDraftItem(secretariat, { schemeId: "phone", version: "2026.2", itemKey: "asr_cer_quiet", patch: { method: { zh: "新\u0000", en: "\ud800" } } }),
    );
    expect(nulText.details).toEqual({ "method.zh": "contains characters that are not text", "method.en": "contains characters that are not text" });

    const added = await addDraftItem(secretariat, {
      schemeId: "phone",
      version: "2026.2",
      elementKey: "execution",
      item: { key: "app_switch_ms", title: { zh: "切换", en: "App switch" }, unit: "ms", better: "lower", method: { zh: "m", en: "m" }, thresholds: { L1: 900, L2: 600 } },
    });
    expect(added.scheme.elements[2].items.map((i) => i.key)).toContain("app_switch_ms");
    const removed = await removeDraftItem(secretariat, { schemeId: "phone", version: "2026.2", itemKey: "app_switch_ms" });
    expect(removed.scheme.elements[2].items.map((i) => i.key)).not.toContain("app_switch_ms");

    const events = await db().auditEvent.findMany({ where: { type: "SCHEME_DRAFT_UPDATED" }, orderBy: { seq: "asc" } });
    expect(events.map((e) => JSON.parse(e.payload).action)).toEqual([
      "edit item asr_cer_quiet",
      "edit item tokens_per_second",
      "add item app_switch_ms",
      "remove item app_switch_ms",
    ]);
    expect(JSON.parse(events[0].payload).changes).toContain("asr_cer_quiet: L2 threshold 6 → 5 (stricter)");
  });

  it("compares two versions item by item, stricter and looser", async () => {
    const c = await compareVersions(secretariat, { schemeId: "phone", version: "2026.1" }, { schemeId: "phone", version: "2026.2" });
    const thresholds = c.diff.changed.flatMap((i) => i.changes.filter((x) => x.field === "threshold").map((x) => ({ item: i.item, ...x })));
    expect(thresholds).toEqual([
      { item: "asr_cer_quiet", field: "threshold", level: "L2", from: 6, to: 5, direction: "stricter" },
      { item: "asr_cer_quiet", field: "threshold", level: "L3", from: 4, to: 3.5, direction: "stricter" },
      { item: "tokens_per_second", field: "threshold", level: "L3", from: 25, to: 20, direction: "looser" },
    ]);
    expect(c.lines).toContain("tokens_per_second: L3 threshold 25 → 20 (looser)");
  });
});

describe("impact analysis", () => {
  it("replays every certified, suspended or in-progress case of the category and says who rises, falls, stays, or cannot be judged, and why", async () => {
    const phone = await db().schemeVersion.findUniqueOrThrow({ where: { schemeId_version: { schemeId: "phone", version: "2026.1" } } });
    const pc = await db().schemeVersion.findUniqueOrThrow({ where: { schemeId_version: { schemeId: "pc", version: "2026.1" } } });
    const falls = await certifiedCase({ name: "Falls", schemeVersionId: phone.id, category: "phone", results: { ...L3_RESULTS, asr_cer_quiet: 4 } });
    const rises = await certifiedCase({
      name: "Rises",
      schemeVersionId: phone.id,
      category: "phone",
      state: "suspended",
      awardedLevel: "L2",
      results: { ...L3_RESULTS, tokens_per_second: 22 },
    });
    const same = await certifiedCase({ name: "Same", schemeVersionId: phone.id, category: "phone", results: L3_RESULTS });
    const { fact_recall_week: _gone, ...partial } = L3_RESULTS;
    const incomplete = await certifiedCase({ name: "Incomplete", schemeVersionId: phone.id, category: "phone", results: partial });
    // In progress: its results so far are replayed too (docs/domain.md#scheme-governance).
    const testing = await certifiedCase({ name: "Testing", schemeVersionId: phone.id, category: "phone", state: "testing", results: L3_RESULTS });
    // Not in scope: another category, or a case that has ended.
    await certifiedCase({ name: "A PC", schemeVersionId: pc.id, category: "pc", results: {} });
    await certifiedCase({ name: "Withdrawn", schemeVersionId: phone.id, category: "phone", state: "withdrawn", results: L3_RESULTS });

    const impact = await draftImpact(secretariat, "phone", "2026.2");
    expect(impact.totals).toEqual({ rise: 1, fall: 1, same: 2, incomplete: 1, cases: 5 });
    expect(impact.cases.find((c) => c.caseId === testing.id)).toMatchObject({ state: "testing", change: "same" });
    const byId = new Map(impact.cases.map((c) => [c.caseId, c]));

    expect(byId.get(falls.id)).toMatchObject({ change: "fall", currentLevel: "L3", draftLevel: "L2", vendor: vendor.organizationName, product: { name: "Falls" } });
    expect(byId.get(falls.id)!.reasons).toEqual(["asr_cer_quiet: L3 now needs ≤ 3.5 %, measured 4 %; met L3 before"]);

    expect(byId.get(rises.id)).toMatchObject({ change: "rise", state: "suspended", currentLevel: "L2", awardedLevel: "L2", draftLevel: "L3" });
    expect(byId.get(rises.id)!.reasons).toEqual(["tokens_per_second: L3 needed ≥ 25 tokens/s, now ≥ 20 tokens/s; measured 22 tokens/s"]);

    expect(byId.get(same.id)).toMatchObject({ change: "same", currentLevel: "L3", draftLevel: "L3", reasons: [] });
    expect(byId.get(incomplete.id)).toMatchObject({ change: "incomplete", draftLevel: null });
    expect(byId.get(incomplete.id)!.reasons[0]).toMatch(/^fact_recall_week .* has no measurement in this case$/);
  });
  it("does not compare a measurement with a threshold in another unit: the case cannot be judged, and says why", async () => {
    await createDraft(secretariat, { fromSchemeId: "phone", fromVersion: "2026.1", newVersion: "2026.3" });
    await updateDraftItem(secretariat, {
      schemeId: "phone",
      version: "2026.3",
      itemKey: "e2e_latency_p90",
      patch: { unit: "s", thresholds: { L1: 2.5, L2: 1.5, L3: 1 } },
    });
    const impact = await draftImpact(secretariat, "phone", "2026.3");
    const falls = impact.cases.find((c) => c.product.name === "Falls")!;
    expect(falls.change).toBe("incomplete");
    expect(falls.reasons[0]).toBe("e2e_latency_p90: measured in ms, the draft asks for s");
  });
});

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Propose, let the comment period pass, approve (a ministry user) and publish, effective today. */
async function governAndPublish(schemeId: string, version: string, transitionUntil: string | null = today()) {
  await proposeScheme(secretariat, schemeId, version, { commentsUntil: today() });
  await db().schemeVersion.update({ where: { schemeId_version: { schemeId, version } }, data: { commentsUntil: new Date(Date.now() - 1000) } });
  await approveScheme(await makeSessionUser("ministry"), schemeId, version);
  return publishScheme(secretariat, schemeId, version, { effectiveFrom: today(), transitionUntil });
}

describe("publishing", () => {
  it("freezes the version, records its fingerprint in the audit chain, and refuses any later change with CONFLICT", async () => {
    const before = await storedDefinition("phone", "2026.2");
    const published = await governAndPublish("phone", "2026.2");
    expect(published.status).toBe("published");
    expect(published.publishedAt).not.toBeNull();
    expect((await getScheme(vendor, "phone", "2026.2")).status).toBe("published");
    expect((await listSchemes(vendor)).find((s) => s.schemeId === "phone")!.latestPublished).toBe("2026.2");

    const event = await db().auditEvent.findFirstOrThrow({ where: { type: "SCHEME_PUBLISHED" } });
    const payload = JSON.parse(event.payload);
    expect(payload).toMatchObject({ schemeId: "phone", version: "2026.2", basedOn: "2026.1" });
    expect(payload.definitionSha256).toBe(crypto.createHash("sha256").update(before).digest("hex"));
    expect(payload.changes).toContain("asr_cer_quiet: L3 threshold 4 → 3.5 (stricter)");

    const attempts = [
      () => updateDraftItem(secretariat, { schemeId: "phone", version: "2026.2", itemKey: "asr_cer_quiet", patch: { thresholds: { L2: 5.5 } } }),
      () => updateDraft(secretariat, { schemeId: "phone", version: "2026.2", definition: JSON.parse(before) }),
      () => addDraftItem(secretariat, {
        schemeId: "phone",
        version: "2026.2",
        elementKey: "execution",
        item: { key: "x_ms", title: { zh: "x", en: "x" }, unit: "ms", better: "lower", method: { zh: "m", en: "m" }, thresholds: { L1: 1 } },
      }),
      () => removeDraftItem(secretariat, { schemeId: "phone", version: "2026.2", itemKey: "asr_cer_quiet" }),
      () => publishScheme(secretariat, "phone", "2026.2", { effectiveFrom: today(), transitionUntil: today() }),
      // The seeded version is published too.
      () => updateDraftItem(secretariat, { schemeId: "phone", version: "2026.1", itemKey: "asr_cer_quiet", patch: { thresholds: { L2: 5 } } }),
    ];
    // One at a time: each must be refused on its own.
    for (const attempt of attempts) expect((await refusal(attempt())).code).toBe("CONFLICT");
    expect(await storedDefinition("phone", "2026.2")).toBe(before);
    expect(await db().auditEvent.count({ where: { type: "SCHEME_PUBLISHED" } })).toBe(1);
  });

  it("leaves an audit chain that verifies", async () => {
    const result = await verifyAuditChain(db());
    expect(result).toMatchObject({ ok: true });
    const types = (await db().auditEvent.findMany({ orderBy: { seq: "asc" } })).map((e) => e.type);
    expect(types[0]).toBe("SCHEME_DRAFT_CREATED");
    expect(types.at(-1)).toBe("SCHEME_PUBLISHED");
  });
});
