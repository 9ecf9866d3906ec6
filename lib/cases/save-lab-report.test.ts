// The lab's report keeps each result's uncertainty U and n (LabResult.uncertainty, LabResult.n) and
// is graded with them (docs/domain.md#schemes), on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, resultsReaching, type World } from "@/test/world";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { seededScheme } from "@/lib/grading/schemes";
import { saveLabReport } from "./save-lab-report";

let t: TestDatabase;
let w: World;
beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
}, 120_000);
afterAll(async () => t?.drop());

async function pinnedVersion(caseId: string) {
  const c = await db().case.findUniqueOrThrow({ where: { id: caseId }, include: { schemeVersion: true } });
  return c.schemeVersion;
}

describe(`lab results with uncertainty and n (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite"})`, () => {
  it("a v1 scheme: U and n are stored as reported (null when not), the simple rule grades as before", async () => {
    const id = await caseIn(w, "testing");
    const rows = resultsReaching("phone", "L3").map((r, i) => (i === 0 ? { ...r, uncertainty: 0.2, n: 1000 } : r));
    const saved = await saveLabReport(w.users.lab1, id, { results: rows });
    expect(saved.level).toBe("L3");
    const report = await db().labReport.findFirstOrThrow({ where: { caseId: id }, include: { results: true } });
    const byItem = new Map(report.results.map((r) => [r.item, r]));
    expect(byItem.get(rows[0].item)).toMatchObject({ value: rows[0].value, uncertainty: 0.2, n: 1000 });
    expect(byItem.get(rows[1].item)).toMatchObject({ value: rows[1].value, uncertainty: null, n: null });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { caseId: id, type: "LAB_REPORT_SAVED" } });
    expect(JSON.parse(audit.payload)).toMatchObject({ uncertainty: { [rows[0].item]: 0.2 }, n: { [rows[0].item]: 1000 }, level: "L3" });
  });

  it("a guarded v2 scheme: U counts against the product; a required U that is missing refuses the report", async () => {
    const id = await caseIn(w, "testing");
    // The case's pinned version made v2 in this test's own database: guarded, and intent_accuracy requires U.
    const version = await pinnedVersion(id);
    const v2 = structuredClone(seededScheme("phone")!) as Record<string, unknown> & { elements: { items: { key: string; uncertaintyRequired?: boolean }[] }[] };
    v2.decisionRule = "guarded";
    v2.elements.flatMap((e) => e.items).find((i) => i.key === "intent_accuracy")!.uncertaintyRequired = true;
    await db().schemeVersion.update({ where: { id: version.id }, data: { definition: JSON.stringify(v2) } });

    const rows = resultsReaching("phone", "L3");
    const refused = await saveLabReport(w.users.lab1, id, { results: rows }).catch((e) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).details).toMatchObject({ errors: [expect.objectContaining({ item: "intent_accuracy", code: "UNCERTAINTY_REQUIRED" })] });
    expect(await db().labReport.count({ where: { caseId: id } })).toBe(0);

    // intent_accuracy exactly at its L3 threshold, with U 0.5: it counts as below, so L2.
    const withU = rows.map((r) => (r.item === "intent_accuracy" ? { ...r, uncertainty: 0.5, n: 1500 } : r));
    const saved = await saveLabReport(w.users.lab1, id, { results: withU });
    expect(saved.level).toBe("L2");
    expect(saved.blockers).toMatchObject({ level: "L3", items: [expect.objectContaining({ item: "intent_accuracy", uncertainty: 0.5 })] });
    const stored = await db().labResult.findFirstOrThrow({ where: { report: { caseId: id }, item: "intent_accuracy" } });
    expect(stored).toMatchObject({ uncertainty: 0.5, n: 1500 });
    await db().schemeVersion.update({ where: { id: version.id }, data: { definition: version.definition } });
  });
});
