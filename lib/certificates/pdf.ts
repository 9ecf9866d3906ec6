/**
 * The certificate PDF: A4, one page, Chinese + English, Noto Sans SC embedded as a subset,
 * a vector QR code to the public verify URL, and a PAdES signature made with the portal key.
 *
 *   const pdf = await issueCertificatePdf(data, await loadSigningKey(...));
 *
 * Fonts are read once per process from node_modules (see {@link configureCertificateFonts}).
 * In Next.js, keep pdfkit and @signpdf out of the bundle (`serverExternalPackages`) and,
 * for standalone output, include the two TTF files in the traced files.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import { addSignaturePlaceholder, signPdf } from "./signing/sign-pdf";
import type { SigningKey } from "./signing/keys";

export type Level = "L1" | "L2" | "L3" | "L4";
export interface Bilingual {
  zh: string;
  en: string;
}

/** One disclosed model as the certificate prints it. */
export interface PdfModel {
  name: string;
  version: string;
  deployment: "on_device" | "cloud" | "companion";
  provider?: string;
  parameters?: string;
  filingNumber?: string;
}

export interface CertificatePdfData {
  /** e.g. AIT-2026-PHONE-000001 */
  number: string;
  publicId: string;
  verifyUrl: string;
  vendor: string;
  product: { name: string; model: string; softwareVersion: string };
  /**
   * The versions after-care amendments added to what this revision covers, one line each, oldest
   * first (a software amendment too: its new version is also the software version above).
   */
  versionsCovered?: { kind: Bilingual; from: string; to: string }[];
  /** The tested build's fingerprint from the submitted lab report's sample (docs/domain.md#lab-evidence); absent before the envelope existed. */
  buildFingerprint?: string | null;
  /**
   * The models the product disclosed (docs/domain.md#model-disclosure), drawn as a compact table;
   * empty or absent: "未披露 Not disclosed".
   */
  models?: PdfModel[];
  category: Bilingual;
  scheme: { id: string; version: string; title: Bilingual };
  level: Level;
  levelName: Bilingual;
  profile: { key: string; title: Bilingual; level: string | null }[];
  pilot: string;
  issuedAt: Date;
  validUntil: Date;
  issuer: Bilingual;
  /** IANA zone for the printed dates. Default Asia/Shanghai. */
  timeZone?: string;
}

// ---------------------------------------------------------------------------
// Fonts (read once per process)
// ---------------------------------------------------------------------------

const FONT_PKG = "node_modules/@expo-google-fonts/noto-sans-sc";
let fontPaths = {
  regular: path.join(process.cwd(), FONT_PKG, "400Regular/NotoSansSC_400Regular.ttf"),
  bold: path.join(process.cwd(), FONT_PKG, "700Bold/NotoSansSC_700Bold.ttf"),
};
/**
 * pdfkit accepts either font bytes or an already parsed fontkit font. Parsing is cheap, but
 * fontkit parses the (large) CJK layout tables lazily on each new font object, which made a
 * certificate cost ~400 ms; reusing one parsed font per process brings that down to tens of
 * ms. The parsed font is taken from a throwaway pdfkit document (pdfkit's EmbeddedFont keeps
 * it as `.font`), so no direct dependency on fontkit is needed; if that private field ever
 * changes, we fall back to the bytes.
 */
type FontSource = Buffer | { layout: (...a: unknown[]) => unknown };
let fontCache: { regular: FontSource; bold: FontSource } | null = null;

/** Override where the TTFs are read from (e.g. a standalone deployment). Clears the cache. */
export function configureCertificateFonts(paths: Partial<typeof fontPaths>): void {
  fontPaths = { ...fontPaths, ...paths };
  fontCache = null;
  sharedLayouts = { R: Object.create(null), B: Object.create(null), renders: 0 };
  heights = new Map();
  subsetGlyphs = { R: new Map(), B: new Map() };
  encodedSubsets = { R: new Map(), B: new Map() };
  sharedTexts = { R: new Map(), B: new Map() };
  sharedWidths = { R: new Map(), B: new Map() };
}

/**
 * Shaping a word (fontkit's layout: cmap, GSUB, GPOS, then pdfkit scales the positions) was the
 * largest part of a certificate's time, and pdfkit keeps the shaped words per document (the
 * embedded font's `layoutCache`, keyed by the word). Most words are the same in every document,
 * so every document of the process is given the same cache per font: pdfkit only reads a cached
 * run (it already reuses one within a document). The font is the same parsed font in every
 * document, so the scaled runs are the same. If pdfkit's private field ever changes, each
 * document simply shapes its own words again.
 */
const LAYOUT_CACHE_MAX = 20_000;
let sharedLayouts: { R: Record<string, unknown>; B: Record<string, unknown>; renders: number } = {
  R: Object.create(null),
  B: Object.create(null),
  renders: 0,
};

function shareLayoutCache(doc: Doc, name: "R" | "B"): void {
  const font = (doc as unknown as { _font?: { layoutCache?: Record<string, unknown> } })._font;
  if (font && font.layoutCache && typeof font.layoutCache === "object") font.layoutCache = sharedLayouts[name];
}

/**
 * Embedding a font subset decoded every glyph it holds again in each document (fontkit's
 * TrueType subset reads each glyph's outline to find the parts of a composite glyph). A glyph's
 * bytes, parts and metrics never change, so the subsets of each font share what was read: the
 * subset is then written exactly as fontkit writes it (its own _addGlyph, for a font without
 * variations), from the remembered glyphs. Anything unexpected leaves fontkit's own code in place.
 */
interface SubsetGlyph {
  bytes: Uint8Array;
  parts: { glyphID: number; pos: number }[] | null;
  advance: number;
  bearing: number;
}
let subsetGlyphs: { R: Map<number, SubsetGlyph>; B: Map<number, SubsetGlyph> } = { R: new Map(), B: new Map() };

type TtfSubset = {
  font: {
    _variationProcessor?: unknown;
    directory?: { tables?: Record<string, unknown> };
    getGlyph: (gid: number) => { _decode: () => { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null; advanceWidth: number; _getMetrics: () => { leftBearing: number } };
    loca: { offsets: number[] };
    _getTableStream: (name: string) => { pos: number; readBuffer: (n: number) => Uint8Array };
  };
  _addGlyph?: (gid: number) => number;
  includeGlyph: (gid: number) => number;
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
};

function shareSubsetGlyphs(doc: Doc, name: "R" | "B"): void {
  const subset = (doc as unknown as { _font?: { subset?: TtfSubset } })._font?.subset;
  if (!subset || typeof subset._addGlyph !== "function" || typeof subset.includeGlyph !== "function") return;
  const font = subset.font;
  if (font._variationProcessor || !font.directory?.tables?.glyf || font.directory.tables["CFF "]) return;
  const known = subsetGlyphs[name];
  subset._addGlyph = function addGlyph(this: TtfSubset, gid: number): number {
    let g = known.get(gid);
    if (!g) {
      const glyph = this.font.getGlyph(gid);
      const glyf = glyph._decode();
      const start = this.font.loca.offsets[gid];
      const stream = this.font._getTableStream("glyf");
      stream.pos += start;
      g = {
        bytes: Uint8Array.from(stream.readBuffer(this.font.loca.offsets[gid + 1] - start)),
        parts: glyf && glyf.numberOfContours < 0 ? (glyf.components ?? []).map((c) => ({ glyphID: c.glyphID, pos: c.pos })) : null,
        advance: glyph.advanceWidth,
        bearing: glyph._getMetrics().leftBearing,
      };
      known.set(gid, g);
    }
    let bytes = g.bytes;
    if (g.parts) {
      bytes = new Uint8Array(bytes);
      const view = new DataView(bytes.buffer);
      for (const part of g.parts) view.setUint16(part.pos, this.includeGlyph(part.glyphID));
    }
    this.glyf.push(bytes);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push({ advance: g.advance, bearing: g.bearing });
    this.offset += bytes.length;
    return this.glyf.length - 1;
  };
}

/**
 * The font subsets written into a document, remembered per font by their list of glyphs: a subset
 * is a function of that list alone (the same parsed font, no variations), and writing it (fontkit's
 * encode, then deflate) was about a quarter of a certificate's time. Most documents repeat a list:
 * the bold font's glyphs (titles, level, issuer) hardly vary, and the regular font's vary with the
 * vendor's and product's names. A document with a list seen before gets the same bytes, already
 * compressed; the PDF is byte for byte what pdfkit writes itself (its deflate is Node's with the
 * default options). Each list's bytes are kept until SUBSET_CACHE_MAX lists are held per font.
 */
const SUBSET_CACHE_MAX = 64;
let encodedSubsets: { R: Map<string, Uint8Array>; B: Map<string, Uint8Array> } = { R: new Map(), B: new Map() };
/** The deflated bytes of each remembered subset (pdfkit's font file holds the very same array). */
const deflatedSubsets = new WeakMap<Uint8Array, Buffer>();

function shareEncodedSubsets(doc: Doc, name: "R" | "B"): void {
  const subset = (doc as unknown as { _font?: { subset?: TtfSubset & { glyphs?: number[]; encode?: () => Uint8Array } } })._font?.subset;
  if (!subset || !Array.isArray(subset.glyphs) || typeof subset.encode !== "function") return;
  const font = subset.font;
  if (font._variationProcessor || !font.directory?.tables?.glyf || font.directory.tables["CFF "]) return;
  const encode = subset.encode;
  subset.encode = function encodeOnce(this: typeof subset): Uint8Array {
    const known = encodedSubsets[name];
    const key = this.glyphs!.join(",");
    let bytes = known.get(key);
    if (!bytes) {
      bytes = encode.call(this);
      if (known.size >= SUBSET_CACHE_MAX) known.clear();
      known.set(key, bytes);
      deflatedSubsets.set(bytes, zlib.deflateSync(bytes));
    }
    return bytes;
  };
}

type RefLike = { compress: boolean; buffer: Uint8Array[]; write: (chunk: Uint8Array | string) => void; finalize: () => void };

/**
 * How the document's objects are written, made cheaper without changing a byte:
 * - pdfkit turns every string it writes (each operator of the page, each object's dictionary) into
 *   bytes one character at a time; here a stream's consecutive strings are joined and converted
 *   at once by Node (the same bytes: each character's low byte), and so are the document's own;
 * - a stream object whose only content is a remembered font subset is written with the subset's
 *   deflated bytes instead of deflating them again (pdfkit's own finalize then writes the object).
 */
function cheaperWrites(doc: Doc): void {
  const d = doc as unknown as { ref: (data?: object) => RefLike; _write: (data: Uint8Array | string) => void; page?: { content?: RefLike } };
  if (typeof d.ref !== "function" || typeof d._write !== "function") return;
  const write = d._write;
  d._write = function writeLatin1(this: unknown, data: Uint8Array | string): void {
    write.call(this, typeof data === "string" ? Buffer.from(data + "\n", "latin1") : data);
  };
  const ref = d.ref.bind(doc);
  d.ref = (data?: object) => patchRef(ref(data));
  if (d.page?.content) patchRef(d.page.content);
}

function patchRef(r: RefLike): RefLike {
  const { write, finalize } = r;
  if (typeof write !== "function" || typeof finalize !== "function") return r;
  let pending: string[] = [];
  const flush = (self: RefLike) => {
    if (pending.length === 0) return;
    const text = pending.join("\n") + "\n";
    pending = [];
    write.call(self, Buffer.from(text, "latin1"));
  };
  r.write = function writeJoined(this: RefLike, chunk: Uint8Array | string): void {
    if (typeof chunk === "string") pending.push(chunk);
    else {
      flush(this);
      write.call(this, chunk);
    }
  };
  r.finalize = function finalizeJoined(this: RefLike): void {
    flush(this);
    const deflated = this.compress && Array.isArray(this.buffer) && this.buffer.length === 1 ? deflatedSubsets.get(this.buffer[0]) : undefined;
    if (deflated) {
      // The stream's /Filter is already FlateDecode (set when the bytes were written).
      this.compress = false;
      this.buffer = [deflated];
    }
    finalize.call(this);
  };
  return r;
}

/**
 * The digits' glyphs come first in the regular font's subset, in a fixed order: a certificate's
 * digits (its number, dates, versions) would otherwise enter the subset in the order the number
 * happens to use them, and each order is another subset to write. Noto Sans SC draws a digit that
 * follows a Latin letter in the same word ("AIT-2026", "v1.0") with a second glyph of the same
 * width, so both forms are included: the digits alone, then after a letter ("A" is on every page).
 * A digit the page never shows costs a few hundred bytes in the subset.
 */
const LEADING_WORDS = [..."0123456789", "A0123456789"];
function includeLeadingGlyphs(doc: Doc): void {
  const font = (doc as unknown as { _font?: { encode?: (text: string) => unknown } })._font;
  if (!font || typeof font.encode !== "function") return;
  for (const word of LEADING_WORDS) font.encode(word);
}

/**
 * What pdfkit works out for a whole string (its `encode`: the glyphs of every word joined, their
 * positions, widths and code points; its `widthOfString`: the summed advance), remembered per font
 * for every document of the process, like the shaped words above: most strings (labels, notes,
 * headers) are the same on every page, and joining the words' glyphs again was a tenth of a
 * certificate's time. Only the step that depends on the document is done each time: each glyph
 * enters the document's subset (giving its number there), exactly as pdfkit's own encode does it.
 */
interface EncodedText {
  ids: number[];
  positions: unknown[];
  widths: number[];
  codePoints: unknown[];
}
type EmbeddedFontLike = {
  encode: (text: string, features?: unknown) => [string[], unknown[]];
  widthOfString: (text: string, size: number, features?: unknown) => number;
  layout: (text: string, features?: unknown, onlyWidth?: boolean) => { glyphs: { id: number; advanceWidth: number; codePoints: unknown }[]; positions: unknown[]; advanceWidth: number };
  subset: { includeGlyph: (gid: number) => number };
  widths: number[];
  unicode: unknown[];
  scale: number;
};
let sharedTexts: { R: Map<string, EncodedText>; B: Map<string, EncodedText> } = { R: new Map(), B: new Map() };
let sharedWidths: { R: Map<string, number>; B: Map<string, number> } = { R: new Map(), B: new Map() };
const hexGids: string[] = [];

function shareEncodedTexts(doc: Doc, name: "R" | "B"): void {
  const font = (doc as unknown as { _font?: EmbeddedFontLike })._font;
  if (!font || typeof font.encode !== "function" || typeof font.widthOfString !== "function" || typeof font.layout !== "function") return;
  if (!font.subset || typeof font.subset.includeGlyph !== "function" || !Array.isArray(font.widths) || !Array.isArray(font.unicode)) return;
  const encode = font.encode;
  font.encode = function encodeShared(this: EmbeddedFontLike, text: string, features?: unknown): [string[], unknown[]] {
    if (features) return encode.call(this, text, features);
    const texts = sharedTexts[name];
    let t = texts.get(text);
    if (!t) {
      const { glyphs, positions } = this.layout(text);
      t = { ids: glyphs.map((g) => g.id), positions, widths: glyphs.map((g) => g.advanceWidth * this.scale), codePoints: glyphs.map((g) => g.codePoints) };
      if (texts.size >= LAYOUT_CACHE_MAX) texts.clear();
      texts.set(text, t);
    }
    const res: string[] = new Array(t.ids.length);
    for (let i = 0; i < t.ids.length; i++) {
      const gid = this.subset.includeGlyph(t.ids[i]);
      res[i] = hexGids[gid] ??= `0000${gid.toString(16)}`.slice(-4);
      if (this.widths[gid] == null) this.widths[gid] = t.widths[i];
      if (this.unicode[gid] == null) this.unicode[gid] = t.codePoints[i];
    }
    return [res, t.positions];
  };
  font.widthOfString = function widthShared(this: EmbeddedFontLike, text: string, size: number, features?: unknown): number {
    if (features) return this.layout(text, features, true).advanceWidth * (size / 1000);
    const widths = sharedWidths[name];
    let w = widths.get(text);
    if (w === undefined) {
      w = this.layout(text, undefined, true).advanceWidth;
      if (widths.size >= LAYOUT_CACHE_MAX) widths.clear();
      widths.set(text, w);
    }
    return w * (size / 1000);
  };
}

/** Starts the shared caches again now and then once they hold many words (names differ per certificate). */
function boundLayoutCaches(): void {
  if (++sharedLayouts.renders % 256 !== 0) return;
  for (const name of ["R", "B"] as const) {
    if (Object.keys(sharedLayouts[name]).length > LAYOUT_CACHE_MAX) sharedLayouts[name] = Object.create(null);
  }
}

function parsedFont(bytes: Buffer): FontSource {
  try {
    const probe = new PDFDocument({ font: bytes as unknown as string, autoFirstPage: false });
    const parsed = (probe as unknown as { _font?: { font?: FontSource } })._font?.font;
    if (parsed && typeof (parsed as { layout?: unknown }).layout === "function") return parsed;
  } catch {
    // fall through
  }
  return bytes;
}

function fonts(): { regular: FontSource; bold: FontSource } {
  if (!fontCache) {
    fontCache = {
      // The fonts come from node_modules at run time: nothing for the bundler to trace.
      regular: parsedFont(fs.readFileSync(/*turbopackIgnore: true*/ fontPaths.regular)),
      bold: parsedFont(fs.readFileSync(/*turbopackIgnore: true*/ fontPaths.bold)),
    };
  }
  return fontCache;
}

// ---------------------------------------------------------------------------
// Layout
// ---------------------------------------------------------------------------

// The page and its helpers are shared with the other signed documents (lib/letters: the decision
// letter), so that every document the portal signs looks and is made alike.
export const PAGE_W = 595.28;
export const PAGE_H = 841.89;
export const X0 = 56;
export const X1 = PAGE_W - 56;
export const INK = "#1f2933";
export const NAVY = "#1d3557";
export const MUTED = "#5f6b7a";
export const RULE = "#c5ceda";
export const FILL = "#f2f5f9";

export type Doc = PDFKit.PDFDocument;

const dateFormats = new Map<string, Intl.DateTimeFormat>();
export function fmtDate(d: Date, timeZone: string): string {
  let f = dateFormats.get(timeZone);
  if (!f) {
    // en-CA formats as YYYY-MM-DD (making a formatter costs more than a certificate's other dates).
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dateFormats.set(timeZone, f);
  }
  return f.format(d);
}

export function setFont(doc: Doc, weight: "R" | "B", size: number, color = INK): Doc {
  return doc.font(weight).fontSize(size).fillColor(color);
}

/**
 * The wrapped height of a line of text, remembered per process: the labels, titles and notes are
 * the same on every document, and measuring means laying the text out. Every document is made by
 * renderOnePagePdf with the same fonts and options, so the height depends on these four only.
 */
const HEIGHT_MEMO_MAX = 5_000;
let heights = new Map<string, number>();
function lineHeight(doc: Doc, l: Line, width: number): number {
  const key = `${l.w ?? "R"}|${l.size}|${width}|${l.text}`;
  let h = heights.get(key);
  if (h === undefined) {
    h = Math.min(doc.heightOfString(l.text, { width, lineGap: 0 }), maxHeight(doc, l));
    if (heights.size >= HEIGHT_MEMO_MAX) heights = new Map();
    heights.set(key, h);
  }
  return h;
}

/** Height of a cell made of lines [text, weight, size] wrapped to width. */
export function linesHeight(doc: Doc, lines: Line[], width: number, gap = 1.5): number {
  let h = 0;
  for (const l of lines) {
    // Measuring needs the font and size only (a colour would write an operator to the page).
    doc.font(l.w ?? "R").fontSize(l.size);
    h += lineHeight(doc, l, width) + gap;
  }
  return h - gap;
}

export function drawLines(doc: Doc, lines: Line[], x: number, y: number, width: number, gap = 1.5, align: "left" | "center" | "right" = "left"): number {
  let cy = y;
  for (const l of lines) {
    setFont(doc, l.w ?? "R", l.size, l.color ?? INK);
    const h = lineHeight(doc, l, width);
    doc.text(l.text, x, cy, { width, lineGap: 0, align, height: h + 0.5, ellipsis: true });
    cy += h + gap;
  }
  return cy - gap;
}

/** At most MAX_LINES lines per text (absurdly long values are cut with an ellipsis). */
const MAX_LINES = 3;
function maxHeight(doc: Doc, l: Line): number {
  return doc.currentLineHeight(true) * MAX_LINES + 0.1 * l.size;
}

export interface Line {
  text: string;
  size: number;
  w?: "R" | "B";
  color?: string;
}

export function label(zh: string, en: string): Line[] {
  return [
    { text: zh, size: 9, color: NAVY },
    { text: en, size: 7, color: MUTED },
  ];
}

export function drawQr(doc: Doc, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + 2 * quiet);
  doc.save().rect(x, y, size, size).fill("#ffffff");
  doc.fillColor("#000000");
  // One rectangle per horizontal run of dark modules (no hairline seams between cells).
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!qr.modules.get(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && qr.modules.get(r, c)) c++;
      doc.rect(x + (quiet + start) * cell, y + (quiet + r) * cell, (c - start) * cell, cell);
    }
  }
  doc.fill("#000000").restore();
}

function drawPage(doc: Doc, d: CertificatePdfData): void {
  const tz = d.timeZone ?? "Asia/Shanghai";

  // Frame
  doc.save().lineWidth(1.2).strokeColor(NAVY).rect(24, 24, PAGE_W - 48, PAGE_H - 48).stroke();
  doc.lineWidth(0.4).strokeColor(RULE).rect(30, 30, PAGE_W - 60, PAGE_H - 60).stroke().restore();

  // Title
  let y = 62;
  setFont(doc, "B", 21, NAVY).text("人工智能终端智能化分级证书", X0, y, { width: X1 - X0, align: "center" });
  y += 32;
  setFont(doc, "R", 12, NAVY).text("AI Terminal Intelligence Grading Certificate", X0, y, { width: X1 - X0, align: "center" });
  y += 22;
  setFont(doc, "R", 9.5, MUTED).text(`证书编号 Certificate No.  ${d.number}`, X0, y, { width: X1 - X0, align: "center" });
  y += 22;
  doc.save().moveTo(X0, y).lineTo(X1, y).lineWidth(0.8).strokeColor(NAVY).stroke().restore();
  y += 14;

  // Level box (right)
  const boxW = 138;
  const boxX = X1 - boxW;
  const tableX = X0;
  const tableW = boxX - 14 - X0;
  const labelW = 104;
  const valueW = tableW - labelW - 12;

  const rows: { label: Line[]; value: Line[] }[] = [
    { label: label("申请企业", "Vendor"), value: [{ text: d.vendor, size: 10 }] },
    { label: label("产品名称", "Product"), value: [{ text: d.product.name, size: 10 }] },
    { label: label("产品型号", "Model"), value: [{ text: d.product.model, size: 10 }] },
    { label: label("软件版本", "Software version"), value: [{ text: d.product.softwareVersion, size: 10 }] },
    ...(d.versionsCovered?.length ? [{ label: label("覆盖版本", "Versions covered"), value: versionLines(d.versionsCovered) }] : []),
    ...(d.buildFingerprint ? [{ label: label("构建指纹", "Build fingerprint"), value: [{ text: d.buildFingerprint, size: 8 }] }] : []),
    {
      label: label("产品类别", "Category"),
      value: [
        { text: d.category.zh, size: 10 },
        { text: d.category.en, size: 8, color: MUTED },
      ],
    },
    {
      label: label("分级方案", "Grading scheme"),
      value: [
        { text: d.scheme.title.zh, size: 10 },
        { text: d.scheme.title.en, size: 8, color: MUTED },
        { text: `${d.scheme.id} · v${d.scheme.version}`, size: 8, color: MUTED },
      ],
    },
    { label: label("试点", "Pilot"), value: [{ text: d.pilot, size: 10 }] },
    { label: label("发证日期", "Date of issue"), value: [{ text: fmtDate(d.issuedAt, tz), size: 10 }] },
    { label: label("有效期至", "Valid until"), value: [{ text: fmtDate(d.validUntil, tz), size: 10 }] },
  ];

  const tableTop = y;
  // Bottom band (fixed) and the room the element profile needs: tighten the field table
  // padding when the profile is long.
  const bandTop = PAGE_H - 184;
  const profileLimit = bandTop - 16;
  const contentHeights = rows.map((row) => Math.max(linesHeight(doc, row.label, labelW), linesHeight(doc, row.value, valueW)));
  const rowHeights = (pad: number) => contentHeights.map((h) => h + 2 * pad);
  const profileNeed = profileComfortHeight(d.profile.length);
  let padY = 5;
  for (const pad of [5, 4, 3, 2]) {
    padY = pad;
    const fieldsH = rowHeights(pad).reduce((a, b) => a + b, 0);
    if (tableTop + fieldsH + modelsHeight(d.models?.length ?? 0) + PROFILE_TITLE_H + profileNeed <= profileLimit) break;
  }
  const heights = rowHeights(padY);
  for (const [i, row] of rows.entries()) {
    const h = heights[i];
    if (i % 2 === 0) doc.save().rect(tableX, y, tableW, h).fill(FILL).restore();
    drawLines(doc, row.label, tableX + 6, y + padY, labelW);
    drawLines(doc, row.value, tableX + 6 + labelW + 6, y + padY, valueW);
    y += h;
  }
  doc.save().lineWidth(0.5).strokeColor(RULE);
  doc.moveTo(tableX, tableTop).lineTo(tableX + tableW, tableTop).stroke();
  doc.moveTo(tableX, y).lineTo(tableX + tableW, y).stroke().restore();
  const tableBottom = y;

  // Level box contents, vertically centred beside the table
  const boxH = Math.min(tableBottom - tableTop, 230);
  const boxY = tableTop + (tableBottom - tableTop - boxH) / 2;
  doc.save().lineWidth(1).strokeColor(NAVY).rect(boxX, boxY, boxW, boxH).stroke().restore();
  doc.save().rect(boxX, boxY, boxW, 34).fill(NAVY).restore();
  setFont(doc, "B", 10, "#ffffff").text("智能化等级", boxX, boxY + 5, { width: boxW, align: "center" });
  setFont(doc, "R", 7.5, "#ffffff").text("Intelligence level", boxX, boxY + 19, { width: boxW, align: "center" });
  const levelLines: Line[] = [
    { text: d.level, size: 54, w: "B", color: NAVY },
    { text: d.levelName.zh, size: 15, w: "B", color: NAVY },
    { text: d.levelName.en, size: 9, color: MUTED },
  ];
  const innerH = boxH - 34;
  const lh = linesHeight(doc, levelLines, boxW - 16, 2);
  drawLines(doc, levelLines, boxX + 8, boxY + 34 + Math.max(4, (innerH - lh) / 2), boxW - 16, 2, "center");

  // Bottom band: QR + URL on the left, issuer and notes on the right
  const qrSize = 96;
  const qrX = X0;
  drawQr(doc, d.verifyUrl, qrX, bandTop, qrSize);
  const urlW = 190;
  setFont(doc, "R", 6.5, INK).text(d.verifyUrl, qrX, bandTop + qrSize + 4, { width: urlW, lineGap: 0 });
  setFont(doc, "R", 7, MUTED).text("扫码核验证书实时状态 Scan to verify the live status", qrX, bandTop + qrSize + 4 + doc.heightOfString(d.verifyUrl, { width: urlW }) + 14, {
    width: urlW,
  });
  const rightX = X0 + 210;
  const rightW = X1 - rightX;
  let ry = bandTop;
  ry = drawLines(
    doc,
    [
      { text: "发证机构 Issuer", size: 8, color: MUTED },
      { text: d.issuer.zh, size: 11, w: "B", color: NAVY },
      { text: d.issuer.en, size: 9, color: NAVY },
    ],
    rightX,
    ry,
    rightW,
    2,
  );
  ry += 10;
  drawLines(
    doc,
    [
      {
        text: `试点说明：本证书在试点“${d.pilot}”中签发，所列等级与要素值为试点值，仅在试点范围内有效。`,
        size: 7.5,
      },
      {
        text: "Pilot values: this certificate was issued in a pilot; the level and element values are pilot values, valid only within the pilot.",
        size: 7,
        color: MUTED,
      },
      {
        text: "本证书带有发证机构的数字签名；证书状态（有效、暂停、撤销、过期）以核验页面为准。",
        size: 7.5,
      },
      {
        text: "This document carries the issuer's digital signature; its status (valid, suspended, revoked, expired) is the one shown on the verification page.",
        size: 7,
        color: MUTED,
      },
    ],
    rightX,
    ry,
    rightW,
    3,
  );

  // The disclosed models, a compact table under the fields: as many rows as leave the element
  // profile its smallest readable rows above the bottom band (the rest are counted).
  const models = d.models ?? [];
  const profileMin = PROFILE_HEADER_H + Math.ceil(d.profile.length / profileColumns(d.profile.length)) * 7;
  let modelRows = MODEL_ROWS_MAX;
  while (modelRows > 0 && tableBottom + modelsHeight(models.length, modelRows) + PROFILE_TITLE_H + profileMin > profileLimit) modelRows--;
  y = drawModels(doc, models, X0, tableBottom, X1 - X0, modelRows);

  // Element profile, in the space between the table and the bottom band
  y = y + 14;
  setFont(doc, "B", 11, NAVY).text("要素画像", X0, y, { lineBreak: false });
  setFont(doc, "R", 9, MUTED).text("Element profile", X0 + 52, y + 2.5, { lineBreak: false });
  y += PROFILE_TITLE_H - 14;
  drawProfile(doc, d.profile, X0, y, X1 - X0, profileLimit - y);
}

/** At most this many model rows on the page; more are counted ("另有 3 个模型 and 3 more models"). */
export const MODEL_ROWS_MAX = 5;
const MODELS_TITLE_H = 26;
const MODELS_HEADER_H = 13;
const MODEL_ROW_H = 12;

const DEPLOYMENT_TITLES: Record<PdfModel["deployment"], string> = {
  on_device: "端侧 On-device",
  cloud: "云端 Cloud",
  companion: "配套设备 Companion",
};

/** The height the models block takes under the field table (its title, header and at most `maxRows` rows). */
function modelsHeight(n: number, maxRows = MODEL_ROWS_MAX): number {
  if (n === 0 || maxRows === 0) return MODELS_TITLE_H;
  const rows = Math.min(n, maxRows);
  return MODELS_TITLE_H + MODELS_HEADER_H + rows * MODEL_ROW_H;
}

/**
 * The disclosed models under the field table: deployment, name (with its parameters), version,
 * provider and filing number, each cut to its column with an ellipsis; at most MODEL_ROWS_MAX rows
 * (the rest counted). Returns the y below it.
 */
function drawModels(doc: Doc, models: PdfModel[], x: number, top: number, width: number, maxRows = MODEL_ROWS_MAX): number {
  let y = top + 12;
  setFont(doc, "B", 9.5, NAVY).text("模型披露", x, y, { lineBreak: false });
  setFont(doc, "R", 8, MUTED).text("Disclosed models", x + 46, y + 1.5, { lineBreak: false });
  if (models.length === 0 || maxRows === 0) {
    const note = models.length === 0 ? "未披露 Not disclosed" : `${models.length} 个模型，见核验页面 ${models.length} models on the verification page`;
    setFont(doc, "R", 8, MUTED).text(note, x + 130, y + 1.5, { lineBreak: false });
    return top + MODELS_TITLE_H;
  }
  y = top + MODELS_TITLE_H;
  const shown = models.length > maxRows ? models.slice(0, maxRows - 1) : models;
  const hidden = models.length - shown.length;
  const widths = [66, 120, 74, 88];
  const cols = [...widths, width - widths.reduce((a, b) => a + b, 0)];
  const heads = ["部署 Deployment", "模型 Model", "版本 Version", "提供方 Provider", "备案号 Filing No."];
  doc.save().rect(x, y, width, MODELS_HEADER_H).fill(NAVY).restore();
  setFont(doc, "R", 7, "#ffffff");
  let cx = x;
  for (const [i, h] of heads.entries()) {
    doc.text(fit(doc, h, cols[i] - 8), cx + 4, y + 3, { lineBreak: false });
    cx += cols[i];
  }
  y += MODELS_HEADER_H;
  for (const [i, m] of shown.entries()) {
    if (i % 2 === 1) doc.save().rect(x, y, width, MODEL_ROW_H).fill(FILL).restore();
    const cells = [
      DEPLOYMENT_TITLES[m.deployment] ?? m.deployment,
      m.parameters ? `${m.name} · ${m.parameters}` : m.name,
      m.version,
      m.provider ?? "—",
      m.filingNumber ?? "—",
    ];
    setFont(doc, "R", 7.5, INK);
    cx = x;
    for (const [c, text] of cells.entries()) {
      doc.text(fit(doc, text, cols[c] - 8), cx + 4, y + 2.2, { lineBreak: false });
      cx += cols[c];
    }
    y += MODEL_ROW_H;
  }
  if (hidden > 0) {
    setFont(doc, "R", 7, MUTED).text(`另有 ${hidden} 个模型，见核验页面 and ${hidden} more models on the verification page`, x + 4, y + 2.5, { lineBreak: false });
    y += MODEL_ROW_H;
  }
  doc.save().lineWidth(0.5).strokeColor(RULE).moveTo(x, y).lineTo(x + width, y).stroke().restore();
  return y;
}

/** At most this many amendment lines on the page; the rest are counted ("另有 3 项 and 3 more"). */
export const VERSION_LINES_MAX = 6;

function versionLines(versions: NonNullable<CertificatePdfData["versionsCovered"]>): Line[] {
  const shown = versions.length > VERSION_LINES_MAX ? versions.slice(-(VERSION_LINES_MAX - 1)) : versions;
  const lines: Line[] = shown.map((v) => ({ text: `${v.kind.zh} ${v.kind.en}: ${v.from} → ${v.to}`, size: 8.5 }));
  const hidden = versions.length - shown.length;
  // The newest amendments are shown; the oldest are counted.
  if (hidden > 0) lines.unshift({ text: `另有 ${hidden} 项更早的变更 and ${hidden} earlier changes`, size: 8, color: MUTED });
  return lines;
}

const PROFILE_TITLE_H = 34;
const PROFILE_HEADER_H = 16;

function profileColumns(n: number): number {
  return n > 30 ? 3 : n > 10 ? 2 : 1;
}

/** Height the profile table needs at a comfortable row height. */
function profileComfortHeight(n: number): number {
  const perCol = Math.ceil(n / profileColumns(n));
  return PROFILE_HEADER_H + perCol * (n > 10 ? 13 : 24);
}

/** `text`, shortened with an ellipsis to fit `width` in the current font. */
export function fit(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (doc.widthOfString(chars.slice(0, mid).join("") + "…") <= width) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join("").trimEnd() + "…";
}

function drawProfile(doc: Doc, profile: CertificatePdfData["profile"], x: number, y: number, width: number, avail: number): void {
  const n = profile.length;
  if (n === 0) {
    setFont(doc, "R", 9, MUTED).text("—", x, y, { lineBreak: false });
    return;
  }
  const cols = profileColumns(n);
  const perCol = Math.ceil(n / cols);
  const gapX = 12;
  const colW = (width - gapX * (cols - 1)) / cols;
  const headerH = PROFILE_HEADER_H;
  // Shrinks with the available room; never spills over the bottom band.
  const rowH = Math.max(6, Math.min(26, (avail - headerH) / perCol));
  const twoLine = rowH >= 24;
  const zhSize = twoLine ? 9 : Math.min(9, rowH * 0.62);
  const enSize = twoLine ? 7 : Math.min(7, rowH * 0.5);
  const levelW = cols === 1 ? 60 : 44;
  const keyW = cols === 1 ? 110 : cols === 2 ? 70 : 44;
  const titleW = colW - keyW - levelW - 18;

  for (let c = 0; c < cols; c++) {
    const cx = x + c * (colW + gapX);
    let cy = y;
    doc.save().rect(cx, cy, colW, headerH).fill(NAVY).restore();
    setFont(doc, "R", 7.5, "#ffffff");
    doc.text("要素 Element", cx + 6, cy + 3.5, { lineBreak: false });
    doc.text("代码 Key", cx + 6 + titleW + 6, cy + 3.5, { lineBreak: false });
    doc.text("等级 Level", cx + colW - levelW - 4, cy + 3.5, { width: levelW, align: "center", lineBreak: false });
    cy += headerH;
    const items = profile.slice(c * perCol, (c + 1) * perCol);
    for (const [i, el] of items.entries()) {
      if (i % 2 === 1) doc.save().rect(cx, cy, colW, rowH).fill(FILL).restore();
      if (twoLine) {
        setFont(doc, "R", zhSize);
        doc.text(fit(doc, el.title.zh, titleW), cx + 6, cy + 1, { lineBreak: false });
        setFont(doc, "R", enSize, MUTED);
        doc.text(fit(doc, el.title.en, titleW), cx + 6, cy + 1 + zhSize * 1.3, { lineBreak: false });
      } else {
        const ty = cy + (rowH - zhSize * 1.45) / 2;
        setFont(doc, "R", zhSize);
        const zh = fit(doc, el.title.zh, titleW);
        const zhW = doc.widthOfString(zh);
        doc.text(zh, cx + 6, ty, { lineBreak: false });
        setFont(doc, "R", enSize, MUTED);
        const room = titleW - zhW - 4;
        if (room > 20) doc.text(fit(doc, el.title.en, room), cx + 6 + zhW + 4, ty + (zhSize - enSize) * 1.0, { lineBreak: false });
      }
      const ky = cy + (rowH - Math.min(8, zhSize) * 1.45) / 2;
      setFont(doc, "R", Math.min(8, zhSize), MUTED);
      doc.text(fit(doc, el.key, keyW), cx + 6 + titleW + 6, ky, { lineBreak: false });
      const ls = Math.min(10, zhSize + 1);
      setFont(doc, "B", ls, el.level ? NAVY : MUTED);
      doc.text(el.level ?? "—", cx + colW - levelW - 4, cy + (rowH - ls * 1.45) / 2, { width: levelW, align: "center", lineBreak: false });
      cy += rowH;
    }
    doc.save().lineWidth(0.5).strokeColor(RULE).moveTo(cx, cy).lineTo(cx + colW, cy).stroke().restore();
  }
}

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

export interface RenderOptions {
  /** Add the signature field + placeholder (default true). Without it the PDF cannot be signed. */
  signaturePlaceholder?: boolean;
}

/** A one-page A4 document the portal signs: its metadata, its drawing and its signature field. */
export interface OnePageDocument {
  /** Names the document in the error when the drawing spills onto a second page. */
  what: string;
  info: { Title: string; Subject: string; Author: string; CreationDate: Date; Keywords: string };
  draw: (doc: Doc) => void;
  /** The signature field's reason, signer name and contact; null: no placeholder (cannot be signed). */
  signature: { reason: string; name: string; contactInfo: string } | null;
  /** A document of several pages (an unsigned report, lib/pilots/report-pdf.ts): no one-page check. */
  multiPage?: boolean;
}

/**
 * Renders one A4 page with the portal's fonts (regular "R", bold "B") and, unless `signature` is
 * null, an unfilled signature placeholder ready for signPdf. Refuses a drawing that needs a second page.
 */
export function renderOnePagePdf(d: OnePageDocument): Promise<Buffer> {
  const f = fonts();
  return new Promise<Buffer>((resolve, reject) => {
    try {
      const doc = new PDFDocument({
        size: "A4",
        margin: 0,
        pdfVersion: "1.7",
        autoFirstPage: true,
        // No default font: pdfkit never loads its Helvetica AFM files (which break when bundled);
        // "R" is chosen below, before anything is drawn.
        font: null as unknown as string,
        lang: "zh-CN",
        displayTitle: true,
        info: { ...d.info, Creator: "Zhiji", Producer: "Zhiji (PDFKit)" },
      });
      doc.registerFont("R", f.regular as unknown as string);
      doc.registerFont("B", f.bold as unknown as string);
      // Each font is opened once, under its name (had the regular font been the constructor's
      // default font, every later doc.font("R") would open it again and compare its name tables
      // with the default's), and given the process's shaped words.
      boundLayoutCaches();
      cheaperWrites(doc);
      doc.font("R");
      shareLayoutCache(doc, "R");
      shareSubsetGlyphs(doc, "R");
      shareEncodedSubsets(doc, "R");
      shareEncodedTexts(doc, "R");
      includeLeadingGlyphs(doc);
      doc.font("B");
      shareLayoutCache(doc, "B");
      shareSubsetGlyphs(doc, "B");
      shareEncodedSubsets(doc, "B");
      shareEncodedTexts(doc, "B");
      doc.font("R");
      let pages = 1;
      doc.on("pageAdded", () => {
        pages++;
      });
      const chunks: Buffer[] = [];
      doc.on("data", (c: Buffer) => chunks.push(c));
      doc.on("error", reject);
      doc.on("end", () => {
        if (pages !== 1 && !d.multiPage) reject(new Error(`${d.what} does not fit on one page`));
        else resolve(Buffer.concat(chunks));
      });
      d.draw(doc);
      if (d.signature) addSignaturePlaceholder(doc, d.signature);
      doc.end();
    } catch (e) {
      reject(e);
    }
  });
}

/** Renders the certificate; by default with an (unfilled) signature placeholder, ready for signPdf. */
export function renderCertificatePdf(data: CertificatePdfData, opts: RenderOptions = {}): Promise<Buffer> {
  return renderOnePagePdf({
    what: `certificate ${data.number}`,
    info: {
      Title: `人工智能终端智能化分级证书 ${data.number}`,
      Subject: "AI Terminal Intelligence Grading Certificate",
      Author: data.issuer.en,
      CreationDate: data.issuedAt,
      Keywords: `${data.number} ${data.publicId}`,
    },
    draw: (doc) => drawPage(doc, data),
    signature: opts.signaturePlaceholder === false ? null : { reason: `Certificate ${data.number}`, name: data.issuer.en, contactInfo: data.verifyUrl },
  });
}

/** Renders and signs a certificate: the one call issuance needs. */
export async function issueCertificatePdf(data: CertificatePdfData, key: SigningKey): Promise<Buffer> {
  return signPdf(await renderCertificatePdf(data), key);
}
