// The public pages give the browser only some namespaces (i18n/client-messages.ts): every
// namespace their client components read must be among them, or the page would show keys.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BASE_CLIENT_MESSAGES, pickMessages, REGISTRY_CLIENT_MESSAGES, VERIFY_CLIENT_MESSAGES } from "./client-messages";
import { loadMessages } from "./messages";

const root = path.resolve(__dirname, "..");

function clientFiles(dir: string): string[] {
  const full = path.join(root, dir);
  if (fs.statSync(full).isFile()) return [dir];
  return fs.readdirSync(full, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".tsx"))
    .map((f) => path.join(dir, f))
    .filter((f) => fs.readFileSync(path.join(root, f), "utf8").startsWith('"use client"'));
}

function namespacesRead(files: string[]): string[] {
  const out = new Set<string>();
  for (const f of files) {
    for (const m of fs.readFileSync(path.join(root, f), "utf8").matchAll(/useTranslations\(("([^"]*)")?\)/g)) out.add(m[2] ?? "");
  }
  return [...out];
}

const covered = (ns: string, given: readonly string[]) => given.some((g) => ns === g || ns.startsWith(`${g}.`));

// The chrome every page has (header, menus, error views, forms); the portal-only ones are left out.
const CHROME = [
  "app/_components/header-menu.tsx",
  "app/_components/language-switch.tsx",
  "app/_components/sign-out-button.tsx",
  "app/_components/menu-loader.tsx",
  "app/_components/error-view.tsx",
  "app/_components/ui/level-badge.tsx",
  "app/_components/ui/dialog.tsx",
];

describe("the messages the browser is given", () => {
  it("picks whole namespaces and parts of one, nested as in the catalogue", () => {
    const all = { a: { x: 1, y: { z: 2 } }, b: { c: 3, d: 4 }, e: 5 };
    expect(pickMessages(all, ["a", "b.c", "nope", "b.nope"])).toEqual({ a: { x: 1, y: { z: 2 } }, b: { c: 3 } });
    expect(pickMessages(all, ["a.y.z", "a.x"])).toEqual({ a: { y: { z: 2 }, x: 1 } });
  });

  it("gives every public page what its client components read", () => {
    for (const f of CHROME) expect(fs.existsSync(path.join(root, f)), f).toBe(true);
    const cases: [string, string[], readonly string[]][] = [
      ["chrome", CHROME, BASE_CLIENT_MESSAGES],
      ["verify", [...CHROME, ...clientFiles("app/verify"), ...clientFiles("app/complaints/_components/complaint-form.tsx")], VERIFY_CLIENT_MESSAGES],
      ["registry", [...CHROME, ...clientFiles("app/registry")], REGISTRY_CLIENT_MESSAGES],
    ];
    for (const [name, files, given] of cases) {
      const read = namespacesRead(files);
      expect(read.length, name).toBeGreaterThan(0);
      for (const ns of read) expect(covered(ns, given), `${name} reads "${ns}"`).toBe(true);
    }
    // Forms translate refusals from "errors" (app/_components/ui/form.tsx).
    expect(BASE_CLIENT_MESSAGES).toContain("errors");
  });

  it("names only namespaces the catalogue has, in both languages", () => {
    for (const locale of ["en", "zh-CN"] as const) {
      const all = loadMessages(locale);
      for (const p of [...VERIFY_CLIENT_MESSAGES, ...REGISTRY_CLIENT_MESSAGES]) {
        expect(Object.keys(pickMessages(all, [p])).length, `${locale} ${p}`).toBe(1);
      }
    }
  });
});
