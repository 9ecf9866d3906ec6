/**
 * The decision letter PDF (docs/domain.md#decision-letters): A4, one page, Chinese and English, the
 * formal record of a denial — case, product as frozen, scheme and version, the lab-determined level
 * (or "does not meet L1"), the ministry's reason, the items that did not meet their thresholds, the
 * date, and the appeal window. Drawn and signed with the certificate's page, fonts and signature
 * (lib/certificates/pdf.ts renderOnePagePdf, signing/sign-pdf.ts), so a letter verifies like one.
 */
import { signPdf } from "@/lib/certificates/signing/sign-pdf";
import type { SigningKey } from "@/lib/certificates/signing/keys";
import {
  FILL,
  INK,
  MUTED,
  NAVY,
  PAGE_H,
  PAGE_W,
  RULE,
  X0,
  X1,
  drawLines,
  fit,
  fmtDate,
  label,
  linesHeight,
  renderOnePagePdf,
  setFont,
  type Bilingual,
  type Doc,
  type Line,
} from "@/lib/certificates/pdf";

export interface LetterBlocker {
  item: string;
  title: Bilingual;
  unit: string;
  better: "higher" | "lower";
  needed: number;
  neededAt: string;
  measured: number;
}

export interface DecisionLetterPdfData {
  /** The letter's reference, e.g. DL-2026-000123 (the DENY's audit sequence). */
  reference: string;
  publicId: string;
  caseId: string;
  vendor: string;
  product: { name: string; model: string; softwareVersion: string };
  category: Bilingual;
  scheme: { id: string; version: string; title: Bilingual };
  claimedLevel: string;
  /** The lab-determined level; null: does not meet L1. */
  labLevel: string | null;
  labLevelName: Bilingual | null;
  reason: string;
  /** The level the blockers stand before, and the items that did not meet its thresholds. */
  blockers: { level: string; items: LetterBlocker[] } | null;
  decidedAt: Date;
  appealDeadline: Date;
  appealWindowDays: number;
  portalUrl: string;
  issuer: Bilingual;
  timeZone?: string;
}

const MAX_REASON_LINES = 6;
/** The bottom band (issuer, signature note) and the appeal block above it have fixed places. */
const BAND_H = 104;
const APPEAL_H = 86;
const ITEM_ROW_H = 19;

function fmtNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000);
}

function threshold(b: LetterBlocker): string {
  return `${b.better === "higher" ? "≥" : "≤"} ${fmtNumber(b.needed)} ${b.unit}`.trim();
}

function drawLetter(doc: Doc, d: DecisionLetterPdfData): void {
  const tz = d.timeZone ?? "Asia/Shanghai";
  doc.save().lineWidth(1.2).strokeColor(NAVY).rect(24, 24, PAGE_W - 48, PAGE_H - 48).stroke();
  doc.lineWidth(0.4).strokeColor(RULE).rect(30, 30, PAGE_W - 60, PAGE_H - 60).stroke().restore();

  let y = 56;
  setFont(doc, "B", 19, NAVY).text("人工智能终端智能化分级 不予认定决定书", X0, y, { width: X1 - X0, align: "center" });
  y += 28;
  setFont(doc, "R", 11.5, NAVY).text("AI Terminal Intelligence Grading — Decision letter: certification denied", X0, y, { width: X1 - X0, align: "center" });
  y += 20;
  setFont(doc, "R", 8.5, MUTED).text(`决定书编号 Reference  ${d.reference}    案件 Case  ${d.caseId}`, X0, y, { width: X1 - X0, align: "center" });
  y += 16;
  doc.save().moveTo(X0, y).lineTo(X1, y).lineWidth(0.8).strokeColor(NAVY).stroke().restore();
  y += 8;

  const width = X1 - X0;
  const labelW = 120;
  const valueW = width - labelW - 18;
  const levelValue: Line[] = d.labLevel
    ? [
        { text: `${d.labLevel}${d.labLevelName ? ` ${d.labLevelName.zh}` : ""}`, size: 9.5, w: "B" },
        { text: d.labLevelName ? `${d.labLevel} ${d.labLevelName.en}` : d.labLevel, size: 7.5, color: MUTED },
      ]
    : [
        { text: "未达到 L1", size: 9.5, w: "B" },
        { text: "Does not meet L1", size: 7.5, color: MUTED },
      ];
  const rows: { label: Line[]; value: Line[] }[] = [
    { label: label("申请企业", "Vendor"), value: [{ text: d.vendor, size: 9.5 }] },
    { label: label("产品", "Product"), value: [{ text: `${d.product.name} · ${d.product.model} · ${d.product.softwareVersion}`, size: 9.5 }] },
    { label: label("产品类别", "Category"), value: [{ text: `${d.category.zh} ${d.category.en}`, size: 9.5 }] },
    {
      label: label("分级方案", "Grading scheme"),
      value: [
        { text: d.scheme.title.zh, size: 9.5 },
        { text: `${d.scheme.title.en} · ${d.scheme.id} v${d.scheme.version}`, size: 7.5, color: MUTED },
      ],
    },
    { label: label("申请等级", "Level applied for"), value: [{ text: d.claimedLevel, size: 9.5 }] },
    { label: label("实验室判定等级", "Lab-determined level"), value: levelValue },
    { label: label("决定日期", "Date of decision"), value: [{ text: fmtDate(d.decidedAt, tz), size: 9.5 }] },
  ];
  const pad = 3.5;
  const top = y;
  for (const [i, row] of rows.entries()) {
    const h = Math.max(linesHeight(doc, row.label, labelW), linesHeight(doc, row.value, valueW)) + 2 * pad;
    if (i % 2 === 0) doc.save().rect(X0, y, width, h).fill(FILL).restore();
    drawLines(doc, row.label, X0 + 6, y + pad, labelW);
    drawLines(doc, row.value, X0 + 12 + labelW, y + pad, valueW);
    y += h;
  }
  doc.save().lineWidth(0.5).strokeColor(RULE).moveTo(X0, top).lineTo(X1, top).stroke().moveTo(X0, y).lineTo(X1, y).stroke().restore();
  y += 12;

  // The decision and its reason.
  setFont(doc, "B", 10.5, NAVY).text("决定", X0, y, { lineBreak: false });
  setFont(doc, "R", 8.5, MUTED).text("Decision", X0 + 26, y + 2, { lineBreak: false });
  y += 16;
  y =
    drawLines(
      doc,
      [
        { text: "经审查，主管部门决定对上述产品不予认定（不授予智能化等级）。", size: 9 },
        { text: "Having reviewed the case, the ministry denies certification of the product above: no intelligence level is awarded.", size: 7.5, color: MUTED },
      ],
      X0,
      y,
      width,
      2,
    ) + 6;
  setFont(doc, "R", 8, NAVY).text("理由 Reason", X0, y, { lineBreak: false });
  y += 12;
  setFont(doc, "R", 9, INK);
  const reasonH = Math.min(doc.heightOfString(d.reason, { width: width - 12 }), doc.currentLineHeight(true) * MAX_REASON_LINES + 1);
  doc.save().rect(X0, y - 2, width, reasonH + 6).fill(FILL).restore();
  setFont(doc, "R", 9, INK).text(d.reason, X0 + 6, y + 1, { width: width - 12, height: reasonH + 0.5, ellipsis: true });
  y += reasonH + 14;

  // The items not met.
  setFont(doc, "B", 10.5, NAVY).text("未达到要求的项目", X0, y, { lineBreak: false });
  setFont(doc, "R", 8.5, MUTED).text(
    d.blockers ? `Items that did not meet the thresholds of ${d.blockers.level}` : "Items that did not meet their thresholds",
    X0 + 88,
    y + 2,
    { lineBreak: false },
  );
  y += 16;
  const items = d.blockers?.items ?? [];
  if (!items.length) {
    setFont(doc, "R", 8.5, MUTED).text("实验室报告未列出未达标项目。 The lab report lists no item below its threshold.", X0, y, { width });
    y += 14;
  } else {
    const cols = { item: X0 + 6, measured: X0 + width - 216, needed: X0 + width - 140, level: X0 + width - 50 };
    const titleW = cols.measured - cols.item - 8;
    doc.save().rect(X0, y, width, 15).fill(NAVY).restore();
    setFont(doc, "R", 7.5, "#ffffff");
    doc.text("项目 Item", cols.item, y + 3.5, { lineBreak: false });
    doc.text("实测 Measured", cols.measured, y + 3.5, { lineBreak: false });
    doc.text("要求 Required", cols.needed, y + 3.5, { lineBreak: false });
    doc.text("等级 Level", cols.level, y + 3.5, { lineBreak: false });
    y += 15;
    // As many rows as fit above the appeal block; the rest are counted (the case page lists them all).
    const rowH = ITEM_ROW_H;
    const room = PAGE_H - BAND_H - APPEAL_H - 10 - y;
    let fits = Math.max(1, Math.floor(room / rowH));
    if (fits < items.length) fits = Math.max(1, Math.floor((room - 12) / rowH));
    const shown = items.slice(0, fits);
    for (const [i, b] of shown.entries()) {
      if (i % 2 === 1) doc.save().rect(X0, y, width, rowH).fill(FILL).restore();
      setFont(doc, "R", 8, INK);
      doc.text(fit(doc, `${b.title.zh}（${b.item}）`, titleW), cols.item, y + 1.5, { lineBreak: false });
      setFont(doc, "R", 6.5, MUTED);
      doc.text(fit(doc, b.title.en, titleW), cols.item, y + 10.5, { lineBreak: false });
      setFont(doc, "R", 8, INK);
      doc.text(fit(doc, `${fmtNumber(b.measured)} ${b.unit}`, cols.needed - cols.measured - 6), cols.measured, y + 5, { lineBreak: false });
      doc.text(fit(doc, threshold(b), cols.level - cols.needed - 6), cols.needed, y + 5, { lineBreak: false });
      setFont(doc, "B", 8, NAVY).text(b.neededAt, cols.level, y + 5, { lineBreak: false });
      y += rowH;
    }
    doc.save().lineWidth(0.5).strokeColor(RULE).moveTo(X0, y).lineTo(X1, y).stroke().restore();
    if (items.length > shown.length) {
      y += 3;
      setFont(doc, "R", 7.5, MUTED).text(`另有 ${items.length - shown.length} 项，详见门户中的案件页面。 ${items.length - shown.length} more on the case page in the portal.`, X0, y, { width });
      y += 10;
    }
    y += 10;
  }

  // The appeal.
  const bandTop = PAGE_H - BAND_H;
  y = Math.max(y, bandTop - APPEAL_H);
  setFont(doc, "B", 10.5, NAVY).text("申诉", X0, y, { lineBreak: false });
  setFont(doc, "R", 8.5, MUTED).text("Appeal", X0 + 26, y + 2, { lineBreak: false });
  y += 16;
  const deadline = fmtDate(d.appealDeadline, tz);
  drawLines(
    doc,
    [
      {
        text: `申请企业可在决定之日起 ${d.appealWindowDays} 日内（截至 ${deadline}）登录门户 ${d.portalUrl}，在本案件页面提出申诉并说明理由。每项决定只可申诉一次；申诉由未作出本决定的主管部门人员审理。`,
        size: 8.5,
      },
      {
        text: `The vendor may appeal within ${d.appealWindowDays} days of the decision (until ${deadline}): sign in at ${d.portalUrl}, open this case and send an appeal with its grounds. Each decision may be appealed once; the appeal is decided by a ministry official who did not take this decision.`,
        size: 7.5,
        color: MUTED,
      },
    ],
    X0,
    y,
    width,
    3,
  );

  // Issuer and signature.
  doc.save().moveTo(X0, bandTop).lineTo(X1, bandTop).lineWidth(0.5).strokeColor(RULE).stroke().restore();
  drawLines(
    doc,
    [
      { text: "发文机构 Issuer", size: 8, color: MUTED },
      { text: d.issuer.zh, size: 11, w: "B", color: NAVY },
      { text: d.issuer.en, size: 9, color: NAVY },
      { text: `签发日期 Issued  ${fmtDate(d.decidedAt, tz)}`, size: 8, color: MUTED },
    ],
    X0,
    bandTop + 10,
    width / 2,
    2,
  );
  drawLines(
    doc,
    [
      { text: "本决定书带有发证机构的数字签名，任何改动都会使签名失效。", size: 7.5 },
      { text: "This letter carries the issuer's digital signature; any change to it invalidates the signature.", size: 7, color: MUTED },
      { text: `编号 Id  ${d.publicId}`, size: 7, color: MUTED },
    ],
    X0 + width / 2 + 10,
    bandTop + 10,
    width / 2 - 10,
    3,
  );
}

/** Renders the letter with an unfilled signature placeholder, ready for signPdf. */
export function renderDecisionLetterPdf(data: DecisionLetterPdfData): Promise<Buffer> {
  return renderOnePagePdf({
    what: `decision letter ${data.reference}`,
    info: {
      Title: `不予认定决定书 ${data.reference}`,
      Subject: "Decision letter: certification denied",
      Author: data.issuer.en,
      CreationDate: data.decidedAt,
      Keywords: `${data.reference} ${data.publicId} ${data.caseId}`,
    },
    draw: (doc) => drawLetter(doc, data),
    signature: { reason: `Decision letter ${data.reference}`, name: data.issuer.en, contactInfo: data.portalUrl },
  });
}

/** Renders and signs a decision letter, exactly as certificates are signed. */
export async function issueDecisionLetterPdf(data: DecisionLetterPdfData, key: SigningKey): Promise<Buffer> {
  return signPdf(await renderDecisionLetterPdf(data), key);
}
