// The layers are enforced by lint (eslint.config.mjs): every forbidden edge, written as an alias
// import, a relative import, a type import or a re-export, is an error in the file where it
// appears; the allowed edges next to them stay clean, so the rule is not simply "everything fails".
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
}, 120_000);

/** The no-restricted-imports errors ESLint reports for `code` as if it were the file at `file`. */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal).toEqual([]);
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports" && m.severity === 2).map((m) => m.message);
}

// Each snippet uses what it imports, so no other rule has a reason to complain.
const importOf = (source: string) => `import * as m from "${source}"; export const used = m;`;

const FORBIDDEN: Array<[file: string, code: string, says: RegExp]> = [
  // app/ → workflows/ (through lib/domain.ts only)
  ["app/(portal)/cases/[id]/page.tsx", importOf("@/workflows/certification"), /@\/lib\/domain/],
  ["app/(portal)/cases/[id]/page.tsx", importOf("../../../../workflows/certification/rules"), /@\/lib\/domain/],
  ["app/_components/lifecycle-diagram.tsx", `import type { EventType } from "@/workflows/certification";\nexport type E = EventType;\n`, /@\/lib\/domain/],
  ["app/(portal)/audit/events/page.tsx", `export { EVENT_TYPES } from "@/workflows/certification";\n`, /@\/lib\/domain/],
  // app/ → the database
  ["app/api/v1/audit/verify/route.ts", importOf("@/lib/db"), /database/],
  ["app/api/v1/audit/verify/route.ts", importOf("@/lib/db/migrate"), /database/],
  ["app/api/v1/audit/verify/route.ts", importOf("@/lib/generated/sqlite/client"), /generated Prisma/],
  ["app/api/v1/audit/verify/route.ts", importOf("@prisma/client"), /Prisma/],
  // production code → test helpers
  ["app/(portal)/page.tsx", importOf("@/test/world"), /Test helpers/],
  ["lib/cases/apply-event.ts", importOf("@/test/test-db"), /Test helpers/],
  ["lib/cases/apply-event.ts", importOf("../../test/users"), /Test helpers/],
  ["workflows/certification/machine.ts", importOf("@/test/fixtures/certification"), /Test helpers/],
  // workflows/ is pure
  ["workflows/certification/rules.ts", importOf("@/lib/permissions"), /imports nothing of lib/],
  ["workflows/certification/rules.ts", importOf("../../lib/errors"), /imports nothing of lib/],
  ["workflows/certification/rules.ts", importOf("node:crypto"), /Node built-ins/],
  ["workflows/review/tally.ts", importOf("fs/promises"), /Node built-ins/],
  ["workflows/review/tally.ts", importOf("@prisma/client"), /database/],
  ["workflows/certification/machine.test.ts", importOf("@/lib/db"), /imports nothing of lib/],
];

const ALLOWED: Array<[file: string, code: string]> = [
  ["app/(portal)/cases/[id]/page.tsx", importOf("@/lib/domain")],
  ["app/(portal)/cases/[id]/page.tsx", importOf("@/lib/cases/get-case")],
  ["app/(portal)/cases/[id]/page.tsx", importOf("../_lib/form-state")],
  ["lib/cases/apply-event.ts", importOf("@/lib/db")],
  ["lib/cases/apply-event.ts", importOf("@/workflows/certification")],
  ["lib/cases/lifecycle.test.ts", importOf("@/test/world")],
  ["workflows/certification/rules.ts", importOf("xstate")],
  ["workflows/certification/rules.ts", importOf("../review/tally")],
  ["workflows/certification/rules.test.ts", importOf("@/test/fixtures/certification")],
  ["test/world.ts", importOf("@/lib/db")],
];

describe("lint enforces the layers", () => {
  it.each(FORBIDDEN)("%s may not have: %s", async (file, code, says) => {
    const errors = await layerErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(says);
  }, 120_000);

  it.each(ALLOWED)("%s may have: %s", async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  }, 120_000);
});
