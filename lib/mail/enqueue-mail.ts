// Mail leaves through the outbox: enqueued in the caller's transaction, so a mail is sent only for
// work that committed, and sent again after a crash until the relay has accepted it.
import "server-only";
import crypto from "node:crypto";
import { z } from "zod";
import type { Tx } from "@/lib/db";
import { AppError, fieldErrors } from "@/lib/errors";

export const MAIL_JOB = "mail";

export const MailJobSchema = z.object({
  to: z.email("Not a mail address"),
  subject: z
    .string()
    .trim()
    .min(1, "A subject is required")
    .max(300)
    .refine((s) => !/[\r\n]/.test(s), "A subject is one line"),
  text: z.string().min(1, "A mail needs a text").max(100_000),
});
export type MailJob = z.infer<typeof MailJobSchema>;

/**
 * `dedupeKey` makes enqueueing idempotent (for example `<audit seq>:<user id>`: one mail per
 * event and recipient, however often the caller retries); without one every call is a new mail.
 */
export async function enqueueMail(tx: Tx, mail: MailJob, dedupeKey?: string) {
  const parsed = MailJobSchema.safeParse(mail);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "The mail is not valid", fieldErrors(parsed.error.issues));
  if (!dedupeKey) {
    await tx.outboxJob.create({ data: { kind: MAIL_JOB, dedupeKey: mailKey(crypto.randomUUID()), payload: JSON.stringify(parsed.data) } });
    return;
  }
  await enqueueMails(tx, [{ mail: parsed.data, dedupeKey }]);
}

const mailKey = (dedupeKey: string) => `${MAIL_JOB}:${dedupeKey}`;

/**
 * Several mails, each with its dedupe key, in the caller's transaction: one look-up for the keys
 * already enqueued and one insert for the rest (instead of two statements per mail). Each mail must
 * already be valid (MailJobSchema); the keys are distinct.
 */
export async function enqueueMails(tx: Tx, mails: { mail: MailJob; dedupeKey: string }[]) {
  if (mails.length === 0) return;
  const keyed = mails.map((m) => ({ key: mailKey(m.dedupeKey), mail: MailJobSchema.parse(m.mail) }));
  const existing = await tx.outboxJob.findMany({ where: { dedupeKey: { in: keyed.map((m) => m.key) } }, select: { dedupeKey: true } });
  const have = new Set(existing.map((e) => e.dedupeKey));
  const fresh = keyed.filter((m) => !have.has(m.key));
  if (fresh.length > 0) await tx.outboxJob.createMany({ data: fresh.map((m) => ({ kind: MAIL_JOB, dedupeKey: m.key, payload: JSON.stringify(m.mail) })) });
}
