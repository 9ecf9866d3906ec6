import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

/** Every route handler file under app/api/v1 with its exported HTTP methods, as OpenAPI path templates. */
function routeFiles(): { path: string; methods: string[] }[] {
  const root = path.join(process.cwd(), "app/api/v1");
  const out: { path: string; methods: string[] }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name === "route.ts") {
        const src = fs.readFileSync(full, "utf8");
        const methods = [...src.matchAll(/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1].toLowerCase());
        const rel = path.relative(root, path.dirname(full)).split(path.sep).map((s) => s.replace(/^\[(.+)\]$/, "{$1}"));
        out.push({ path: "/" + rel.join("/"), methods });
      }
    }
  };
  walk(root);
  return out;
}

describe("OpenAPI document", () => {
  const doc = openApiDocument();

  it("is OpenAPI 3.1 and describes the event request from the machine's payload schemas", () => {
    expect(doc.openapi).toBe("3.1.0");
    const events = JSON.stringify(doc.paths?.["/cases/{id}/events"]?.post);
    expect(events).toContain("ASSIGN_PANEL");
    expect(events).toContain("expertIds");
    expect(events).toContain("expectedVersion");
  });

  it("describes every route handler and method under /api/v1, and nothing that does not exist", () => {
    const files = routeFiles();
    expect(files.length).toBeGreaterThan(5);
    const documented = new Set(Object.entries(doc.paths ?? {}).flatMap(([p, ops]) => Object.keys(ops ?? {}).map((m) => `${m} ${p}`)));
    const implemented = new Set(files.flatMap((f) => f.methods.map((m) => `${m} ${f.path}`)));
    expect([...implemented].filter((r) => !documented.has(r)).sort()).toEqual([]);
    expect([...documented].filter((r) => !implemented.has(r)).sort()).toEqual([]);
  });
});
