// The flowing layout of the portal's unsigned reports (several A4 pages): headings, label/value pairs,
// bar charts, notes and tables, on the certificate's fonts and page (lib/certificates/pdf.ts). Shared
// by the pilot report (lib/pilots/report-pdf.ts) and the proficiency round report
// (lib/proficiency/report-pdf.ts), so the reports look and are made alike.
import { FILL, INK, MUTED, NAVY, PAGE_H, RULE, X0, X1, fit, setFont, type Doc } from "./pdf";
import { LEVELS } from "@/lib/domain";

const BOTTOM = PAGE_H - 56;
const LEVEL_FILL: Record<string, string> = { L1: "#94a3b8", L2: "#0ea5e9", L3: "#4f46e5", L4: "#059669" };
const BAR = "#1d3557";
const LIMIT = "#dc2626";

const num = (n: number | null, digits = 1) => (n === null ? "—" : String(Math.round(n * 10 ** digits) / 10 ** digits));

export class Cursor {
  y = 56;
  constructor(readonly doc: Doc) {}
  /** Starts a new page when `h` points do not fit below. */
  need(h: number) {
    if (this.y + h > BOTTOM) {
      this.doc.addPage();
      this.y = 56;
    }
  }
  heading(zh: string, en: string) {
    this.need(60);
    this.y += 8;
    setFont(this.doc, "B", 13, NAVY).text(`${zh}  ${en}`, X0, this.y, { lineBreak: false });
    this.y += 20;
    this.doc.save().lineWidth(0.5).strokeColor(RULE).moveTo(X0, this.y).lineTo(X1, this.y).stroke().restore();
    this.y += 8;
  }
  /** A row of label/value pairs, two columns. */
  pairs(items: [string, string][]) {
    const colW = (X1 - X0) / 2;
    for (let i = 0; i < items.length; i += 2) {
      this.need(16);
      for (let j = 0; j < 2 && i + j < items.length; j++) {
        const [k, v] = items[i + j];
        const x = X0 + j * colW;
        setFont(this.doc, "R", 9, MUTED).text(fit(this.doc, k, colW - 70), x, this.y, { lineBreak: false });
        setFont(this.doc, "B", 10, INK).text(v, x + colW - 70, this.y - 1, { width: 60, align: "right", lineBreak: false });
      }
      this.y += 16;
    }
  }
  /** A horizontal bar chart: one bar per row, scaled to the largest value (and limit, when given). */
  bars(rows: { label: string; value: number | null; limit?: number | null; text?: string }[]) {
    const labelW = 150;
    const barMaxW = X1 - X0 - labelW - 60;
    const max = Math.max(1, ...rows.map((r) => Math.max(r.value ?? 0, r.limit ?? 0)));
    for (const r of rows) {
      this.need(18);
      setFont(this.doc, "R", 9, INK).text(fit(this.doc, r.label, labelW - 8), X0, this.y + 2, { lineBreak: false });
      const w = ((r.value ?? 0) / max) * barMaxW;
      this.doc.save().rect(X0 + labelW, this.y + 2, barMaxW, 11).fill(FILL).restore();
      if (w > 0) this.doc.save().rect(X0 + labelW, this.y + 2, w, 11).fill(BAR).restore();
      if (r.limit) {
        const lx = X0 + labelW + (r.limit / max) * barMaxW;
        this.doc.save().rect(lx - 0.75, this.y, 1.5, 15).fill(LIMIT).restore();
      }
      setFont(this.doc, "R", 9, INK).text(r.text ?? num(r.value), X0 + labelW + barMaxW + 6, this.y + 2, { lineBreak: false });
      this.y += 18;
    }
  }
  /** Stacked bars by level per category. */
  levelBars(rows: { label: string; counts: Record<string, number>; total: number }[]) {
    const labelW = 150;
    const barMaxW = X1 - X0 - labelW - 60;
    const max = Math.max(1, ...rows.map((r) => r.total));
    for (const r of rows) {
      this.need(18);
      setFont(this.doc, "R", 9, INK).text(fit(this.doc, r.label, labelW - 8), X0, this.y + 2, { lineBreak: false });
      let x = X0 + labelW;
      for (const l of LEVELS) {
        const w = ((r.counts[l] ?? 0) / max) * barMaxW;
        if (w > 0) this.doc.save().rect(x, this.y + 2, w, 11).fill(LEVEL_FILL[l]).restore();
        x += w;
      }
      setFont(this.doc, "R", 9, INK).text(String(r.total), X0 + labelW + barMaxW + 6, this.y + 2, { lineBreak: false });
      this.y += 18;
    }
    this.need(16);
    let lx = X0 + labelW;
    for (const l of LEVELS) {
      this.doc.save().rect(lx, this.y + 2, 9, 9).fill(LEVEL_FILL[l]).restore();
      setFont(this.doc, "R", 8, MUTED).text(l, lx + 12, this.y + 2, { lineBreak: false });
      lx += 50;
    }
    this.y += 16;
  }
  note(text: string) {
    this.need(14);
    setFont(this.doc, "R", 8, MUTED);
    const h = this.doc.heightOfString(text, { width: X1 - X0 });
    this.need(h + 4);
    this.doc.text(text, X0, this.y, { width: X1 - X0 });
    this.y += h + 4;
  }
  table(head: string[], rows: string[][], widths: number[]) {
    this.need(32);
    let x = X0;
    this.doc.save().rect(X0, this.y, X1 - X0, 14).fill(NAVY).restore();
    setFont(this.doc, "R", 7.5, "#ffffff");
    head.forEach((h, i) => {
      this.doc.text(fit(this.doc, h, widths[i] - 6), x + 3, this.y + 3, { lineBreak: false });
      x += widths[i];
    });
    this.y += 14;
    rows.forEach((row, ri) => {
      this.need(14);
      if (ri % 2 === 1) this.doc.save().rect(X0, this.y, X1 - X0, 14).fill(FILL).restore();
      x = X0;
      setFont(this.doc, "R", 8, INK);
      row.forEach((c, i) => {
        this.doc.text(fit(this.doc, c, widths[i] - 6), x + 3, this.y + 3, { lineBreak: false });
        x += widths[i];
      });
      this.y += 14;
    });
    this.y += 4;
  }
}
