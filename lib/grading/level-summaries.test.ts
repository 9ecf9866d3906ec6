// Format v2's per-level summaries (docs/domain.md#schemes): what a terminal at each level does for
// its user, in both languages; optional, closed to unknown levels, both texts required.
import { describe, expect, it } from "vitest";
import { tinyScheme, tinySchemeInput } from "@/test/fixtures/grading";
import { tinySchemeV2Input } from "@/test/fixtures/grading-v2";
import { parseScheme, schemeFormat, type SchemeInput } from "./scheme";

function parse(edit: (input: SchemeInput) => void, base = tinySchemeV2Input) {
  const input = base();
  edit(input);
  return parseScheme(input);
}

describe("levelSummaries", () => {
  it("parses per-level summaries in both languages and keeps them", () => {
    const result = parse((s) => {
      s.levelSummaries = {
        L1: { zh: "终端能听懂并响应用户的指令。", en: "The terminal understands and answers its user's commands." },
        L3: { zh: "终端主动提出有用的建议。", en: "The terminal proactively offers useful suggestions." },
      };
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.scheme.levelSummaries?.L1?.en).toBe("The terminal understands and answers its user's commands.");
    expect(result.scheme.levelSummaries?.L2).toBeUndefined();
  });

  it("is optional: a scheme without it parses with no levelSummaries field added", () => {
    const result = parseScheme(tinySchemeV2Input());
    expect(result.ok && "levelSummaries" in result.scheme).toBe(false);
  });

  it("makes a scheme format v2 on its own", () => {
    expect(schemeFormat(tinyScheme())).toBe(1);
    const result = parse((s) => (s.levelSummaries = { L1: { zh: "响应", en: "Responds" } }), tinySchemeInput);
    expect(result.ok && schemeFormat(result.scheme)).toBe(2);
  });

  it("refuses an unknown level, an empty text or a missing language, with the path", () => {
    const unknown = parse((s) => (s.levelSummaries = { L5: { zh: "x", en: "x" } } as never));
    expect(!unknown.ok && unknown.errors).toContainEqual({ path: "levelSummaries", message: expect.stringContaining('unknown level "L5"') });
    const empty = parse((s) => (s.levelSummaries = { L2: { zh: " ", en: "Uses tools" } }));
    expect(!empty.ok && empty.errors).toContainEqual({ path: "levelSummaries.L2.zh", message: "the Chinese text is empty" });
    const missing = parse((s) => (s.levelSummaries = { L2: { zh: "使用工具" } } as never));
    expect(!missing.ok && missing.errors.map((e) => e.path)).toContain("levelSummaries.L2.en");
  });
});
