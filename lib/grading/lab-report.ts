// A lab's results (JSON or CSV `item,value,unit[,uncertainty[,n]]`) checked against the case's
// scheme, with one precise error per problem, then graded (docs/domain.md#schemes).
import { parse as parseCsv } from "csv-parse/sync";
import { determine, effectiveValue, failedThreshold, meets, type Determination, type Measurement } from "./engine";
import { compareLevels, type Level } from "./levels";
import {
  decisionRuleOf,
  describeRange,
  gradedLevels,
  itemBounds,
  schemeItems,
  UNITS,
  withinBounds,
  type Scheme,
  type SchemeItem,
  type Unit,
} from "./scheme";

/** One result; `uncertainty` (the expanded uncertainty U, in the item's unit) and `n` (trials) are optional. */
export type LabReportRow = {
  item: string;
  value: number | string;
  unit: string;
  uncertainty?: number | string | null;
  n?: number | string | null;
};
export type LabReportInput = { results: LabReportRow[] } | string;

export type LabReportErrorCode =
  | "TOO_MANY_ROWS"
  | "UNKNOWN_ITEM"
  | "MISSING_ITEM"
  | "WRONG_UNIT"
  | "NOT_A_NUMBER"
  | "IMPOSSIBLE_VALUE"
  | "DUPLICATE_ITEM"
  | "BAD_FORMAT"
  /** The uncertainty is below 0. */
  | "NEGATIVE_UNCERTAINTY"
  /** The item is `uncertaintyRequired` and the row gives none. */
  | "UNCERTAINTY_REQUIRED"
  /** The item has `minSamples` and the row's n is absent or below it. */
  | "TOO_FEW_SAMPLES";

export type LabReportError = {
  /**
   * Where the problem is: for CSV the line of the file (the header is row 1, as in a
   * spreadsheet); for JSON the 1-based position in `results`. Absent for missing items
   * and whole-report problems.
   */
  row?: number;
  item?: string;
  field: string;
  code: LabReportErrorCode;
  /**
   * The variant of the code, when one code covers several problems (BAD_FORMAT: HEADER,
   * FIELD_COUNT, …; NOT_A_NUMBER: UNCERTAINTY, N; …). People read `code` + `detail` rendered from
   * messages/<locale>/labReport.json with `params` (docs/domain.md#lab-reports-row-errors).
   */
  detail?: LabReportErrorDetail;
  /** What the message names (the row and its source, the item, the expected unit, the bounds, …), structured. */
  params: Record<string, string | number>;
  /** Optional advice (a decimal comma, a percent sign, a string in JSON, a near item key). */
  hint?: "COMMA" | "PERCENT" | "JSON_STRING" | "DID_YOU_MEAN";
  /** The API's English sentence; the UI renders `code`, `detail` and `params` instead. */
  message: string;
};

export type LabReportErrorDetail =
  | "CSV_UNREADABLE"
  | "CSV_EMPTY"
  | "HEADER"
  | "FIELD_COUNT"
  | "JSON_SHAPE"
  | "ENTRY_NOT_OBJECT"
  | "UNEXPECTED_FIELD"
  | "ITEM_EMPTY"
  | "MORE_THAN"
  | "MISSING"
  | "UNCERTAINTY"
  | "N"
  | "BETWEEN"
  | "AT_LEAST"
  | "AT_MOST";

export type LabReportResult =
  | {
      ok: true;
      /** The values, by item key. */
      results: Record<string, number>;
      /** The values with their uncertainty and n (null when not reported), by item key. */
      measurements: Record<string, StoredMeasurement>;
      determination: Determination;
    }
  | {
      ok: false;
      /** The first MAX_REPORTED_ERRORS errors, in order. */
      errors: LabReportError[];
      /** How many errors there are in all (more than `errors.length` when some were left out). */
      errorCount: number;
    };

export type StoredMeasurement = { value: number; uncertainty: number | null; n: number | null };

/** A refused report lists at most this many errors, then only counts the rest. */
export const MAX_REPORTED_ERRORS = 50;

/** A report may have at most this many rows: a few times the scheme's items, so a typo-ridden file still gets its errors, and a huge one is refused at once. */
export function maxReportRows(scheme: Scheme): number {
  const items = schemeItems(scheme).length;
  return Math.max(3 * items, items + 20);
}

// Values quoted back in messages are cut to this many characters: an error never repeats a huge cell.
const SHOWN_CHARS = 80;
const clip = (s: string) => (s.length > SHOWN_CHARS ? `${s.slice(0, SHOWN_CHARS)}…` : s);
// Only short keys are compared with the scheme's for a "did you mean" hint (edit distance is quadratic).
const HINT_MAX_CHARS = 64;

type RawRow = { row: number; item: unknown; value: unknown; unit: unknown; uncertainty?: unknown; n?: unknown };
type Rows = { rows: RawRow[]; errors: LabReportError[]; source: "csv" | "json"; unreadable?: boolean };

const COLUMNS = ["item", "value", "unit"] as const;
// Format v2: optional columns after the required ones (an empty cell means "not reported").
const OPTIONAL_COLUMNS = ["uncertainty", "n"] as const;
const ALL_COLUMNS: readonly string[] = [...COLUMNS, ...OPTIONAL_COLUMNS];
// A plain decimal, as a lab writes it: no hex, no "Infinity", no thousands separators.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function tooManyRows(found: number | null, max: number, source: "csv" | "json"): Rows {
  return {
    rows: [],
    source,
    unreadable: true,
    errors: [
      {
        field: source === "csv" ? "csv" : "results",
        code: "TOO_MANY_ROWS",
        ...(found === null ? { detail: "MORE_THAN" as const, params: { max } } : { params: { found, max } }),
        message: `the report has ${found === null ? `more than ${max}` : found} rows; a report for this scheme has at most ${max} (one per item)`,
      },
    ],
  };
}

function readCsv(text: string, maxRows: number): Rows {
  const errors: LabReportError[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      // The header, the allowed rows, and one more to tell that there are too many: parsing stops there.
      to: maxRows + 2,
    }) as unknown as typeof records;
  } catch (error) {
    return {
      rows: [],
      source: "csv",
      unreadable: true,
      errors: [{ field: "csv", code: "BAD_FORMAT", detail: "CSV_UNREADABLE", params: {}, message: `the CSV cannot be read: ${clip((error as Error).message)}` }],
    };
  }
  if (records.length > maxRows + 1) return tooManyRows(null, maxRows, "csv");
  if (records.length === 0) {
    return {
      rows: [],
      source: "csv",
      unreadable: true,
      errors: [{ field: "csv", code: "BAD_FORMAT", detail: "CSV_EMPTY", params: {}, message: 'the CSV is empty; expected a header "item,value,unit" (optionally ",uncertainty,n") and one row per item' }],
    };
  }
  const [header, ...body] = records;
  const names = header.record.map((name) => name.toLowerCase());
  const index = Object.fromEntries(COLUMNS.map((column) => [column, names.indexOf(column)])) as Record<
    (typeof COLUMNS)[number],
    number
  >;
  const optional = Object.fromEntries(OPTIONAL_COLUMNS.map((column) => [column, names.indexOf(column)])) as Record<
    (typeof OPTIONAL_COLUMNS)[number],
    number
  >;
  const absent = COLUMNS.filter((column) => index[column] < 0);
  const unexpected = header.record.filter((name) => !ALL_COLUMNS.includes(name.toLowerCase()));
  const repeated = ALL_COLUMNS.filter((column) => names.filter((name) => name === column).length > 1);
  if (absent.length || unexpected.length || repeated.length) {
    const parts = [
      absent.length ? `missing ${absent.map((c) => `"${c}"`).join(", ")}` : "",
      unexpected.length ? `unexpected ${unexpected.map((c) => `"${c}"`).join(", ")}` : "",
      repeated.length ? `repeated ${repeated.map((c) => `"${c}"`).join(", ")}` : "",
    ].filter(Boolean);
    return {
      rows: [],
      source: "csv",
      unreadable: true,
      errors: [
        {
          row: header.info.lines,
          field: "header",
          code: "BAD_FORMAT",
          detail: "HEADER",
          params: { row: header.info.lines, source: "csv", found: clip(header.record.join(",")) },
          message: `row ${header.info.lines}: the header must be "item,value,unit", optionally followed by "uncertainty" and "n" (${clip(parts.join("; "))}), found "${clip(header.record.join(","))}"`,
        },
      ],
    };
  }
  const rows: RawRow[] = [];
  for (const { record, info } of body) {
    if (record.length !== header.record.length) {
      errors.push({
        row: info.lines,
        item: record[index.item] ? clip(record[index.item]) : undefined,
        field: "row",
        code: "BAD_FORMAT",
        detail: "FIELD_COUNT",
        params: { row: info.lines, source: "csv", expected: header.record.length, names: clip(names.join(",")), found: record.length },
        message: `row ${info.lines}: expected ${header.record.length} fields (${clip(names.join(","))}), found ${record.length}`,
      });
      continue;
    }
    const cell = (at: number) => (at < 0 || record[at] === "" ? undefined : record[at]);
    rows.push({
      row: info.lines,
      item: record[index.item],
      value: record[index.value],
      unit: record[index.unit],
      uncertainty: cell(optional.uncertainty),
      n: cell(optional.n),
    });
  }
  return { rows, errors, source: "csv" };
}

function readJson(input: unknown, maxRows: number): Rows {
  const results = (input as { results?: unknown } | null)?.results;
  if (typeof input !== "object" || input === null || !Array.isArray(results)) {
    return {
      rows: [],
      source: "json",
      unreadable: true,
      errors: [{ field: "results", code: "BAD_FORMAT", detail: "JSON_SHAPE", params: {}, message: 'expected { "results": [ { "item", "value", "unit", "uncertainty"?, "n"? }, … ] }' }],
    };
  }
  if (results.length > maxRows) return tooManyRows(results.length, maxRows, "json");
  const rows: RawRow[] = [];
  const errors: LabReportError[] = [];
  results.forEach((entry: unknown, i) => {
    const row = i + 1;
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      errors.push({ row, field: "results", code: "BAD_FORMAT", detail: "ENTRY_NOT_OBJECT", params: { row, source: "json" }, message: `entry ${row}: expected an object { "item", "value", "unit" }` });
      return;
    }
    const e = entry as Record<string, unknown>;
    const extra = Object.keys(e).filter((key) => !ALL_COLUMNS.includes(key));
    if (extra.length) {
      errors.push({
        row,
        item: typeof e.item === "string" ? clip(e.item) : undefined,
        field: clip(extra[0]),
        code: "BAD_FORMAT",
        detail: "UNEXPECTED_FIELD",
        params: { row, source: "json", fields: clip(extra.map((k) => `"${k}"`).join(", ")) },
        message: `entry ${row}: unexpected field ${clip(extra.map((k) => `"${k}"`).join(", "))}; an entry has only "item", "value", "unit", "uncertainty" and "n"`,
      });
      return;
    }
    rows.push({ row, item: e.item, value: e.value, unit: e.unit, uncertainty: e.uncertainty ?? undefined, n: e.n ?? undefined });
  });
  return { rows, errors, source: "json" };
}

type Checked = { results: Record<string, number>; measurements: Record<string, StoredMeasurement>; errors: LabReportError[] };

/** Check each row against the scheme; collect the valid measurements and every error. */
const ENGLISH_HINT: Record<NonNullable<LabReportError["hint"]>, string> = {
  COMMA: "; use a decimal point, not a comma",
  PERCENT: '; write the number only, the unit goes in "unit"',
  JSON_STRING: "; in JSON the value must be a number, not a string",
  DID_YOU_MEAN: "",
};

/** Which bound an impossible value breaks, as the error's detail. */
function rangeOf(bounds: { min?: number; max?: number }): { detail?: LabReportErrorDetail } {
  if (bounds.min !== undefined && bounds.max !== undefined) return { detail: "BETWEEN" };
  if (bounds.min !== undefined) return { detail: "AT_LEAST" };
  if (bounds.max !== undefined) return { detail: "AT_MOST" };
  return {};
}

function checkRows(scheme: Scheme, { rows, errors: formatErrors, source }: Rows): Checked {
  const items = new Map(schemeItems(scheme).map(({ item }) => [item.key, item]));
  const errors = [...formatErrors];
  const results: Record<string, number> = {};
  const measurements: Record<string, StoredMeasurement> = {};
  const firstRow = new Map<string, number>();
  const at = (row: number) => (source === "csv" ? `row ${row}` : `entry ${row}`);

  for (const { row, item: rawItem, value: rawValue, unit: rawUnit, uncertainty: rawU, n: rawN } of rows) {
    if (typeof rawItem !== "string" || rawItem.trim() === "") {
      errors.push({ row, field: "item", code: "BAD_FORMAT", detail: "ITEM_EMPTY", params: { row, source }, message: `${at(row)}: the item key is empty` });
      continue;
    }
    const key = rawItem.trim();
    const item = items.get(key);
    if (!item) {
      const hint = key.length <= HINT_MAX_CHARS ? closestKey(key, [...items.keys()]) : undefined;
      errors.push({
        row,
        item: clip(key),
        field: "item",
        code: "UNKNOWN_ITEM",
        params: { row, source, item: clip(key), scheme: `${scheme.id} ${scheme.version}`, ...(hint ? { hint } : {}) },
        ...(hint ? { hint: "DID_YOU_MEAN" as const } : {}),
        message: `${at(row)}: "${clip(key)}" is not an item of scheme ${scheme.id} ${scheme.version}${hint ? ` (did you mean "${hint}"?)` : ""}`,
      });
      continue;
    }
    const first = firstRow.get(key);
    if (first !== undefined) {
      errors.push({
        row,
        item: key,
        field: "item",
        code: "DUPLICATE_ITEM",
        params: { row, source, item: key, first },
        message: `${at(row)}: ${key} is reported again (first at ${at(first)}); report each item once`,
      });
      continue;
    }
    firstRow.set(key, row);

    let ok = true;
    const unit = typeof rawUnit === "string" ? rawUnit.trim() : rawUnit;
    if (unit !== item.unit) {
      ok = false;
      const shown = typeof unit === "string" ? `"${clip(unit)}"` : unit === undefined ? "missing" : clip(JSON.stringify(unit));
      errors.push({
        row,
        item: key,
        field: "unit",
        code: "WRONG_UNIT",
        ...(unit === undefined ? { detail: "MISSING" as const } : {}),
        params: { row, source, item: key, unit: typeof unit === "string" ? clip(unit) : clip(JSON.stringify(unit) ?? String(unit)), expected: item.unit, known: UNITS.join(", ") },
        message: `${at(row)}: unit ${shown} for ${key}, expected "${item.unit}"${
          typeof unit === "string" && !(UNITS as readonly string[]).includes(unit) ? ` (known units: ${UNITS.join(", ")})` : ""
        }`,
      });
    }

    const value = toNumber(rawValue, source);
    if (value === undefined) {
      ok = false;
      const shown = rawValue === undefined ? "missing" : typeof rawValue === "string" ? `"${clip(rawValue)}"` : clip(JSON.stringify(rawValue) ?? String(rawValue));
      const advice: LabReportError["hint"] =
        typeof rawValue === "string" && /^\s*[+-]?\d+,\d+\s*$/.test(rawValue)
          ? "COMMA"
          : typeof rawValue === "string" && /\d\s*%\s*$/.test(rawValue)
            ? "PERCENT"
            : source === "json" && typeof rawValue === "string"
              ? "JSON_STRING"
              : undefined;
      const hint = advice ? ENGLISH_HINT[advice] : "";
      errors.push({
        row,
        item: key,
        field: "value",
        code: "NOT_A_NUMBER",
        ...(rawValue === undefined ? { detail: "MISSING" as const } : {}),
        ...(advice ? { hint: advice } : {}),
        params: { row, source, item: key, value: rawValue === undefined ? "" : typeof rawValue === "string" ? clip(rawValue) : clip(JSON.stringify(rawValue) ?? String(rawValue)) },
        message: `${at(row)}: value ${shown} for ${key} is not a number${hint}`,
      });
    } else {
      const bounds = itemBounds(item);
      if (!withinBounds(value, bounds)) {
        ok = false;
        errors.push({
          row,
          item: key,
          field: "value",
          code: "IMPOSSIBLE_VALUE",
          ...rangeOf(bounds),
          params: { row, source, item: key, value, unit: item.unit, ...(bounds.min !== undefined ? { min: bounds.min } : {}), ...(bounds.max !== undefined ? { max: bounds.max } : {}) },
          message: `${at(row)}: ${value} ${item.unit} for ${key} is impossible (${describeRange(bounds)})`,
        });
      }
    }

    // Format v2: the expanded uncertainty U (same unit, at least 0) and the number of trials.
    const shownRaw = (raw: unknown) => (typeof raw === "string" ? `"${clip(raw)}"` : clip(JSON.stringify(raw) ?? String(raw)));
    let uncertainty: number | null = null;
    if (rawU !== undefined) {
      const u = toNumber(rawU, source);
      if (u === undefined) {
        ok = false;
        errors.push({
          row,
          item: key,
          field: "uncertainty",
          code: "NOT_A_NUMBER",
          detail: "UNCERTAINTY",
          ...(source === "json" && typeof rawU === "string" ? { hint: "JSON_STRING" as const } : {}),
          params: { row, source, item: key, value: typeof rawU === "string" ? clip(rawU) : clip(JSON.stringify(rawU) ?? String(rawU)) },
          message: `${at(row)}: uncertainty ${shownRaw(rawU)} for ${key} is not a number${source === "json" && typeof rawU === "string" ? "; in JSON the uncertainty must be a number, not a string" : ""}`,
        });
      } else if (u < 0) {
        ok = false;
        errors.push({
          row,
          item: key,
          field: "uncertainty",
          code: "NEGATIVE_UNCERTAINTY",
          params: { row, source, item: key, value: u },
          message: `${at(row)}: uncertainty ${u} for ${key} is negative; the expanded uncertainty U is at least 0`,
        });
      } else uncertainty = u;
    } else if (item.uncertaintyRequired) {
      ok = false;
      errors.push({
        row,
        item: key,
        field: "uncertainty",
        code: "UNCERTAINTY_REQUIRED",
        params: { row, source, item: key, unit: item.unit },
        message: `${at(row)}: ${key} needs its expanded uncertainty U (${item.unit}); the scheme requires it for this item`,
      });
    }
    let n: number | null = null;
    if (rawN !== undefined) {
      const count = toNumber(rawN, source);
      if (count === undefined || !Number.isInteger(count) || count < 1) {
        ok = false;
        errors.push({
          row,
          item: key,
          field: "n",
          code: "NOT_A_NUMBER",
          detail: "N",
          params: { row, source, item: key, value: typeof rawN === "string" ? clip(rawN) : clip(JSON.stringify(rawN) ?? String(rawN)) },
          message: `${at(row)}: n ${shownRaw(rawN)} for ${key} is not a whole number of trials above 0`,
        });
      } else n = count;
    }
    if (item.minSamples !== undefined && (rawN === undefined || (n !== null && n < item.minSamples))) {
      ok = false;
      errors.push({
        row,
        item: key,
        field: "n",
        code: "TOO_FEW_SAMPLES",
        ...(n === null ? { detail: "MISSING" as const } : {}),
        params: { row, source, item: key, min: item.minSamples, ...(n === null ? {} : { n }) },
        message:
          n === null
            ? `${at(row)}: ${key} needs its number of trials n; the scheme requires at least ${item.minSamples}`
            : `${at(row)}: n ${n} for ${key} is below the scheme's minimum of ${item.minSamples} trials`,
      });
    }
    if (ok && value !== undefined) {
      results[key] = value;
      measurements[key] = { value, uncertainty, n };
    }
  }
  return { results, measurements, errors };
}

function toNumber(raw: unknown, source: "csv" | "json"): number | undefined {
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : undefined;
  if (source === "csv" && typeof raw === "string" && DECIMAL.test(raw.trim())) {
    const n = Number(raw.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function readInput(input: LabReportInput | unknown, maxRows: number): Rows {
  return typeof input === "string" ? readCsv(input, maxRows) : readJson(input, maxRows);
}

function missingItems(scheme: Scheme, present: (key: string) => boolean) {
  return schemeItems(scheme).filter(({ item }) => !present(item.key));
}

/** Parse and check a complete lab report, then determine its level. Never throws. */
export function parseLabReport(scheme: Scheme, input: LabReportInput | unknown): LabReportResult {
  const rows = readInput(input, maxReportRows(scheme));
  const { results, measurements, errors } = checkRows(scheme, rows);
  // When the report as a whole cannot be read (bad header, not CSV), listing every item as missing would only bury the cause.
  if (!rows.unreadable) {
    // An item reported with a bad value is not "missing": its own error already says what is wrong.
    const reported = new Set([
      ...rows.rows.map((row) => (typeof row.item === "string" ? row.item.trim() : "")),
      ...errors.map((error) => error.item ?? ""),
    ]);
    for (const { element, item } of missingItems(scheme, (key) => reported.has(key))) {
      errors.push({
        item: item.key,
        field: "item",
        code: "MISSING_ITEM",
        params: { item: item.key, element: element.key, scheme: `${scheme.id} ${scheme.version}` },
        message: `${item.key} (${item.title.en}, element ${element.key}) is missing; every item of scheme ${scheme.id} ${scheme.version} must be reported`,
      });
    }
  }
  if (errors.length) return { ok: false, errors: errors.slice(0, MAX_REPORTED_ERRORS), errorCount: errors.length };
  return { ok: true, results, measurements, determination: determine(scheme, measurements) };
}

export type ItemCheck = {
  element: string;
  item: string;
  title: { zh: string; en: string };
  unit: Unit;
  better: "higher" | "lower";
  measured: number | null;
  /** The reported expanded uncertainty U and number of trials; null when not reported. */
  uncertainty: number | null;
  n: number | null;
  /** Per level the item has a threshold at: whether the measurement meets it under the scheme's decision rule (null: not measured). */
  thresholds: { level: Level; needed: number; pass: boolean | null }[];
  /** The highest graded level whose cumulative requirement this item meets; null when it meets none or is not measured. */
  meets: Level | null;
};

export type LabReportPreview = {
  /** True when every item is measured and valid; only then is `level` a determination. */
  complete: boolean;
  /** Null while any item is missing or invalid: a preview never claims a level over a gap. */
  level: Level | null;
  /** Level per element, for elements whose items are all measured; null otherwise. */
  profile: Record<string, Level | null>;
  blockers: Determination["blockers"];
  rule: Determination["rule"];
  /** The engine's verdict per item once complete; empty before. */
  verdicts: Determination["verdicts"];
  results: Record<string, number>;
  measurements: Record<string, StoredMeasurement>;
  /** Items without a valid measurement yet (absent, or refused with an error below). */
  missing: string[];
  items: ItemCheck[];
  /** Row problems (unknown item, wrong unit, …); missing items are listed in `missing` instead. */
  errors: LabReportError[];
};

/**
 * Live preview while a lab is filling in its report: grades what is there, item by item,
 * and lists what is missing. Accepts the report formats, or a plain `{ item: value }` map
 * of numbers (or `{ value, uncertainty?, n? }`) in the items' own units.
 */
export function previewLabReport(
  scheme: Scheme,
  partial: LabReportInput | Readonly<Record<string, number | Measurement | null | undefined>>,
): LabReportPreview {
  let checked: Checked;
  if (typeof partial === "string" || Array.isArray((partial as { results?: unknown }).results)) {
    checked = checkRows(scheme, readInput(partial, maxReportRows(scheme)));
  } else {
    const units = new Map(schemeItems(scheme).map(({ item }) => [item.key, item.unit]));
    const rows: RawRow[] = Object.entries(partial as Record<string, unknown>)
      .filter(([, value]) => value !== null && value !== undefined && value !== "")
      .map(([item, entry], i) => {
        const m: { value: unknown; uncertainty?: unknown; n?: unknown } =
          typeof entry === "object" && entry !== null ? (entry as Measurement) : { value: entry };
        return { row: i + 1, item, value: m.value, unit: units.get(item), uncertainty: m.uncertainty ?? undefined, n: m.n ?? undefined };
      });
    checked = checkRows(scheme, { rows, errors: [], source: "json" });
  }
  const { results, measurements, errors } = checked;
  const rule = decisionRuleOf(scheme);
  const entries = schemeItems(scheme);
  const graded = gradedLevels(scheme);
  const missing = entries.filter(({ item }) => results[item.key] === undefined).map(({ item }) => item.key);

  const items: ItemCheck[] = entries.map(({ element, item }) => {
    const measured = results[item.key] ?? null;
    const m = measurements[item.key];
    const effective = measured === null ? null : effectiveValue(item, measured, rule === "guarded" ? m?.uncertainty : null);
    return {
      element: element.key,
      item: item.key,
      title: item.title,
      unit: item.unit,
      better: item.better,
      measured,
      uncertainty: m?.uncertainty ?? null,
      n: m?.n ?? null,
      thresholds: scheme.levels.flatMap((level) => {
        const needed = item.thresholds[level];
        if (needed === undefined) return [];
        return [{ level, needed, pass: effective === null ? null : meets(item, effective, needed) }];
      }),
      meets: effective === null ? null : highestMet(scheme, graded, item, effective),
    };
  });

  const complete = missing.length === 0;
  const profile: Record<string, Level | null> = {};
  if (complete) {
    const determination = determine(scheme, measurements);
    return { complete, ...determination, results, measurements, missing, items, errors };
  }
  // An element's level while others are incomplete: its own items, and each level's qualifying
  // items where measured (one not yet measured cannot be counted either way, so the level waits).
  const effective: Record<string, number> = Object.fromEntries(
    Object.entries(measurements).map(([key, m]) => {
      const item = entries.find((entry) => entry.item.key === key)!.item;
      return [key, effectiveValue(item, m.value, rule === "guarded" ? m.uncertainty : null)];
    }),
  );
  for (const element of scheme.elements) {
    const measuredAll = element.items.every((item) => results[item.key] !== undefined);
    profile[element.key] = measuredAll ? elementLevel(scheme, graded, element.items, effective) : null;
  }
  return { complete, level: null, profile, blockers: null, rule, verdicts: [], results, measurements, missing, items, errors };
}

function highestMet(scheme: Scheme, graded: Level[], item: SchemeItem, measured: number): Level | null {
  let level: Level | null = null;
  for (const candidate of graded) {
    if (failedThreshold(scheme, item, measured, candidate)) break;
    level = candidate;
  }
  return level;
}

function elementLevel(scheme: Scheme, graded: Level[], items: SchemeItem[], effective: Record<string, number>) {
  const byKey = new Map(schemeItems(scheme).map(({ item }) => [item.key, item]));
  let level: Level | null = null;
  for (const candidate of graded) {
    if (items.some((item) => failedThreshold(scheme, item, effective[item.key], candidate))) break;
    // A qualifying item of this level or below that is measured and fails it holds every element below it.
    const unqualified = graded
      .filter((at) => compareLevels(at, candidate) <= 0)
      .some((at) =>
        (scheme.qualifying?.[at] ?? []).some((key) => {
          const item = byKey.get(key);
          const threshold = item?.thresholds[at];
          if (!item || threshold === undefined) return false;
          return effective[key] === undefined || !meets(item, effective[key], threshold);
        }),
      );
    if (unqualified) break;
    level = candidate;
  }
  return level;
}

/** The scheme key nearest to a mistyped one, when it is close enough to be a likely typo. */
function closestKey(key: string, keys: string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const candidate of keys) {
    const distance = editDistance(key.toLowerCase(), candidate);
    if (!best || distance < best.distance) best = { key: candidate, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(key.length / 5)) ? best.key : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
