// The public home's figures (docs/domain.md#public-home): certificates in force by category and
// level, current revisions only; a suspension takes one out on the next read.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, send, correctByIn, type World } from "@/test/world";
import { runOutboxOnce } from "@/lib/outbox/worker";
import { registerCertificateJobs } from "./register";
import { publicFigures } from "./public-figures";

let t: TestDatabase;
let w: World;
beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
  registerCertificateJobs();
}, 120_000);
afterAll(async () => t?.drop());

describe(`public figures (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite"})`, () => {
  it("counts certificates in force by category and level, the current revision only", async () => {
    const empty = await publicFigures();
    expect(empty.certificates).toBe(0);
    expect(empty.categories.map((c) => c.key)).toEqual(["phone", "pc", "tv", "glasses", "car", "speaker", "earphone"]);
    expect(empty.categories[0]).toMatchObject({ nameZh: "AI手机", nameEn: "AI phone", total: 0 });

    const a = await caseIn(w, "certified", { level: "L3" });
    const b = await caseIn(w, "certified", { level: "L2", schemeId: "pc" });
    await runOutboxOnce();
    // A downgrade issues revision 1: still one certificate in force, now at L2.
    await send(w.users.ministry1, a, "DOWNGRADE", { level: "L2", reason: "Re-test" });
    await runOutboxOnce();
    const f = await publicFigures();
    expect(f.certificates).toBe(2);
    expect(f.categories.find((c) => c.key === "phone")).toMatchObject({ total: 1, byLevel: { L1: 0, L2: 1, L3: 0, L4: 0 } });
    expect(f.categories.find((c) => c.key === "pc")).toMatchObject({ total: 1, byLevel: { L2: 1 } });

    await send(w.users.ministry1, b, "SUSPEND", { reason: "Complaints", correctBy: correctByIn(30) });
    expect((await publicFigures()).categories.find((c) => c.key === "pc")?.total).toBe(0);
  });
});
