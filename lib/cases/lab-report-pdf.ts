// The lab's test report as a PDF (docs/domain.md#lab-evidence): A4 pages, Chinese and English,
// drawn from the submitted report's envelope and results with the certificate's fonts and layout
// helpers (lib/certificates/pdf.ts): report number, the sample (serials, build fingerprint, software
// version, models), the test dates, environment, signatory, and per item the value, U, n and the
// engine's verdict. Any number of items: the rows go on as many pages as they need, each page
// repeating the header and the table's column header and saying "page N of M". For whoever may see
// the case; rendered on request from the stored report.
import "server-only";
import { db } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { domainError } from "@/lib/errors";
import { INK, MUTED, NAVY, PAGE_H, PAGE_W, RULE, FILL, X0, X1, drawLines, fit, label, linesHeight, renderOnePagePdf, setFont, type Doc, type Line } from "@/lib/certificates/pdf";
import { determine, explainVerdict, LEVEL_NAMES, isLevel, type Verdict } from "@/lib/grading";
import { sampleOf } from "@/lib/grading/envelope";
import { oneLine } from "@/lib/mail/message";
import { loadVisibleCase } from "./load-case";
import { caseProductSnapshot } from "./product-snapshot";
import { schemeOf } from "./save-lab-report";

export type LabReportPdfData = {
  reportNumber: string;
  caseId: string;
  lab: string;
  vendor: string;
  product: { name: string; model: string; softwareVersion: string };
  scheme: { id: string; version: string; title: { zh: string; en: string } };
  sample: { serials: string[]; buildFingerprint: string; softwareVersion: string; models: { name: string; version: string; deployment?: string }[] };
  testedFrom: string;
  testedTo: string;
  environment: string;
  signatory: string;
  level: string | null;
  rows: { key: string; title: { zh: string; en: string }; value: number; unit: string; uncertainty: number | null; n: number | null; verdict: { zh: string; en: string } }[];
  submittedAt: Date;
};

const num = (n: number) => (Number.isInteger(n) ? String(n) : String(Math.round(n * 10000) / 10000));

/** Where the page header ends, the rows and the signatory must end, and the footer lines sit. */
const HEADER_END = 96;
const BOTTOM = PAGE_H - 66;
const FOOT_Y = PAGE_H - 54;
const PAGE_NO_Y = PAGE_H - 44;
/** The results table's column header, and the signatory's line after the rows. */
const TABLE_HEAD = 14;
const SIGN_H = 22;

/** One page of the report: the rows it holds ([from, to) of d.rows); the first holds the envelope, the last the signatory. */
export type ReportPage = { from: number; to: number; envelope: boolean; table: boolean; signatory: boolean };

/**
 * The report's pages (docs/domain.md#lab-evidence): the envelope and as many rows as fit on the
 * first, then as many rows as fit on each next one, the signatory after the last row (on a page of
 * its own when the last page is full). Known before anything is drawn, so every page says "N of M".
 */
export function planPages(rowCount: number, rowH: number, envelopeH: number): ReportPage[] {
  const pages: ReportPage[] = [];
  let y = HEADER_END + envelopeH + TABLE_HEAD;
  let from = 0;
  for (let i = 0; i < rowCount; i++) {
    if (y + rowH > BOTTOM && i > from) {
      pages.push({ from, to: i, envelope: pages.length === 0, table: true, signatory: false });
      from = i;
      y = HEADER_END + TABLE_HEAD;
    }
    y += rowH;
  }
  pages.push({ from, to: rowCount, envelope: pages.length === 0, table: true, signatory: false });
  if (y + SIGN_H > BOTTOM) pages.push({ from: rowCount, to: rowCount, envelope: false, table: false, signatory: true });
  else pages[pages.length - 1].signatory = true;
  return pages;
}

/** The header every page repeats: frame, title, report number and case. */
function drawHeader(doc: Doc, d: LabReportPdfData) {
  doc.save().lineWidth(1.2).strokeColor(NAVY).rect(24, 24, PAGE_W - 48, PAGE_H - 48).stroke().restore();
  let y = 44;
  setFont(doc, "B", 15, NAVY).text("人工智能终端智能化分级 检测报告", X0, y, { width: X1 - X0, align: "center" });
  y += 20;
  setFont(doc, "R", 9.5, NAVY).text("AI Terminal Intelligence Grading — Test report", X0, y, { width: X1 - X0, align: "center" });
  y += 14;
  setFont(doc, "R", 8, MUTED).text(`报告编号 Report No.  ${d.reportNumber}    案件 Case  ${d.caseId}`, X0, y, { width: X1 - X0, align: "center" });
  y += 14;
  doc.save().moveTo(X0, y).lineTo(X1, y).lineWidth(0.8).strokeColor(NAVY).stroke().restore();
}

const LABEL_W = 118;
const VALUE_W = X1 - X0 - LABEL_W - 18;

function envelopeFields(d: LabReportPdfData): { label: Line[]; value: Line[] }[] {
  const models = d.sample.models.map((m) => `${m.name} ${m.version}${m.deployment ? ` (${m.deployment})` : ""}`).join("; ");
  return [
    { label: label("检测实验室", "Laboratory"), value: [{ text: d.lab, size: 8.5 }] },
    { label: label("申请企业", "Vendor"), value: [{ text: d.vendor, size: 8.5 }] },
    { label: label("产品", "Product"), value: [{ text: `${d.product.name} · ${d.product.model} · ${d.product.softwareVersion}`, size: 8.5 }] },
    { label: label("分级方案", "Grading scheme"), value: [{ text: `${d.scheme.title.zh} / ${d.scheme.title.en} · ${d.scheme.id} v${d.scheme.version}`, size: 8.5 }] },
    { label: label("样品序列号", "Sample serials"), value: [{ text: d.sample.serials.join(", "), size: 8.5 }] },
    { label: label("受测软件版本", "Software tested"), value: [{ text: d.sample.softwareVersion, size: 8.5 }] },
    { label: label("构建指纹", "Build fingerprint"), value: [{ text: d.sample.buildFingerprint, size: 7.5 }] },
    ...(models ? [{ label: label("模型", "Models"), value: [{ text: models, size: 7.5 }] }] : []),
    { label: label("测试日期", "Tested"), value: [{ text: `${d.testedFrom} – ${d.testedTo}`, size: 8.5 }] },
    { label: label("测试环境", "Environment"), value: [{ text: d.environment, size: 7.5 }] },
    {
      label: label("判定等级", "Level determined"),
      value: [{ text: d.level && isLevel(d.level) ? `${d.level} ${LEVEL_NAMES[d.level].zh} / ${LEVEL_NAMES[d.level].en}` : "未达到 L1 / does not meet L1", size: 8.5, w: "B" }],
    },
  ];
}

const fieldHeight = (doc: Doc, f: { label: Line[]; value: Line[] }) => Math.max(linesHeight(doc, f.label, LABEL_W), linesHeight(doc, f.value, VALUE_W)) + 4;

// Results: item, value and unit, U, n, verdict (zh / en).
const COLS = { item: X0, value: X0 + 168, u: X0 + 232, n: X0 + 270, verdict: X0 + 306 };

function drawTableHead(doc: Doc, y: number): number {
  setFont(doc, "B", 7, NAVY);
  doc.text("测试项 Item", COLS.item + 2, y, { lineBreak: false });
  doc.text("结果 Value", COLS.value, y, { lineBreak: false });
  doc.text("U", COLS.u, y, { lineBreak: false });
  doc.text("n", COLS.n, y, { lineBreak: false });
  doc.text("判定 Verdict", COLS.verdict, y, { lineBreak: false });
  y += 10;
  doc.save().moveTo(X0, y).lineTo(X1, y).lineWidth(0.4).strokeColor(RULE).stroke().restore();
  return y + TABLE_HEAD - 10;
}

function draw(doc: Doc, d: LabReportPdfData) {
  const fields = envelopeFields(d);
  const envelopeH = fields.reduce((sum, f) => sum + fieldHeight(doc, f), 0) + 8;
  const rowH = d.rows.length > 26 ? 13 : 15;
  const pages = planPages(d.rows.length, rowH, envelopeH);
  const verdictW = X1 - COLS.verdict;
  for (const [p, page] of pages.entries()) {
    if (p > 0) doc.addPage();
    drawHeader(doc, d);
    let y = HEADER_END;
    if (page.envelope) {
      for (const [i, f] of fields.entries()) {
        const h = fieldHeight(doc, f);
        if (i % 2 === 0) doc.save().rect(X0, y, X1 - X0, h).fill(FILL).restore();
        drawLines(doc, f.label, X0 + 6, y + 2, LABEL_W);
        drawLines(doc, f.value, X0 + 12 + LABEL_W, y + 2, VALUE_W);
        y += h;
      }
      y += 8;
    }
    if (page.table) {
      // The column header again on every page the table continues on.
      y = drawTableHead(doc, y);
      for (let i = page.from; i < page.to; i++) {
        const r = d.rows[i];
        if (i % 2 === 1) doc.save().rect(X0, y, X1 - X0, rowH).fill(FILL).restore();
        setFont(doc, "R", 6.5, INK).text(fit(doc, `${r.title.zh} ${r.title.en}`, COLS.value - COLS.item - 6), COLS.item + 2, y + 1, { lineBreak: false });
        setFont(doc, "R", 5.5, MUTED).text(r.key, COLS.item + 2, y + 7.2, { lineBreak: false });
        setFont(doc, "R", 6.5, INK).text(`${num(r.value)} ${r.unit}`, COLS.value, y + 3, { lineBreak: false });
        doc.text(r.uncertainty === null ? "—" : num(r.uncertainty), COLS.u, y + 3, { lineBreak: false });
        doc.text(r.n === null ? "—" : String(r.n), COLS.n, y + 3, { lineBreak: false });
        doc.text(fit(doc, r.verdict.zh, verdictW), COLS.verdict, y + 0.5, { lineBreak: false });
        setFont(doc, "R", 5.5, MUTED).text(fit(doc, r.verdict.en, verdictW), COLS.verdict, y + 7.2, { lineBreak: false });
        y += rowH;
      }
    }
    if (page.signatory) setFont(doc, "R", 8, INK).text(`签字人 Signatory: ${d.signatory}`, X0, y + 10, { width: X1 - X0, lineBreak: false });
    setFont(doc, "R", 6.5, MUTED).text(
      `提交日期 Submitted ${d.submittedAt.toISOString().slice(0, 10)} · 本报告由门户根据实验室提交的报告生成。Generated by the portal from the report the laboratory submitted.`,
      X0,
      FOOT_Y,
      { width: X1 - X0, lineBreak: false },
    );
    setFont(doc, "R", 7, MUTED).text(`第 ${p + 1} 页，共 ${pages.length} 页 · Page ${p + 1} of ${pages.length}`, X0, PAGE_NO_Y, { width: X1 - X0, align: "center", lineBreak: false });
  }
}

export function renderLabReportPdf(d: LabReportPdfData): Promise<Buffer> {
  return renderOnePagePdf({
    what: `lab report ${d.reportNumber}`,
    info: { Title: `检测报告 Test report ${d.reportNumber}`, Subject: "AI Terminal Intelligence Grading — Test report", Author: d.lab, CreationDate: d.submittedAt, Keywords: `${d.reportNumber} ${d.caseId}` },
    draw: (doc) => draw(doc, d),
    signature: null,
    multiPage: true,
  });
}

/** The latest submitted report of a case as a PDF, for whoever may see the case; LAB_REPORT_NOT_FOUND before one is submitted. */
export async function getLabReportPdf(user: SessionUser, caseId: string): Promise<{ filename: string; pdf: Buffer }> {
  assertCan(user, "case:read");
  const database = db();
  const row = await loadVisibleCase(database, user, caseId);
  const report = await database.labReport.findFirst({
    where: { caseId: row.id, submittedAt: { not: null } },
    orderBy: { round: "desc" },
    include: { results: true },
  });
  if (!report || !report.submittedAt) throw domainError("LAB_REPORT_NOT_FOUND");
  const lab = await database.organization.findUnique({ where: { id: report.labOrgId }, select: { name: true, nameZh: true } });
  const scheme = schemeOf(row.schemeVersion.definition);
  const product = caseProductSnapshot(row);
  const measurements = Object.fromEntries(report.results.map((r) => [r.item, { value: r.value, uncertainty: r.uncertainty, n: r.n }]));
  let verdicts: Verdict[] = [];
  try {
    verdicts = determine(scheme, measurements).verdicts;
  } catch {
    // A report stored before a rule it no longer meets: its values are printed without verdicts.
  }
  const byItem = new Map(verdicts.map((v) => [v.item, v]));
  const sample = sampleOf(report.sample) ?? {};
  const number = report.reportNumber ?? `${row.id}-R${report.round}`;
  const pdf = await renderLabReportPdf({
    reportNumber: oneLine(number),
    caseId: row.id,
    lab: lab ? oneLine(lab.nameZh ? `${lab.name} ${lab.nameZh}` : lab.name) : report.labOrgId,
    vendor: oneLine(row.organization.nameZh ? `${row.organization.name} ${row.organization.nameZh}` : row.organization.name),
    product: { name: oneLine(product.name), model: oneLine(product.model), softwareVersion: oneLine(product.softwareVersion) },
    scheme: { id: scheme.id, version: scheme.version, title: scheme.title },
    sample: {
      serials: (sample.serials ?? []).map(oneLine),
      buildFingerprint: oneLine(sample.buildFingerprint ?? "—"),
      softwareVersion: oneLine(sample.softwareVersion ?? "—"),
      models: (sample.models ?? []).map((m) => ({ name: oneLine(m.name), version: oneLine(m.version), deployment: m.deployment })),
    },
    testedFrom: report.testedFrom?.toISOString().slice(0, 10) ?? "—",
    testedTo: report.testedTo?.toISOString().slice(0, 10) ?? "—",
    environment: oneLine(report.environment ?? "—"),
    signatory: oneLine(report.signatory ?? "—"),
    level: report.level,
    rows: scheme.elements.flatMap((e) =>
      e.items.flatMap((item) => {
        const r = report.results.find((x) => x.item === item.key);
        if (!r) return [];
        const v = byItem.get(item.key);
        return [{ key: item.key, title: item.title, value: r.value, unit: r.unit, uncertainty: r.uncertainty, n: r.n, verdict: v ? { zh: explainVerdict(v, "zh"), en: explainVerdict(v, "en") } : { zh: "—", en: "—" } }];
      }),
    ),
    submittedAt: report.submittedAt,
  });
  return { filename: `lab-report-${number.replace(/[^0-9A-Za-z._-]/g, "_")}.pdf`, pdf };
}
