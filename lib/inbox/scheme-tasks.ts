// What scheme governance awaits from this user (docs/domain.md#scheme-governance), beside the case
// tasks of list-tasks.ts: a ministry user approves proposed versions whose comment period has ended
// with every comment answered; experts, labs and vendors comment while a period runs; the
// secretariat answers comments, sets a missing period end and publishes approved versions. Each task
// is one the step itself would accept now (lib/schemes), checked by the same permissions.
import "server-only";
import { db } from "@/lib/db";
import type { Bilingual } from "@/lib/grading";
import { can, type SessionUser } from "@/lib/permissions";
import { compareVersionStrings, definitionOf, lastDayOf } from "@/lib/schemes/versions";

export const SCHEME_TASK_KINDS = ["approveScheme", "commentOnScheme", "answerComments", "setCommentPeriod", "publishScheme"] as const;
export type SchemeTaskKind = (typeof SCHEME_TASK_KINDS)[number];

/** At most this many versions under governance are read (there are a handful at any time). */
export const SCHEME_TASK_SCAN = 200;

export type SchemeTask = {
  kind: SchemeTaskKind;
  schemeId: string;
  version: string;
  category: string;
  title: Bilingual;
  /** The last day of the comment period (Beijing day), when it has one. */
  commentsUntil: string | null;
  /** Comments without an answer (answerComments), or the reader's own comments (commentOnScheme). */
  count: number;
  /** Where the step is taken: the version page (the secretariat's own for the secretariat). */
  href: string;
};

/** The governance tasks of this user, in the order the steps come, then by scheme and version. */
export async function listSchemeTasks(user: SessionUser, now: Date = new Date()): Promise<SchemeTask[]> {
  const manages = can(user, "scheme:manage");
  const approves = can(user, "scheme:approve");
  const comments = can(user, "scheme:comment");
  if (!manages && !approves && !comments) return [];
  const statuses = manages ? ["proposed", "approved"] : ["proposed"];
  const rows = await db().schemeVersion.findMany({
    where: { status: { in: statuses } },
    orderBy: [{ schemeId: "asc" }, { version: "asc" }],
    take: SCHEME_TASK_SCAN,
  });
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [open, mine] = await Promise.all([
    db().schemeComment.groupBy({ by: ["schemeVersionId"], where: { schemeVersionId: { in: ids }, answeredAt: null }, _count: { _all: true } }),
    comments
      ? db().schemeComment.groupBy({ by: ["schemeVersionId"], where: { schemeVersionId: { in: ids }, authorId: user.id }, _count: { _all: true } })
      : Promise.resolve([]),
  ]);
  const unanswered = new Map(open.map((g) => [g.schemeVersionId, g._count._all]));
  const own = new Map(mine.map((g) => [g.schemeVersionId, g._count._all]));
  const tasks: SchemeTask[] = [];
  for (const r of rows) {
    const tail = `${encodeURIComponent(r.schemeId)}/${encodeURIComponent(r.version)}`;
    const base = {
      schemeId: r.schemeId,
      version: r.version,
      category: r.category,
      title: definitionOf(r).title,
      commentsUntil: r.commentsUntil ? lastDayOf(r.commentsUntil) : null,
      href: manages ? `/secretariat/schemes/${tail}` : `/schemes/${tail}`,
    };
    const waiting = unanswered.get(r.id) ?? 0;
    // A proposal without an end is open until the secretariat sets one (as commentOnScheme decides).
    const periodOpen = r.status === "proposed" && (!r.commentsUntil || now.getTime() < r.commentsUntil.getTime());
    if (r.status === "proposed") {
      if (comments && periodOpen) tasks.push({ ...base, kind: "commentOnScheme", count: own.get(r.id) ?? 0 });
      if (approves && !periodOpen && waiting === 0) tasks.push({ ...base, kind: "approveScheme", count: 0 });
      if (manages && waiting > 0) tasks.push({ ...base, kind: "answerComments", count: waiting });
      if (manages && !r.commentsUntil) tasks.push({ ...base, kind: "setCommentPeriod", count: 0 });
    }
    if (r.status === "approved" && manages) tasks.push({ ...base, kind: "publishScheme", count: 0 });
  }
  const step = (k: SchemeTaskKind) => SCHEME_TASK_KINDS.indexOf(k);
  return tasks.sort((a, b) => step(a.kind) - step(b.kind) || a.schemeId.localeCompare(b.schemeId) || compareVersionStrings(a.version, b.version));
}

/** How many governance tasks await this user: added to the inbox badge's count. */
export async function countSchemeTasks(user: SessionUser, now: Date = new Date()): Promise<number> {
  return (await listSchemeTasks(user, now)).length;
}
