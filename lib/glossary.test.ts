// The one vocabulary of docs/glossary.md: no message file (messages/<locale>/*.json) may use a
// term the glossary bans. A failure names the file, the key and the term.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..", "messages");

/** Banned terms per locale directory, each with the reason docs/glossary.md gives. */
const BANNED: Record<string, { term: RegExp; use: string }[]> = {
  "zh-CN": [
    { term: /认证/, use: "认定 / 分级评定 (认证 is reserved for CNCA-approved bodies)" },
    { term: /厂商|申请单位/, use: "申请企业" },
    { term: /智能手机|智能电脑|智能电视|智能眼镜|智能音箱|智能耳机/, use: "category names from the Category table" },
    { term: /AI手机|AI电脑|AI电视|AI眼镜|智能座舱|AI音箱|AI耳机/, use: "category names from the Category table" },
  ],
  en: [
    { term: /certification (body|authority)/i, use: "working group / portal (the pilot is no certification body)" },
    { term: /\bmanufacturers?\b/i, use: "vendor" },
    { term: /\bsmartphones?\b|smart speaker|in-car cockpit|intelligent cockpit|\bAI (phone|glasses|earphones|speaker)s?\b/i, use: "category names from the Category table" },
  ],
};

/** Every string of a message file with its dotted key. */
function strings(value: unknown, prefix = ""): [string, string][] {
  if (typeof value === "string") return [[prefix, value]];
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => strings(v, prefix ? `${prefix}.${k}` : k));
  return [];
}

/** `file key: "term" (use …)` for every banned term found. */
function violations(locale: string, files: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [file, json] of Object.entries(files)) {
    for (const [key, text] of strings(json)) {
      for (const { term, use } of BANNED[locale] ?? []) {
        const m = text.match(term);
        if (m) out.push(`messages/${locale}/${file} ${key}: "${m[0]}" (use ${use})`);
      }
    }
  }
  return out;
}

function load(locale: string): Record<string, unknown> {
  const dir = path.join(ROOT, locale);
  return Object.fromEntries(
    fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort().map((f) => [f, JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"))]),
  );
}

describe("the glossary's banned terms (docs/glossary.md)", () => {
  for (const locale of Object.keys(BANNED)) {
    it(`no message file in messages/${locale} uses one`, () => {
      expect(violations(locale, load(locale))).toEqual([]);
    });
  }

  it("names the file and the key of a banned term", () => {
    expect(violations("zh-CN", { "case.json": { states: { certified: "已认证" }, vendor: "厂商答复" } })).toEqual([
      'messages/zh-CN/case.json states.certified: "认证" (use 认定 / 分级评定 (认证 is reserved for CNCA-approved bodies))',
      'messages/zh-CN/case.json vendor: "厂商" (use 申请企业)',
    ]);
    expect(violations("en", { "public.json": { lead: "Labs test smartphones." } })).toEqual([
      'messages/en/public.json lead: "smartphones" (use category names from the Category table)',
    ]);
    expect(violations("zh-CN", { "x.json": { ok: "已认定的申请企业与认可的实验室" } })).toEqual([]);
  });
});
