// The few SQL spellings that differ between SQLite and PostgreSQL, for the audit's aggregate
// queries. Everything else is written once, with quoted identifiers that both accept.
import "server-only";
import { Prisma } from "@/lib/generated/sqlite/client";
import { env } from "@/lib/env";

export type Dialect = "sqlite" | "postgresql";
type Sql = Prisma.Sql;

export const dialect = (): Dialect => env().databaseProvider;

// JSON keys are written into the SQL as literals (PostgreSQL cannot choose between `jsonb ->> text`
// and `jsonb ->> int` for an untyped parameter); they are constants of this code, checked here.
function keyLiteral(key: string, prefix = ""): Sql {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(key)) throw new Error(`not a JSON key: ${key}`);
  return Prisma.raw(`'${prefix}${key}'`);
}

/** The text at a top-level key of a JSON text column. */
export function jsonText(d: Dialect, column: Sql, key: string): Sql {
  return d === "sqlite"
    ? Prisma.sql`json_extract(${column}, ${keyLiteral(key, "$.")})`
    : Prisma.sql`(${column}::jsonb ->> ${keyLiteral(key)})`;
}

/** A JSON number at a top-level key, as an integer. */
export function jsonInt(d: Dialect, column: Sql, key: string): Sql {
  return d === "sqlite"
    ? Prisma.sql`CAST(json_extract(${column}, ${keyLiteral(key, "$.")}) AS INTEGER)`
    : Prisma.sql`((${column}::jsonb ->> ${keyLiteral(key)})::integer)`;
}

/** Whole milliseconds from `b` to `a` (two timestamp columns), as text for string aggregation. */
export function msBetweenText(d: Dialect, a: Sql, b: Sql): Sql {
  return d === "sqlite"
    ? Prisma.sql`CAST(CAST(ROUND((julianday(${a}) - julianday(${b})) * 86400000.0) AS INTEGER) AS TEXT)`
    : Prisma.sql`(ROUND(EXTRACT(EPOCH FROM (${a} - ${b})) * 1000)::bigint)::text`;
}

/** Comma-joined values of a text expression over a group. */
export function joinText(d: Dialect, expr: Sql): Sql {
  return d === "sqlite" ? Prisma.sql`group_concat(${expr}, ',')` : Prisma.sql`string_agg(${expr}, ',')`;
}

/** The expression, kept from choosing an index (SQLite's unary plus; PostgreSQL's planner decides itself). */
export function noIndex(d: Dialect, expr: Sql): Sql {
  return d === "sqlite" ? Prisma.sql`+${expr}` : expr;
}

/** An inner join that keeps the written order, left side outer (SQLite's CROSS JOIN); PostgreSQL plans it itself. */
export function orderedJoin(d: Dialect): Sql {
  return d === "sqlite" ? Prisma.raw("CROSS JOIN") : Prisma.raw("JOIN");
}

/** A raw count or sum as a JS number (PostgreSQL answers bigint and numeric). */
export function num(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (v === null || v === undefined) return 0;
  return Number(String(v));
}

/** A raw timestamp as a Date (SQLite may answer the stored ISO text). */
export function toDate(v: unknown): Date {
  if (v instanceof Date) return v;
  if (typeof v === "number") return new Date(v);
  return new Date(String(v));
}

