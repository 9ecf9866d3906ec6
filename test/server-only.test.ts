// Every lib/ module that touches the database, keys or secrets starts with `import "server-only"`,
// so that Next refuses to build a client component that reaches one of them. The rule is checked
// here over the source, so that a new module that forgets the mark fails the suite; and the mark
// is shown to be real: outside Next it throws unless lib/outside-next.ts was imported first.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");
const MARK = /^import "server-only";$/m;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return rel === "lib/generated" ? [] : sourceFiles(rel);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

/** The repository path (without extension) an import specifier of `file` names, or null for a package. */
function target(file: string, spec: string): string | null {
  if (spec.startsWith("@/")) return spec.slice(2).replace(/\.tsx?$/, "");
  if (spec.startsWith(".")) return path.posix.join(path.posix.dirname(file), spec).replace(/\.tsx?$/, "");
  return null;
}

const DRIVERS = new Set(["pg", "better-sqlite3", "node-forge", "@prisma/adapter-pg", "@prisma/adapter-better-sqlite3"]);

/** Why `file` must carry the mark, or null when it need not. */
function reasonToMark(file: string): string | null {
  if (["lib/db.ts", "lib/env.ts"].includes(file)) return "is the database client or the configuration";
  for (const dir of ["lib/db/", "lib/auth/", "lib/certificates/signing/"]) if (file.startsWith(dir)) return `lives in ${dir}`;
  const src = fs.readFileSync(path.join(ROOT, file), "utf8");
  for (const m of src.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^;]*?\s+from\s+)?"([^"]+)";/gms)) {
    const typeOnly = Boolean(m[1]);
    const spec = m[2];
    const to = target(file, spec);
    if (to === "lib/db" || to === "lib/env") return `imports ${to}`;
    if (!typeOnly && to?.startsWith("lib/generated/")) return "imports a generated Prisma client";
    if (!typeOnly && DRIVERS.has(spec)) return `imports ${spec}`;
  }
  return null;
}

describe('import "server-only"', () => {
  const files = sourceFiles("lib");

  it("marks every lib/ module that touches the database, keys or secrets", () => {
    const missing = files.flatMap((f) => {
      const why = reasonToMark(f);
      return why && !MARK.test(fs.readFileSync(path.join(ROOT, f), "utf8")) ? [`${f} (${why})`] : [];
    });
    expect(missing).toEqual([]);
    // The rule finds the modules it is about (a broken matcher would find none and pass).
    for (const f of ["lib/db.ts", "lib/env.ts", "lib/cases/apply-event.ts", "lib/certificates/portal-key.ts", "lib/auth/session.ts"]) {
      expect(reasonToMark(f), f).not.toBeNull();
    }
    expect(reasonToMark("lib/domain.ts")).toBeNull();
  });

  it("is the first import of each module that has it", () => {
    const late = files.filter((f) => {
      const src = fs.readFileSync(path.join(ROOT, f), "utf8");
      const first = src.split("\n").find((l) => /^import\s/.test(l));
      return MARK.test(src) && first !== 'import "server-only";';
    });
    expect(late).toEqual([]);
  });

  // A child process with tsx, as scripts/*.ts and server.ts are run.
  const load = (code: string) =>
    spawnSync(process.execPath, ["--import", "tsx", "-e", code], { cwd: ROOT, encoding: "utf8", env: { ...process.env, DATABASE_URL: "file:./data/never-opened.db" } });

  it("throws outside Next unless lib/outside-next.ts came first", () => {
    const bare = load(`require("./lib/db.ts");`);
    expect(bare.status).not.toBe(0);
    expect(bare.stderr).toContain("It should only be used from a Server Component");

    const prepared = load(`require("./lib/outside-next.ts"); const { createDb } = require("./lib/db.ts"); console.log(typeof createDb);`);
    expect(prepared.stderr).toBe("");
    expect(prepared.stdout.trim()).toBe("function");
    expect(prepared.status).toBe(0);
  }, 60_000);
});
