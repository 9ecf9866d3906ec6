// The lab's test report as a PDF (docs/domain.md#lab-evidence): one A4 page, Chinese and English,
// drawn from the submitted report's envelope and results with the certificate's fonts and layout
// helpers (lib/certificates/pdf.ts): report number, the sample (serials, build fingerprint, software
// version, models), the test dates, environment, signatory, and per item the value, U, n and the
// engine's verdict. For whoever may see the case; rendered on request from the stored report.
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

function draw(doc: Doc, d: LabReportPdfData) {
  doc.save().lineWidth(1.2).strokeColor(NAVY).rect(24, 24, PAGE_W - 48, PAGE_H - 48).stroke().restore();
  let y = 44;
  setFont(doc, "B", 15, NAVY).text("人工智能终端智能化分级 检测报告", X0, y, { width: X1 - X0, align: "center" });
  y += 20;
  setFont(doc, "R", 9.5, NAVY).text("AI Terminal Intelligence Grading — Test report", X0, y, { width: X1 - X0, align: "center" });
  y += 14;
  setFont(doc, "R", 8, MUTED).text(`报告编号 Report No.  ${d.reportNumber}    案件 Case  ${d.caseId}`, X0, y, { width: X1 - X0, align: "center" });
  y += 14;
  doc.save().moveTo(X0, y).lineTo(X1, y).lineWidth(0.8).strokeColor(NAVY).stroke().restore();
  y += 4;

  const labelW = 118;
  const valueW = X1 - X0 - labelW - 18;
  const models = d.sample.models.map((m) => `${m.name} ${m.version}${m.deployment ? ` (${m.deployment})` : ""}`).join("; ");
  const fields: { label: Line[]; value: Line[] }[] = [
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
  for (const [i, f] of fields.entries()) {
    const h = Math.max(linesHeight(doc, f.label, labelW), linesHeight(doc, f.value, valueW)) + 4;
    if (i % 2 === 0) doc.save().rect(X0, y, X1 - X0, h).fill(FILL).restore();
    drawLines(doc, f.label, X0 + 6, y + 2, labelW);
    drawLines(doc, f.value, X0 + 12 + labelW, y + 2, valueW);
    y += h;
  }
  y += 8;

  // Results: item, value and unit, U, n, verdict (zh / en).
  const cols = { item: X0, value: X0 + 168, u: X0 + 232, n: X0 + 270, verdict: X0 + 306 };
  const verdictW = X1 - cols.verdict;
  setFont(doc, "B", 7, NAVY);
  doc.text("测试项 Item", cols.item + 2, y, { lineBreak: false });
  doc.text("结果 Value", cols.value, y, { lineBreak: false });
  doc.text("U", cols.u, y, { lineBreak: false });
  doc.text("n", cols.n, y, { lineBreak: false });
  doc.text("判定 Verdict", cols.verdict, y, { lineBreak: false });
  y += 10;
  doc.save().moveTo(X0, y).lineTo(X1, y).lineWidth(0.4).strokeColor(RULE).stroke().restore();
  const rowH = d.rows.length > 26 ? 13 : 15;
  for (const [i, r] of d.rows.entries()) {
    if (i % 2 === 1) doc.save().rect(X0, y, X1 - X0, rowH).fill(FILL).restore();
    setFont(doc, "R", 6.5, INK).text(fit(doc, `${r.title.zh} ${r.title.en}`, cols.value - cols.item - 6), cols.item + 2, y + 1, { lineBreak: false });
    setFont(doc, "R", 5.5, MUTED).text(r.key, cols.item + 2, y + 7.2, { lineBreak: false });
    setFont(doc, "R", 6.5, INK).text(`${num(r.value)} ${r.unit}`, cols.value, y + 3, { lineBreak: false });
    doc.text(r.uncertainty === null ? "—" : num(r.uncertainty), cols.u, y + 3, { lineBreak: false });
    doc.text(r.n === null ? "—" : String(r.n), cols.n, y + 3, { lineBreak: false });
    doc.text(fit(doc, r.verdict.zh, verdictW), cols.verdict, y + 0.5, { lineBreak: false });
    setFont(doc, "R", 5.5, MUTED).text(fit(doc, r.verdict.en, verdictW), cols.verdict, y + 7.2, { lineBreak: false });
    y += rowH;
  }
  y += 10;
  setFont(doc, "R", 8, INK).text(`签字人 Signatory: ${d.signatory}`, X0, Math.min(y, PAGE_H - 70), { width: X1 - X0 });
  setFont(doc, "R", 6.5, MUTED).text(
    `提交日期 Submitted ${d.submittedAt.toISOString().slice(0, 10)} · 本报告由门户根据实验室提交的报告生成。Generated by the portal from the report the laboratory submitted.`,
    X0,
    PAGE_H - 52,
    { width: X1 - X0, lineBreak: false },
  );
}

export function renderLabReportPdf(d: LabReportPdfData): Promise<Buffer> {
  return renderOnePagePdf({
    what: `lab report ${d.reportNumber}`,
    info: { Title: `检测报告 Test report ${d.reportNumber}`, Subject: "AI Terminal Intelligence Grading — Test report", Author: d.lab, CreationDate: d.submittedAt, Keywords: `${d.reportNumber} ${d.caseId}` },
    draw: (doc) => draw(doc, d),
    signature: null,
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
