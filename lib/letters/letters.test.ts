// The decision letter of a denial: issued once by the outbox after DENY commits, signed like a
// certificate (pdfsig), with the reason and the items not met in its text (pdftotext).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, send, type World } from "@/test/world";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { runOutboxOnce } from "@/lib/outbox/worker";
import { registerLetterJobs } from "./register";
import { issueDecisionLetter } from "./issue-letter";
import { decisionLetterSummary, getDecisionLetterPdf } from "./get-letter";

let t: TestDatabase;
let w: World;
let tmp: string;
const DB = process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite";

beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
  registerLetterJobs();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "zhiji-letter-"));
}, 120_000);
afterAll(async () => {
  await t?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe(`decision letters (${DB})`, () => {
  it("a DENY produces exactly one signed letter after the outbox runs, with the reason and a blocking item; running again changes nothing", async () => {
    const { ministry1, vendorA, vendorB, secretariat, lab2 } = w.users;
    // The lab found L1: the report's blockers are the items that did not meet L2.
    const id = await caseIn(w, "decision", { level: "L1" });
    const reason = "Measured accuracy below the claimed level";
    await send(ministry1, id, "DENY", { reason });
    const deny = await db().auditEvent.findFirstOrThrow({ where: { caseId: id, type: "DENY" } });
    expect(await db().outboxJob.count({ where: { dedupeKey: `issue-decision-letter:${deny.seq}` } })).toBe(1);
    // Before the outbox has run, the box says it is being issued and the download is a 404.
    expect(await decisionLetterSummary(vendorA, id)).toMatchObject({ issued: false, beingIssued: true, reason });
    expect((await getDecisionLetterPdf(vendorA, id).catch((e: AppError) => e)) as AppError).toMatchObject({ reason: "DECISION_LETTER_NOT_FOUND" });

    await runOutboxOnce();
    await runOutboxOnce();
    await issueDecisionLetter(id, deny.seq);
    const letters = await db().decisionLetter.findMany({ where: { caseId: id } });
    expect(letters).toHaveLength(1);
    expect(letters[0].decisionSeq).toBe(deny.seq);
    expect(await db().auditEvent.count({ where: { caseId: id, type: "DECISION_LETTER_ISSUED" } })).toBe(1);

    const summary = await decisionLetterSummary(secretariat, id);
    expect(summary).toMatchObject({ issued: true, beingIssued: false, labLevel: "L1" });
    expect(summary!.blockers!.level).toBe("L2");
    const blocker = summary!.blockers!.items[0];
    expect(blocker).toBeDefined();

    const { pdf } = await getDecisionLetterPdf(vendorA, id);
    const file = path.join(tmp, "letter.pdf");
    fs.writeFileSync(file, pdf);
    // pdfsig exits 0 even for a broken signature: its text is what counts.
    const sig = spawnSync("pdfsig", [file], { encoding: "utf8" });
    expect(sig.stdout).toContain("Signature is Valid");
    expect(sig.stdout).toContain("Total document signed");
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    expect(text).toContain(reason);
    expect(text).toContain(blocker.item);
    expect(text).toContain("不予认定决定书");
    expect(text).toContain("Decision letter");
    expect(text).toContain("30");
    expect(text).toContain("Aurora X");

    // Whoever may not see the case is told it does not exist.
    for (const u of [vendorB, lab2]) {
      expect(((await getDecisionLetterPdf(u, id).catch((e: AppError) => e)) as AppError).code).toBe("NOT_FOUND");
    }
  });

  it("a case that was never denied has no letter and no box", async () => {
    const id = await caseIn(w, "decision", { level: "L2" });
    expect(await decisionLetterSummary(w.users.vendorA, id)).toBeNull();
    expect(((await getDecisionLetterPdf(w.users.vendorA, id).catch((e: AppError) => e)) as AppError).reason).toBe("DECISION_LETTER_NOT_FOUND");
  });
});
