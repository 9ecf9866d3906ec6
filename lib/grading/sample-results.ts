// Sample measurements for the seeded schemes: used by tests, the benchmarks and demo tooling.
import { seededScheme } from "./schemes";
import type { ReportEnvelope, SampleModel } from "./envelope";

/** Measurements for a seeded scheme that reach exactly `level` (every threshold at or below it, met exactly). */
export function resultsReaching(schemeId: string, level: "L1" | "L2" | "L3") {
  const scheme = seededScheme(schemeId as never);
  if (!scheme) throw new Error(`no seeded scheme ${schemeId}`);
  const order = ["L1", "L2", "L3"] as const;
  const upto = order.slice(0, order.indexOf(level) + 1);
  return scheme.elements.flatMap((el) =>
    el.items.map((it) => {
      const thresholds = upto.map((l) => it.thresholds[l]).filter((v): v is number => v !== undefined);
      let value: number;
      if (thresholds.length) value = it.better === "higher" ? Math.max(...thresholds) : Math.min(...thresholds);
      else {
        // No threshold up to this level: a value that fails the next level, so the case stays at `level`.
        const next = it.thresholds.L1 ?? it.thresholds.L2 ?? it.thresholds.L3;
        value = next === undefined ? 0 : it.better === "higher" ? Math.max(0, next - 1) : next + 1;
      }
      return { item: it.key, value, unit: it.unit };
    }),
  );
}


/**
 * A complete report envelope for a sample of `softwareVersion` (docs/domain.md#lab-evidence), tested
 * over the five days up to `testedTo` (a day, YYYY-MM-DD; by default one long past, so a test whose
 * clock is set back still submits it). The sample runs `models`: by default none are listed (then
 * they are not compared with the case's disclosure); listed, they must be the disclosed ones.
 */
export function sampleEnvelope(softwareVersion: string, testedTo = "2026-01-09", models: SampleModel[] = []): ReportEnvelope {
  const to = new Date(`${testedTo}T00:00:00Z`);
  const from = new Date(to.getTime() - 4 * 86_400_000).toISOString().slice(0, 10);
  return {
    reportNumber: `TR-${testedTo.replaceAll("-", "")}-${softwareVersion.replace(/[^0-9A-Za-z]/g, "")}`,
    sample: {
      serials: ["SN-0001", "SN-0002"],
      buildFingerprint: `zhiji/sample/device:${softwareVersion}/REL/${testedTo.replaceAll("-", "")}:user/release-keys`,
      softwareVersion,
      models,
    },
    testedFrom: from,
    testedTo,
    environment: "23 ± 2 °C, 45 ± 10 % RH; Wi-Fi 100 Mbit/s; battery above 80 %",
    signatory: "Sample Signatory, technical manager",
  };
}

/** A whole report that reaches `level`: its results and a complete envelope for a sample of `softwareVersion`. */
export function sampleReport(schemeId: string, level: "L1" | "L2" | "L3", softwareVersion: string, testedTo?: string) {
  return { ...sampleEnvelope(softwareVersion, testedTo), results: resultsReaching(schemeId, level) };
}
