// Categories are data (docs/domain.md#categories): the seven backfilled ones are listed in order;
// the secretariat adds one (validated, refused by code, audited) and starts its first scheme as a
// draft copied from a published one; nobody else may.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { refusal } from "@/test/refusal";
import { makeSessionUser } from "@/test/users";
import { db } from "@/lib/db";
import { verifyAuditChain } from "@/lib/audit/chain";
import { seededScheme } from "@/lib/grading";
import type { SessionUser } from "@/lib/permissions";
import { ensurePublishedScheme } from "@/prisma/seed/factories";
import { createDraft, getScheme } from "@/lib/schemes";
import { addCategory, categoryName, certificateCodeOf, listCategories } from "./index";

let t: TestDatabase;
let secretariat: SessionUser;

beforeAll(async () => {
  t = await useFreshDatabase();
  secretariat = await makeSessionUser("secretariat");
  await ensurePublishedScheme(db(), seededScheme("phone")!);
});
afterAll(async () => t.drop());

describe("categories", () => {
  it("lists the seven backfilled categories in order, with names and certificate codes", async () => {
    const all = await listCategories();
    expect(all.map((c) => [c.key, c.nameZh, c.certificateCode])).toEqual([
      ["phone", "AI手机", "PHONE"],
      ["pc", "AI电脑", "PC"],
      ["tv", "AI电视", "TV"],
      ["glasses", "AI眼镜", "GLASSES"],
      ["car", "智能座舱", "CAR"],
      ["speaker", "AI音箱", "SPEAKER"],
      ["earphone", "AI耳机", "EARPHONE"],
    ]);
    expect(await categoryName("car", db())).toEqual({ zh: "智能座舱", en: "Intelligent cockpit" });
    expect(await certificateCodeOf(db(), "earphone")).toBe("EARPHONE");
    expect(await categoryName("gone", db())).toEqual({ zh: "gone", en: "gone" });
  });

  it("the secretariat adds a category, listed last and audited; its first scheme is a draft copied from a published one", async () => {
    const robot = await addCategory(secretariat, { key: "robot", nameZh: "机器人", nameEn: "Robot", certificateCode: "ROB" });
    expect(robot).toMatchObject({ key: "robot", certificateCode: "ROB", sortOrder: 8 });
    expect((await listCategories()).at(-1)?.key).toBe("robot");
    expect(await certificateCodeOf(db(), "robot")).toBe("ROB");
    const event = await db().auditEvent.findFirstOrThrow({ where: { type: "CATEGORY_ADDED" } });
    expect(JSON.parse(event.payload)).toEqual({ key: "robot", nameZh: "机器人", nameEn: "Robot", certificateCode: "ROB", sortOrder: 8 });
    expect(event.actorId).toBe(secretariat.id);

    const draft = await createDraft(secretariat, { fromSchemeId: "phone", fromVersion: "2026.1", newVersion: "2026.1", forCategory: "robot" });
    expect(draft).toMatchObject({ schemeId: "robot", version: "2026.1", category: "robot", status: "draft", basedOn: null });
    const read = await getScheme(secretariat, "robot", "2026.1");
    expect(read.scheme).toMatchObject({ id: "robot", category: "robot", title: { zh: "机器人", en: "Robot" } });
    expect(read.scheme.elements.length).toBe(seededScheme("phone")!.elements.length);
    const drafted = await db().auditEvent.findFirstOrThrow({ where: { type: "SCHEME_DRAFT_CREATED" }, orderBy: { seq: "desc" } });
    expect(JSON.parse(drafted.payload)).toEqual({ schemeId: "robot", version: "2026.1", basedOn: null, category: "robot", copiedFrom: "phone 2026.1" });

    // A second first scheme, an unknown category: refused by code.
    const again = await refusal(createDraft(secretariat, { fromSchemeId: "phone", fromVersion: "2026.1", newVersion: "2026.2", forCategory: "robot" }));
    expect(again.reason).toBe("SCHEME_ID_TAKEN");
    const unknown = await refusal(createDraft(secretariat, { fromSchemeId: "phone", fromVersion: "2026.1", newVersion: "2026.1", forCategory: "drone" }));
    expect(unknown.reason).toBe("CATEGORY_UNKNOWN");
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it("refuses a taken key, code or name, and malformed fields, by code on the field", async () => {
    const taken = await refusal(addCategory(secretariat, { key: "robot", nameZh: "机器人二", nameEn: "Robot 2", certificateCode: "RB2" }));
    expect(taken.fields).toEqual({ key: { reason: "CATEGORY_KEY_TAKEN", params: { key: "robot" } } });
    const code = await refusal(addCategory(secretariat, { key: "industrial", nameZh: "工业终端", nameEn: "Industrial terminal", certificateCode: "ROB" }));
    expect(code.fields).toEqual({ certificateCode: { reason: "CATEGORY_CODE_TAKEN", params: { code: "ROB" } } });
    const name = await refusal(addCategory(secretariat, { key: "industrial", nameZh: "AI手机", nameEn: "Industrial terminal", certificateCode: "IND" }));
    expect(name.fields).toEqual({ nameZh: { reason: "CATEGORY_NAME_TAKEN", params: { name: "AI手机" } } });
    const bad = await refusal(addCategory(secretariat, { key: "Robot!", nameZh: "", nameEn: "x".repeat(41), certificateCode: "rob" }));
    expect(bad.code).toBe("INVALID_INPUT");
    expect(Object.fromEntries(Object.entries(bad.fields ?? {}).map(([k, r]) => [k, r.reason]))).toEqual({
      key: "CATEGORY_KEY_FORMAT",
      nameZh: "CATEGORY_NAME_LENGTH",
      nameEn: "CATEGORY_NAME_LENGTH",
      certificateCode: "CATEGORY_CODE_FORMAT",
    });
    expect(await db().category.count()).toBe(8);
  });

  it("is for the secretariat only", async () => {
    for (const role of ["vendor", "lab", "expert", "ministry", "admin"] as const) {
      const who = await makeSessionUser(role);
      expect((await refusal(addCategory(who, { key: "drone", nameZh: "无人机", nameEn: "Drone", certificateCode: "DRN" }))).code).toBe("FORBIDDEN");
    }
  });
});
