// The lab report PDF paginates (docs/domain.md#lab-evidence): any number of items, the header and the
// table's column header on every page, "page N of M" on each, every item once, the signatory last.
// Drawn from synthetic data (no database) and read back with pdftotext.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { planPages, renderLabReportPdf, type LabReportPdfData } from "./lab-report-pdf";

function report(items: number): LabReportPdfData {
  return {
    reportNumber: `TR-PAGES-${items}`,
    caseId: "case-pages",
    lab: "Lab One 第一实验室",
    vendor: "Vendor A 甲公司",
    product: { name: "Aurora X", model: "AX-1", softwareVersion: "5.0.1" },
    scheme: { id: "synthetic", version: "1.0", title: { zh: "合成方案", en: "Synthetic scheme" } },
    sample: { serials: ["SN-1", "SN-2"], buildFingerprint: "zhiji/pages/device:5.0.1/REL/1:user/release-keys", softwareVersion: "5.0.1", models: [{ name: "Aurora-Nano", version: "3B", deployment: "on_device" }] },
    testedFrom: "2026-01-01",
    testedTo: "2026-01-05",
    environment: "23 ± 2 °C, 45 % RH",
    signatory: "A. Tester, technical manager",
    level: "L2",
    rows: Array.from({ length: items }, (_, i) => ({
      key: `item-${String(i + 1).padStart(3, "0")}`,
      title: { zh: `测试项 ${i + 1}`, en: `Item ${i + 1}` },
      value: i + 0.5,
      unit: "ms",
      uncertainty: i % 3 === 0 ? null : 0.1,
      n: i % 2 === 0 ? 10 : null,
      verdict: { zh: "达到 L2", en: "meets L2" },
    })),
    submittedAt: new Date("2026-01-06T08:00:00Z"),
  };
}

function pagesOf(pdf: Buffer): string[] {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "zhiji-lab-pdf-")), "report.pdf");
  fs.writeFileSync(file, pdf);
  try {
    // pdftotext separates pages with a form feed.
    return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).split("\f").filter((p) => p.trim() !== "");
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

describe("the lab report PDF", () => {
  it("plans pages: the envelope on the first, rows on as many as they need, the signatory after the last row", () => {
    expect(planPages(10, 15, 200)).toEqual([{ from: 0, to: 10, envelope: true, table: true, signatory: true }]);
    const many = planPages(200, 13, 200);
    expect(many.length).toBeGreaterThan(3);
    expect(many[0]).toMatchObject({ from: 0, envelope: true });
    for (let i = 1; i < many.length; i++) expect(many[i].from).toBe(many[i - 1].to);
    expect(many.at(-1)).toMatchObject({ to: 200, signatory: true });
    expect(many.filter((p) => p.signatory)).toHaveLength(1);
  });

  it("keeps a short report on one page, marked page 1 of 1", async () => {
    const pages = pagesOf(await renderLabReportPdf(report(20)));
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain("Page 1 of 1");
    expect(pages[0]).toContain("Signatory: A. Tester");
  });

  it("paginates 85 items: each page has the header, the column header and its number of M; every item once, in order", async () => {
    const data = report(85);
    const pdf = await renderLabReportPdf(data);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const pages = pagesOf(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const m = pages.length;
    pages.forEach((text, i) => {
      expect(text, `page ${i + 1}`).toContain("Test report");
      expect(text, `page ${i + 1}`).toContain("TR-PAGES-85");
      expect(text, `page ${i + 1}`).toContain(`Page ${i + 1} of ${m}`);
      expect(text, `page ${i + 1}`).toContain(`第 ${i + 1} 页，共 ${m} 页`);
      if (i < m - 1 || text.includes("item-")) expect(text, `page ${i + 1}`).toContain("Verdict");
    });
    // The envelope once, on the first page; the signatory once, on the last.
    expect(pages[0]).toContain("Build fingerprint");
    expect(pages.slice(1).some((p) => p.includes("Build fingerprint"))).toBe(false);
    expect(pages[m - 1]).toContain("Signatory: A. Tester");
    expect(pages.slice(0, -1).some((p) => p.includes("Signatory:"))).toBe(false);
    const keys = pages.join("\n").match(/item-\d{3}/g) ?? [];
    expect(keys).toEqual(data.rows.map((r) => r.key));
  });

  it("draws 300 items too", async () => {
    const pages = pagesOf(await renderLabReportPdf(report(300)));
    expect(pages.length).toBeGreaterThan(6);
    expect(pages.at(-1)).toContain(`Page ${pages.length} of ${pages.length}`);
    expect((pages.join("\n").match(/item-\d{3}/g) ?? []).length).toBe(300);
  });
});
