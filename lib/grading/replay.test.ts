// Format v1 is decided exactly as before v2: every seeded scheme, on resultsReaching(category, level),
// gives the level, profile and blockers the v1 engine gave (test/fixtures/grading-v1-replay.json).
import { describe, expect, it } from "vitest";
import golden from "@/test/fixtures/grading-v1-replay.json";
import { determine } from "./engine";
import { resultsReaching } from "./sample-results";
import { schemeFormat } from "./scheme";
import { SEEDED_SCHEMES } from "./schemes";

const cases = SEEDED_SCHEMES.flatMap((scheme) => (["L1", "L2", "L3"] as const).map((level) => [scheme, level] as const));

describe("replay of the seeded v1 schemes", () => {
  it("the fixture covers every seeded scheme at L1, L2 and L3", () => {
    expect(Object.keys(golden.decisions).sort()).toEqual(cases.map(([s, l]) => `${s.id} ${s.version} ${l}`).sort());
  });

  it.each(cases.map(([s, l]) => [`${s.id} ${l}`, s, l] as const))("%s decides as before", (_, scheme, level) => {
    expect(schemeFormat(scheme)).toBe(1);
    const rows = resultsReaching(scheme.category, level);
    const d = determine(scheme, Object.fromEntries(rows.map((r) => [r.item, r.value])));
    const before = (golden.decisions as Record<string, unknown>)[`${scheme.id} ${scheme.version} ${level}`];
    expect({
      level: d.level,
      profile: d.profile,
      blockers: d.blockers && { level: d.blockers.level, items: d.blockers.items.map((b) => `${b.item} ${b.measured} needs ${b.needed} at ${b.neededAt}`) },
    }).toEqual(before);
    expect(d.level).toBe(level);
    expect(d.rule).toBe("simple");
    // Under the simple rule every blocker counts no uncertainty.
    for (const b of d.blockers?.items ?? []) expect(b.uncertainty).toBeNull();
  });
});
