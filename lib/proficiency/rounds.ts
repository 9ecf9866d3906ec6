// Proficiency-testing rounds (docs/domain.md#proficiency-testing, ISO/IEC 17043): the secretariat
// creates a round for some items of a published scheme and invites labs accredited for its
// category (one ProficiencyResult row per invited lab, empty until it submits); each invited lab
// submits one number per item before the deadline (again: replaces); a round is closed by the
// secretariat or, for its results, once its deadline has passed. A lab sees only its own values.
import "server-only";
import { db } from "@/lib/db";
import { assertCan, can, type SessionUser } from "@/lib/permissions";
import { domainError, invalidRequest, type DomainCode, type DomainRef } from "@/lib/errors";
import type { ZodType } from "zod";
import { appendAuditEvent } from "@/lib/audit/chain";
import { definitionOf } from "@/lib/schemes/versions";
import { schemeItems } from "@/lib/grading/scheme";
import { eligibleLabs } from "@/lib/admin/accreditations";
import { fetchPage, parseListParams, type ListSpec, type SearchParamsLike, type SortDir } from "@/lib/paging";
import { CreateRoundSchema, PT_BOUNDS, SubmitValuesSchema } from "./schemas";
import { algorithmA, classifyZ, zScore, type ZClass } from "./algorithm-a";

export { PT_BOUNDS };

/** How many rounds a list shows (newest deadline first). */
export const MAX_ROUNDS_LISTED = 100;

export type RoundItem = { key: string; title: { zh: string; en: string }; unit: string };

export type RoundSummary = {
  id: string;
  title: string;
  scheme: { id: string; version: string };
  category: string;
  itemCount: number;
  deadline: string;
  status: "open" | "closed";
  /** Closed by the secretariat, or its deadline has passed. */
  closed: boolean;
  invited: number;
  submitted: number;
  /** For a lab: whether it has submitted (null for others). */
  mine: { submittedAt: string | null } | null;
};

export type RoundView = RoundSummary & {
  referenceSample: string;
  items: RoundItem[];
  createdAt: string;
  closedAt: string | null;
  labs: { id: string; name: string; nameZh: string | null; submittedAt: string | null }[];
  /** The caller's lab's values (a lab only). */
  myValues: Record<string, number> | null;
};

type RoundRow = {
  id: string;
  title: string;
  schemeId: string;
  schemeVersion: string;
  category: string;
  items: string;
  referenceSample: string;
  deadline: Date;
  status: string;
  createdAt: Date;
  closedAt: Date | null;
  results: { labOrgId: string; values: string; submittedAt: Date | null; lab?: { name: string; nameZh: string | null } }[];
};

export function isClosed(r: { status: string; deadline: Date }, now = new Date()): boolean {
  return r.status === "closed" || r.deadline.getTime() < now.getTime();
}

function itemKeys(r: Pick<RoundRow, "items">): string[] {
  try {
    const v = JSON.parse(r.items) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

function valuesOf(s: string): Record<string, number> {
  try {
    const v = JSON.parse(s) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(v).filter((e): e is [string, number] => typeof e[1] === "number" && Number.isFinite(e[1])));
  } catch {
    return {};
  }
}

function summary(r: RoundRow, user: SessionUser, now: Date): RoundSummary {
  const mine = user.role === "lab" ? r.results.find((x) => x.labOrgId === user.organizationId) : undefined;
  return {
    id: r.id,
    title: r.title,
    scheme: { id: r.schemeId, version: r.schemeVersion },
    category: r.category,
    itemCount: itemKeys(r).length,
    deadline: r.deadline.toISOString(),
    status: r.status === "closed" ? "closed" : "open",
    closed: isClosed(r, now),
    invited: r.results.length,
    submitted: r.results.filter((x) => x.submittedAt).length,
    mine: user.role === "lab" ? { submittedAt: mine?.submittedAt?.toISOString() ?? null } : null,
  };
}

/** The rounds visible to the caller: every round for the secretariat and ministry, the rounds its lab is invited to for a lab. */
function roundWhere(user: SessionUser) {
  return user.role === "lab" ? { results: { some: { labOrgId: user.organizationId } } } : {};
}

export async function listRounds(user: SessionUser, now = new Date()): Promise<RoundSummary[]> {
  assertCan(user, "proficiency:read");
  const rows = await db().proficiencyRound.findMany({
    where: roundWhere(user),
    include: { results: { select: { labOrgId: true, submittedAt: true } } },
    orderBy: [{ deadline: "desc" }, { id: "asc" }],
    take: MAX_ROUNDS_LISTED,
  });
  return rows.map((r) => summary({ ...r, results: r.results.map((x) => ({ ...x, values: "{}" })) }, user, now));
}

const ROUND_SORTS = ["deadline", "title", "created"] as const;
/** The rounds list of the secretariat's and the lab's pages: newest deadline first, paged on the server (docs/architecture.md#lists-and-queues). */
export const ROUND_LIST: ListSpec<(typeof ROUND_SORTS)[number]> = { sorts: ROUND_SORTS, defaultSort: "deadline", defaultDir: "desc" };

const ROUND_ORDER = {
  deadline: (dir: SortDir) => [{ deadline: dir }],
  title: (dir: SortDir) => [{ title: dir }],
  created: (dir: SortDir) => [{ createdAt: dir }],
} as const;

/** One page of the rounds the caller may see (URL search parameters choose page, size and order), and how many there are. */
export async function listRoundsPage(user: SessionUser, params: SearchParamsLike, now = new Date()) {
  assertCan(user, "proficiency:read");
  const p = parseListParams(params, ROUND_LIST);
  const where = roundWhere(user);
  // The id breaks ties, so a page boundary never repeats or skips a row.
  const orderBy = [...ROUND_ORDER[p.sort](p.dir), { id: "asc" as const }];
  const page = await fetchPage(
    p,
    () => db().proficiencyRound.count({ where }),
    (skip, take) => db().proficiencyRound.findMany({ where, orderBy, skip, take, include: { results: { select: { labOrgId: true, submittedAt: true } } } }),
  );
  return { ...page, rows: page.rows.map((r) => summary({ ...r, results: r.results.map((x) => ({ ...x, values: "{}" })) }, user, now)) };
}

/** The open rounds a lab still has to answer (its queue), soonest deadline first. */
export async function labQueue(user: SessionUser, now = new Date()): Promise<RoundSummary[]> {
  assertCan(user, "proficiency:read");
  // Asked of the database directly: an open round is never cut off behind older closed ones.
  const rows = await db().proficiencyRound.findMany({
    where: { ...roundWhere(user), status: "open", deadline: { gte: now } },
    include: { results: { select: { labOrgId: true, submittedAt: true } } },
    orderBy: [{ deadline: "asc" }, { id: "asc" }],
    take: MAX_ROUNDS_LISTED,
  });
  return rows.map((r) => summary({ ...r, results: r.results.map((x) => ({ ...x, values: "{}" })) }, user, now));
}

async function loadRound(user: SessionUser, id: string): Promise<RoundRow> {
  const row = await db().proficiencyRound.findFirst({
    where: { id: String(id).slice(0, 100), ...roundWhere(user) },
    include: { results: true },
  });
  if (!row) throw domainError("PT_ROUND_NOT_FOUND");
  const orgs = await db().organization.findMany({ where: { id: { in: row.results.map((x) => x.labOrgId) } }, select: { id: true, name: true, nameZh: true } });
  const byId = new Map(orgs.map((o) => [o.id, o]));
  return {
    ...row,
    results: row.results
      .map((x) => ({ ...x, lab: { name: byId.get(x.labOrgId)?.name ?? x.labOrgId, nameZh: byId.get(x.labOrgId)?.nameZh ?? null } }))
      .sort((a, b) => a.lab.name.localeCompare(b.lab.name)),
  };
}

async function roundItems(r: Pick<RoundRow, "schemeId" | "schemeVersion" | "items">): Promise<RoundItem[]> {
  const sv = await db().schemeVersion.findUnique({ where: { schemeId_version: { schemeId: r.schemeId, version: r.schemeVersion } } });
  const known = sv ? new Map(schemeItems(definitionOf(sv)).map(({ item }) => [item.key, item])) : new Map();
  return itemKeys(r).map((key) => {
    const it = known.get(key);
    return { key, title: it?.title ?? { zh: key, en: key }, unit: it?.unit ?? "" };
  });
}

export async function getRound(user: SessionUser, id: string, now = new Date()): Promise<RoundView> {
  assertCan(user, "proficiency:read");
  const r = await loadRound(user, id);
  const mine = user.role === "lab" ? r.results.find((x) => x.labOrgId === user.organizationId) : undefined;
  return {
    ...summary(r, user, now),
    referenceSample: r.referenceSample,
    items: await roundItems(r),
    createdAt: r.createdAt.toISOString(),
    closedAt: r.closedAt?.toISOString() ?? null,
    // A lab sees who else was invited only through the results, and never their values.
    labs:
      user.role === "lab"
        ? []
        : r.results.map((x) => ({ id: x.labOrgId, name: x.lab!.name, nameZh: x.lab!.nameZh, submittedAt: x.submittedAt?.toISOString() ?? null })),
    myValues: mine ? valuesOf(mine.values) : null,
  };
}

/** The published scheme versions a round may be made for, with their items (the form's choices). */
export async function roundChoices(user: SessionUser, now = new Date()) {
  assertCan(user, "proficiency:manage");
  const versions = await db().schemeVersion.findMany({ where: { status: "published" }, orderBy: [{ schemeId: "asc" }, { version: "desc" }], take: 200 });
  const categories = [...new Set(versions.map((v) => v.category))];
  const labsBy = new Map<string, { id: string; name: string; nameZh: string | null }[]>();
  for (const c of categories) {
    const labs = await eligibleLabs(db(), { category: c, vendorOrgId: "", at: now });
    labsBy.set(c, labs.map((l) => ({ id: l.id, name: l.name, nameZh: l.nameZh })));
  }
  return versions.map((v) => ({
    schemeId: v.schemeId,
    version: v.version,
    category: v.category,
    items: schemeItems(definitionOf(v)).map(({ item }) => ({ key: item.key, title: item.title, unit: item.unit as string })),
    labs: labsBy.get(v.category) ?? [],
  }));
}

/** The request checked by its schema; a refusal names the fields (INVALID_REQUEST). */
function parse<T>(schema: ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (!r.success) throw invalidRequest(r.error.issues);
  return r.data;
}

/** A deadline given as a day means the end of that day in UTC. */
function parseDeadline(s: string): Date {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(`${s}T23:59:59.999Z`) : new Date(s);
  return d;
}

const field = (name: string, reason: DomainCode, params: Record<string, string | number> = {}) =>
  domainError(reason, params, { fields: { [name]: { reason, params } as DomainRef } });

export async function createRound(user: SessionUser, input: unknown, now = new Date()): Promise<RoundView> {
  assertCan(user, "proficiency:manage");
  const p = parse(CreateRoundSchema, input);
  const deadline = parseDeadline(p.deadline);
  if (Number.isNaN(deadline.getTime())) throw field("deadline", "FIELD_INVALID");
  if (deadline.getTime() <= now.getTime()) throw field("deadline", "PT_DEADLINE_NOT_FUTURE");
  const items = [...new Set(p.items)];
  if (items.length !== p.items.length) throw field("items", "PT_REPEATED");
  const labIds = [...new Set(p.labIds)];
  if (labIds.length !== p.labIds.length) throw field("labIds", "PT_REPEATED");
  if (labIds.length < PT_BOUNDS.minLabs) throw field("labIds", "PT_TOO_FEW_LABS", { min: PT_BOUNDS.minLabs });

  const id = await db().$transaction(async (tx) => {
    const sv = await tx.schemeVersion.findUnique({ where: { schemeId_version: { schemeId: p.schemeId, version: p.schemeVersion } } });
    if (!sv || sv.status !== "published") throw field("schemeId", "PT_SCHEME_UNKNOWN", { scheme: `${p.schemeId} ${p.schemeVersion}` });
    const known = new Set(schemeItems(definitionOf(sv)).map(({ item }) => item.key));
    const unknown = items.find((k) => !known.has(k));
    if (unknown) throw field("items", "PT_ITEM_UNKNOWN", { item: unknown });
    const eligible = new Set((await eligibleLabs(tx, { category: sv.category, vendorOrgId: "", at: now })).map((l) => l.id));
    const notEligible = labIds.find((l) => !eligible.has(l));
    if (notEligible) throw field("labIds", "PT_LAB_NOT_ELIGIBLE", { labId: notEligible, category: sv.category });
    const round = await tx.proficiencyRound.create({
      data: {
        title: p.title,
        schemeId: sv.schemeId,
        schemeVersion: sv.version,
        category: sv.category,
        items: JSON.stringify(items),
        referenceSample: p.referenceSample,
        deadline,
        createdById: user.id,
        createdAt: now,
        results: { create: labIds.map((labOrgId) => ({ labOrgId })) },
      },
    });
    await appendAuditEvent(tx, {
      caseId: null,
      actorId: user.id,
      actorRole: user.role,
      type: "PT_ROUND_CREATED",
      payload: { roundId: round.id, title: p.title, scheme: `${sv.schemeId} ${sv.version}`, items, labIds: [...labIds].sort(), deadline: deadline.toISOString() },
      at: now,
    });
    return round.id;
  });
  return getRound(user, id, now);
}

export async function submitValues(user: SessionUser, roundId: string, input: unknown, now = new Date()): Promise<RoundView> {
  assertCan(user, "proficiency:submit");
  const p = parse(SubmitValuesSchema, input);
  await db().$transaction(async (tx) => {
    const round = await tx.proficiencyRound.findUnique({ where: { id: String(roundId).slice(0, 100) } });
    const mine = round ? await tx.proficiencyResult.findUnique({ where: { roundId_labOrgId: { roundId: round.id, labOrgId: user.organizationId } } }) : null;
    // A round the lab is not invited to does not exist for it.
    if (!round || !mine) throw domainError("PT_NOT_INVITED");
    if (round.status === "closed") throw domainError("PT_ROUND_CLOSED");
    if (round.deadline.getTime() < now.getTime()) throw domainError("PT_DEADLINE_PASSED", { deadline: round.deadline.toISOString() });
    const keys = itemKeys(round);
    const extra = Object.keys(p.values).find((k) => !keys.includes(k));
    if (extra) throw field(`values.${extra}`, "PT_ITEM_NOT_IN_ROUND", { item: extra });
    const missing = keys.find((k) => !(k in p.values));
    if (missing) throw field(`values.${missing}`, "PT_VALUE_MISSING", { item: missing });
    const values = Object.fromEntries(keys.map((k) => [k, p.values[k]]));
    await tx.proficiencyResult.update({ where: { id: mine.id }, data: { values: JSON.stringify(values), submittedById: user.id, submittedAt: now } });
    await appendAuditEvent(tx, {
      caseId: null,
      actorId: user.id,
      actorRole: user.role,
      type: "PT_RESULT_SUBMITTED",
      // The values stay out of the chain's payload: the chain is read more widely than the results.
      payload: { roundId: round.id, labOrgId: user.organizationId, items: keys, replaced: mine.submittedAt !== null },
      at: now,
    });
  });
  return getRound(user, roundId, now);
}

export async function closeRound(user: SessionUser, roundId: string, now = new Date()): Promise<RoundView> {
  assertCan(user, "proficiency:manage");
  await db().$transaction(async (tx) => {
    const round = await tx.proficiencyRound.findUnique({ where: { id: String(roundId).slice(0, 100) } });
    if (!round) throw domainError("PT_ROUND_NOT_FOUND");
    const done = await tx.proficiencyRound.updateMany({ where: { id: round.id, status: "open" }, data: { status: "closed", closedAt: now } });
    if (done.count !== 1) throw domainError("PT_ROUND_CLOSED");
    await appendAuditEvent(tx, { caseId: null, actorId: user.id, actorRole: user.role, type: "PT_ROUND_CLOSED", payload: { roundId: round.id }, at: now });
  });
  return getRound(user, roundId, now);
}

export type LabScore = { labId: string; name: string; nameZh: string | null; value: number | null; z: number | null; class: ZClass | null };
export type ItemResult = RoundItem & { n: number; robustMean: number | null; robustSd: number | null; iterations: number; scores: LabScore[] };
export type RoundResults = { round: RoundView; items: ItemResult[] };

/** Scores of every submitted value, per item, from the rows given (pure: shared with the flag at ACCEPT). */
export function scoreRound(items: RoundItem[], results: { labOrgId: string; values: string; submittedAt: Date | null; lab?: { name: string; nameZh: string | null } }[]): ItemResult[] {
  return items.map((item) => {
    const submitted = results
      .filter((r) => r.submittedAt)
      .map((r) => ({ r, v: valuesOf(r.values)[item.key] }))
      .filter((x): x is { r: (typeof results)[number]; v: number } => typeof x.v === "number");
    const stats = algorithmA(submitted.map((x) => x.v));
    const scores: LabScore[] = results.map((r) => {
      const hit = submitted.find((x) => x.r === r);
      const z = hit ? zScore(hit.v, stats) : null;
      return { labId: r.labOrgId, name: r.lab?.name ?? r.labOrgId, nameZh: r.lab?.nameZh ?? null, value: hit ? hit.v : null, z, class: z === null ? null : classifyZ(z) };
    });
    return {
      ...item,
      n: stats.n,
      robustMean: Number.isFinite(stats.mean) ? stats.mean : null,
      robustSd: Number.isFinite(stats.sd) ? stats.sd : null,
      iterations: stats.iterations,
      scores,
    };
  });
}

/**
 * The results of a closed round: x*, s* and the z-scores per item. The secretariat and ministry see
 * every lab; a lab sees the round's statistics and only its own row.
 */
export async function roundResults(user: SessionUser, roundId: string, now = new Date()): Promise<RoundResults> {
  assertCan(user, "proficiency:read");
  const r = await loadRound(user, roundId);
  if (!isClosed(r, now)) throw domainError("PT_RESULTS_NOT_READY", { deadline: r.deadline.toISOString() });
  const round = await getRound(user, roundId, now);
  const items = scoreRound(round.items, r.results);
  if (user.role === "lab") for (const it of items) it.scores = it.scores.filter((s) => s.labId === user.organizationId);
  return { round, items };
}

/** The results as CSV rows (one per item and lab). */
export async function resultsCsv(user: SessionUser, roundId: string, now = new Date()): Promise<string> {
  const { stringify } = await import("csv-stringify/sync");
  const { round, items } = await roundResults(user, roundId, now);
  const rows: (string | number | null)[][] = [];
  for (const it of items) {
    for (const s of it.scores) {
      rows.push([round.id, round.title, it.key, it.unit, s.name, s.value, it.robustMean, it.robustSd, s.z === null ? null : Number(s.z.toFixed(4)), s.class]);
    }
  }
  return stringify(rows, {
    header: true,
    columns: ["round", "title", "item", "unit", "lab", "value", "robust_mean", "robust_sd", "z", "classification"],
    cast: { number: (v) => String(v) },
  });
}

export type ProficiencyFlag = { labId: string; roundId: string; roundTitle: string; items: { key: string; z: number }[] };

/**
 * Labs whose latest closed round (closed by the secretariat or past its deadline) holds an
 * unsatisfactory z-score (|z| ≥ 3), with the round and the items: shown where a lab is chosen at ACCEPT.
 */
export async function proficiencyFlags(user: SessionUser, labIds: string[], now = new Date()): Promise<ProficiencyFlag[]> {
  if (!can(user, "proficiency:read") || labIds.length === 0) return [];
  const flags: ProficiencyFlag[] = [];
  for (const labId of labIds.slice(0, PT_BOUNDS.labs)) {
    const rounds = await db().proficiencyRound.findMany({
      where: { results: { some: { labOrgId: labId } }, OR: [{ status: "closed" }, { deadline: { lt: now } }] },
      orderBy: { deadline: "desc" },
      take: 20,
    });
    if (!rounds.length) continue;
    const latest = rounds.reduce((a, b) => ((b.closedAt ?? b.deadline) > (a.closedAt ?? a.deadline) ? b : a));
    const results = await db().proficiencyResult.findMany({ where: { roundId: latest.id } });
    const scored = scoreRound(
      itemKeys(latest).map((key) => ({ key, title: { zh: key, en: key }, unit: "" })),
      results,
    );
    const bad = scored.flatMap((it) => it.scores.filter((s) => s.labId === labId && s.class === "unsatisfactory").map((s) => ({ key: it.key, z: s.z as number })));
    if (bad.length) flags.push({ labId, roundId: latest.id, roundTitle: latest.title, items: bad });
  }
  return flags;
}
