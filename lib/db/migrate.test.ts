import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { migrate } from "./migrate";
import { createTestDatabase } from "@/test/test-db";

function copyProject(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "zhiji-mig-"));
  fs.cpSync(path.join(process.cwd(), "prisma/migrations"), path.join(root, "prisma/migrations"), { recursive: true });
  return root;
}

describe("migration runner", () => {
  it("applies every migration once; applying again is a no-op", async () => {
    const t = await createTestDatabase(); // already migrated once
    try {
      const again = await migrate(t.url);
      expect(again.applied).toEqual([]);
      expect(again.alreadyApplied).toBeGreaterThan(0);
    } finally {
      await t.drop();
    }
  });

  it("refuses an applied migration that was edited afterwards, naming it", async () => {
    const root = copyProject();
    const t = await createTestDatabase();
    try {
      const dirs = fs.readdirSync(path.join(root, "prisma/migrations", t.provider)).sort();
      const first = dirs[0];
      fs.appendFileSync(path.join(root, "prisma/migrations", t.provider, first, "migration.sql"), "\n-- edited\n");
      await expect(migrate(t.url, root)).rejects.toThrow(`Migration ${first} was edited after it was applied`);
    } finally {
      await t.drop();
    }
  });

  it("applies a new migration in a transaction: a failing one leaves nothing behind", async () => {
    const root = copyProject();
    const t = await createTestDatabase();
    try {
      const dir = path.join(root, "prisma/migrations", t.provider, "99999999999999_broken");
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, "migration.sql"), 'CREATE TABLE "Half" ("id" INTEGER);\nTHIS IS NOT SQL;\n');
      await expect(migrate(t.url, root)).rejects.toThrow();
      fs.writeFileSync(path.join(dir, "migration.sql"), 'CREATE TABLE "Half" ("id" INTEGER);\n');
      const r = await migrate(t.url, root);
      expect(r.applied).toEqual(["99999999999999_broken"]);
    } finally {
      await t.drop();
    }
  });
});
