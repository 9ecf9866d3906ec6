// The browser gets precompiled messages and formats them with next-intl's precompiled formatter;
// the server formats the catalogue as written with the ICU runtime, and both kinds in the same
// request (i18n/format-message.ts, i18n/client-messages.ts). Both must say the same thing, for
// every message of both languages.
import { describe, expect, it } from "vitest";
import compile from "icu-minify/compile";
import formatPrecompiled from "use-intl/format-message/format-only";
import formatAtRuntime from "use-intl/format-message";
import { _createCache, _createIntlFormatters } from "use-intl/core";
import { LOCALES } from "./locale";
import { loadMessages } from "./messages";
import { clientMessages, precompileMessages } from "./client-messages";

function strings(obj: unknown, prefix = ""): [string, string][] {
  if (typeof obj === "string") return [[prefix, obj]];
  if (!obj || typeof obj !== "object" || Array.isArray(obj)) return [];
  return Object.entries(obj).flatMap(([k, v]) => strings(v, prefix ? `${prefix}.${k}` : k));
}

// Values for every argument and tag of a compiled message (icu-minify's form: [name] a plain
// argument, [name, type, …] a typed one (1 select, 2 plural, 3 ordinal, 4 number, 5 date, 6 time),
// [tag, …children] a tag).
function valuesOf(node: unknown, out: Record<string, unknown> = {}): Record<string, unknown> {
  if (!Array.isArray(node)) {
    if (node && typeof node === "object") for (const v of Object.values(node)) valuesOf(v, out);
    return out;
  }
  const [head, kind, ...rest] = node;
  if (typeof head === "string" && node.length === 1) out[head] ??= "v";
  else if (typeof head === "string" && typeof kind === "number") {
    out[head] = kind === 1 ? "other-choice" : kind === 5 || kind === 6 ? new Date(Date.UTC(2026, 0, 2, 3, 4)) : 3;
    for (const r of rest) valuesOf(r, out);
  } else if (typeof head === "string" && node.length > 1 && typeof node[1] !== "number") {
    out[head] = (chunks: unknown[]) => `<${head}>${chunks.join("")}</${head}>`;
    for (const r of node.slice(1)) valuesOf(r, out);
  } else for (const r of node) valuesOf(r, out);
  return out;
}

const text = (r: unknown) => (Array.isArray(r) ? r.join("") : String(r));

describe("precompiled messages", () => {
  for (const locale of LOCALES) {
    it(`format as the catalogue does (${locale})`, () => {
      const options = { cache: _createCache(), formatters: _createIntlFormatters(_createCache()), locale, timeZone: "Asia/Shanghai" };
      const all = strings(loadMessages(locale));
      expect(all.length).toBeGreaterThan(500);
      let compared = 0;
      for (const [key, raw] of all) {
        const compiled = compile(raw);
        // A message without arguments or tags stays the string as written (the server's formatter
        // takes such a string for the catalogue's own).
        if (typeof compiled === "string") {
          expect(compiled, key).toBe(raw);
          continue;
        }
        const values = valuesOf(compiled) as never;
        const expected = text(formatAtRuntime(key, raw, values, options as never));
        expect(text(formatPrecompiled(key, compiled as never, values, options as never)), key).toBe(expected);
        compared++;
      }
      expect(compared).toBeGreaterThan(100);
    });
  }

  it("are plain data a server component may pass to a client component", () => {
    const isPlain = (v: unknown): boolean =>
      v === null || typeof v !== "object" || (Array.isArray(v) ? v.every(isPlain) : Object.getPrototypeOf(v) === Object.prototype && Object.values(v).every(isPlain));
    for (const locale of LOCALES) expect(isPlain(precompileMessages(loadMessages(locale)))).toBe(true);
  });

  it("keep the catalogue's shape, lists as they are", () => {
    const m = { a: { b: "Hi {name}", c: "plain" }, list: ["x", "y"] };
    expect(precompileMessages(m)).toEqual({ a: { b: ["Hi ", ["name"]], c: "plain" }, list: ["x", "y"] });
    expect(clientMessages("en", m, ["a.c"])).toEqual({ a: { c: "plain" } });
  });
});
