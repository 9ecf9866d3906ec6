import { describe, expect, it } from "vitest";
import { loadMessages } from "./messages";

function keys(obj: unknown, prefix = ""): string[] {
  if (obj === null || typeof obj !== "object") return [prefix];
  return Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("translations", () => {
  it("every English string has a Chinese one and the other way round", () => {
    const en = keys(loadMessages("en")).sort();
    const zh = keys(loadMessages("zh-CN")).sort();
    expect(en.filter((k) => !zh.includes(k))).toEqual([]);
    expect(zh.filter((k) => !en.includes(k))).toEqual([]);
  });

  it("no message key contains a dot (next-intl would read it as nesting)", () => {
    for (const k of keys(loadMessages("en"))) expect(k.split(".").every((part) => part.length > 0)).toBe(true);
  });
});
