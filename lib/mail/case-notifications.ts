// Who hears of a case event by mail, and what they read: the people whose turn it is next, and the
// vendor when its application moves. Side work never blocks a decision: inside the event's
// transaction (applyEvent) only the notice is stored (ids, the event, its reason) as one outbox
// job, which cannot fail on content; the mails are composed and validated afterwards by the outbox
// (`deliverCaseNotice`), where a failure is logged and retried and the event has long committed.
// One mail per event and recipient (the dedupe keys), however often either step runs.
import "server-only";
import { createTranslator } from "next-intl";
import { z } from "zod";
import { db, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { loadMessages } from "@/i18n/messages";
import { LOCALES, type Locale } from "@/i18n/locale";
import type { PersistedCaseSnapshot } from "@/workflows/certification";
import { APPEAL_WINDOW_DAYS } from "@/workflows/certification";
import { caseProductSnapshot, parseProductSnapshot } from "@/lib/cases/product-snapshot";
import { enqueueMails, MailJobSchema, type MailJob } from "./enqueue-mail";
import { clip, oneLine } from "./message";
import { mailLog } from "./log";

export const CASE_NOTICE_JOB = "case-notice";

export type CaseEventNotice = {
  caseId: string;
  type: string;
  /** The state the case entered (`to` of the audit payload). */
  to: string;
  auditSeq: number;
  actorId: string | null;
  payload?: Record<string, unknown>;
};

/**
 * The case as the caller's transaction just wrote it (the door, lib/cases/apply-event.ts), so it is
 * not read again. `freshSeq`: the notice's audit event was appended in this same transaction, so no
 * job can carry its sequence number yet and the dedupe look-up is skipped.
 */
export type CaseAsWritten = {
  organizationId: string;
  labOrgId: string | null;
  context: PersistedCaseSnapshot["context"];
  freshSeq?: boolean;
};

type Audience = "vendor" | "lab" | "panel" | "secretariat" | "ministry" | "appealJudges";

/** [event, state entered (any when absent), audience, message key]. */
const NOTICES: [string, string | null, Audience, string][] = [
  ["SUBMIT", null, "secretariat", "submitted"],
  ["RETURN", null, "vendor", "returned"],
  ["REJECT_APPLICATION", null, "vendor", "applicationRejected"],
  ["ACCEPT", null, "lab", "assignedToLab"],
  ["ACCEPT", null, "vendor", "accepted"],
  ["SUBMIT_REPORT", null, "secretariat", "reportSubmitted"],
  ["ASSIGN_PANEL", null, "panel", "panelAssigned"],
  ["RECUSE", "review.forming", "secretariat", "panelShort"],
  ["RECUSE", "decision", "ministry", "decisionDue"],
  ["VOTE", "decision", "ministry", "decisionDue"],
  ["RECUSE", "testing", "lab", "retest"],
  ["VOTE", "testing", "lab", "retest"],
  ["RECUSE", "testing", "vendor", "retestVendor"],
  ["VOTE", "testing", "vendor", "retestVendor"],
  ["AWARD", null, "vendor", "awarded"],
  ["DENY", null, "vendor", "denied"],
  ["REMAND", null, "secretariat", "remanded"],
  ["SUSPEND", null, "vendor", "suspended"],
  ["REINSTATE", null, "vendor", "reinstated"],
  ["REVOKE", null, "vendor", "revoked"],
  ["DOWNGRADE", null, "vendor", "downgraded"],
  ["EXPIRE", null, "vendor", "expired"],
  ["APPEAL", null, "appealJudges", "appealed"],
  ["UPHOLD_APPEAL", null, "secretariat", "appealUpheldSecretariat"],
  ["UPHOLD_APPEAL", null, "vendor", "appealUpheld"],
  ["DISMISS_APPEAL", null, "vendor", "appealDismissed"],
  ["WITHDRAW", null, "secretariat", "withdrawn"],
  ["WITHDRAW", null, "lab", "withdrawn"],
  // After-care (lib/aftercare): the change case's state is the one entered.
  ["CHANGE_REPORTED", null, "secretariat", "changeReported"],
  ["SURVEILLANCE_OPENED", null, "lab", "surveillanceOpened"],
  ["SURVEILLANCE_OPENED", null, "vendor", "surveillanceVendor"],
  ["CHANGE_CLASSIFIED", "retesting", "lab", "retestAssigned"],
  ["CHANGE_CLASSIFIED", "retesting", "vendor", "changeRetest"],
  ["CHANGE_CLASSIFIED", "amended", "vendor", "changeAmended"],
  ["CHANGE_REPORT_SUBMITTED", null, "ministry", "changeToConclude"],
  ["CHANGE_CONCLUDED", null, "vendor", "changeConcluded"],
  ["CHANGE_WITHDRAWN", null, "secretariat", "changeWithdrawn"],
];

/** The longest reason quoted in a mail (the full text is on the case page). */
const MAX_REASON = 4000;
/** The longest product label in a subject ("name model"). */
const MAX_PRODUCT = 120;

function reasonOf(payload: Record<string, unknown> | undefined): string | null {
  if (!payload) return null;
  const reason = Array.isArray(payload.reasons)
    ? payload.reasons.map(String).join("; ")
    : typeof payload.reason === "string"
      ? payload.reason.trim()
      : typeof payload.grounds === "string"
        ? payload.grounds.trim()
        : "";
  return reason ? clip(reason, MAX_REASON) : null;
}

/** The stored notice: ids and the event, never composed text. */
const NoticeJobSchema = z.object({
  caseId: z.string(),
  type: z.string(),
  auditSeq: z.number().int(),
  reason: z.string().nullable(),
  recipients: z.array(z.object({ userId: z.string(), key: z.string() })),
});
type NoticeJob = z.infer<typeof NoticeJobSchema>;

type AudienceWhere = { role: string; organizationId?: string; id?: { in: string[] } | { not: string } };

/** The same test as `where` in SQL, on a user already read. */
function matches(where: AudienceWhere, u: { id: string; role: string; organizationId: string | null }): boolean {
  if (u.role !== where.role) return false;
  if (where.organizationId !== undefined && u.organizationId !== where.organizationId) return false;
  if (where.id && "in" in where.id && !where.id.in.includes(u.id)) return false;
  if (where.id && "not" in where.id && u.id === where.id.not) return false;
  return true;
}

/**
 * In the event's transaction: who is to hear of it (read now, so the audience is the one of the
 * event), stored as one outbox job. Nothing here depends on what people typed, so a product name
 * or reason can never make the event fail.
 */
export async function enqueueCaseNotifications(tx: Tx, notice: CaseEventNotice, written?: CaseAsWritten) {
  const rules = NOTICES.filter(([type, to]) => type === notice.type && (to === null || to === notice.to));
  if (rules.length === 0) return 0;
  const c = written ?? (await tx.case.findUnique({ where: { id: notice.caseId }, select: { organizationId: true, labOrgId: true, snapshot: true } }));
  if (!c) return 0;
  const ctx = "context" in c ? c.context : (JSON.parse(c.snapshot) as PersistedCaseSnapshot).context;

  const audienceWhere = (audience: Audience): AudienceWhere | null => {
    switch (audience) {
      case "vendor":
        return { role: "vendor", organizationId: c.organizationId };
      case "lab":
        return c.labOrgId ? { role: "lab", organizationId: c.labOrgId } : null;
      case "panel":
        return { role: "expert", id: { in: ctx.panel.filter((p) => p.active).map((p) => p.expertId) } };
      case "secretariat":
        return { role: "secretariat" };
      case "ministry":
        return { role: "ministry" };
      case "appealJudges": {
        // The ministry user who took the decision appealed may not decide the appeal
        // (docs/domain.md#due-process), so is not asked to.
        const decidedBy = ctx.pendingAppeal ? ctx.pendingAppeal.decidedBy : ctx.deniedBy;
        return { role: "ministry", ...(decidedBy ? { id: { not: decidedBy } } : {}) };
      }
    }
  };

  // Every audience of the event in one statement; each user then goes to the first rule that names
  // them, each rule's users in email order (as one look-up per rule gave them).
  const audiences = rules.map(([, , audience, key]) => ({ key, where: audienceWhere(audience) })).filter((a) => a.where !== null);
  if (audiences.length === 0) return 0;
  const users = await tx.user.findMany({
    where: { disabled: false, OR: audiences.map((a) => a.where!) },
    select: { id: true, role: true, organizationId: true },
    orderBy: { email: "asc" },
  });
  const recipients: NoticeJob["recipients"] = [];
  const seen = new Set<string>();
  for (const { key, where } of audiences) {
    for (const u of users) {
      if (u.id === notice.actorId || seen.has(u.id) || !matches(where!, u)) continue;
      seen.add(u.id);
      recipients.push({ userId: u.id, key });
    }
  }
  if (recipients.length === 0) return 0;
  const dedupeKey = `${CASE_NOTICE_JOB}:${notice.auditSeq}`;
  if (!written?.freshSeq && (await tx.outboxJob.findUnique({ where: { dedupeKey } }))) return 0;
  const job: NoticeJob = { caseId: notice.caseId, type: notice.type, auditSeq: notice.auditSeq, reason: reasonOf(notice.payload), recipients };
  await tx.outboxJob.create({ data: { kind: CASE_NOTICE_JOB, dedupeKey, payload: JSON.stringify(job) } });
  return recipients.length;
}

type Translate = (key: string, values?: Record<string, string | number>) => string;

// One translator per locale for the process: the messages do not change while it runs, and a new
// translator would parse every message it formats again.
const translators = new Map<Locale, Translate>();
function translator(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) {
    t = createTranslator({ locale, messages: loadMessages(locale) as never, namespace: "inbox.mail" as never }) as unknown as Translate;
    translators.set(locale, t);
  }
  return t;
}

/**
 * One recipient's mail. Everything a person typed that reaches a one-line place (the subject, the
 * product line) is made one line and clipped, so composition cannot produce an invalid mail.
 */
export function composeNoticeMail(
  t: Translate,
  to: { email: string; name: string },
  key: string,
  product: { name: string; model: string },
  reason: string | null,
  link: string,
): MailJob {
  const label = clip(oneLine(`${product.name} ${product.model}`), MAX_PRODUCT) || "—";
  const text = [
    t("greeting", { name: oneLine(to.name) }),
    "",
    t(`what.${key}`, { days: APPEAL_WINDOW_DAYS }),
    "",
    t("product", { product: label }),
    ...(reason ? [t("reason", { reason })] : []),
    t("open", { link }),
    "",
    t("footer"),
  ].join("\n");
  const subject = clip(oneLine(t("subject", { product: label, what: t(`short.${key}`) })), 300);
  return { to: to.email, subject, text };
}

/**
 * The outbox handler of a notice: composes each recipient's mail from the case's frozen product
 * snapshot and enqueues it. A mail that cannot be valid (a recipient's address the mail schema
 * refuses) is logged and left out; a failure of the database throws, and the outbox retries.
 */
export async function deliverCaseNotice(payload: unknown) {
  const job = NoticeJobSchema.parse(payload);
  const database = db();
  const c = await database.case.findUnique({ where: { id: job.caseId }, select: { id: true, productSnapshot: true, productId: true } });
  if (!c) {
    mailLog.warn({ auditSeq: job.auditSeq, caseId: job.caseId }, "the case of a notice no longer exists; nothing sent");
    return;
  }
  // The product row only for a case without its frozen snapshot (a draft's notice): one statement less.
  const product = caseProductSnapshot(
    parseProductSnapshot(c.productSnapshot) ? c : { ...c, product: await database.product.findUnique({ where: { id: c.productId } }) },
  );
  const link = `${env().ZHIJI_PUBLIC_URL}/cases/${c.id}`;
  const users = await database.user.findMany({
    where: { id: { in: job.recipients.map((r) => r.userId) }, disabled: false },
    select: { id: true, email: true, name: true, locale: true },
  });
  const byId = new Map(users.map((u) => [u.id, u]));
  const mails: { mail: MailJob; dedupeKey: string }[] = [];
  for (const r of job.recipients) {
    const u = byId.get(r.userId);
    if (!u) continue; // disabled or removed since the event
    const locale: Locale = (LOCALES as readonly string[]).includes(u.locale ?? "") ? (u.locale as Locale) : "zh-CN";
    const mail = composeNoticeMail(translator(locale), u, r.key, product, job.reason, link);
    const checked = MailJobSchema.safeParse(mail);
    if (!checked.success) {
      const problems = checked.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      mailLog.warn({ auditSeq: job.auditSeq, caseId: job.caseId, userId: u.id, problems }, "a notice mail that cannot be valid is left out");
      continue;
    }
    mails.push({ mail: checked.data, dedupeKey: `${job.auditSeq}:${u.id}` });
  }
  if (mails.length === 0) return;
  await database.$transaction((tx) => enqueueMails(tx, mails));
}
