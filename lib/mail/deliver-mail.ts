// The outbox handler of a mail job: through SMTP when SMTP_URL is set; otherwise the mail is only
// logged (development and demos run without a relay) and the job counts as done.
import "server-only";
import { env } from "@/lib/env";
import { sendMail } from "./transport";
import { MailJobSchema } from "./enqueue-mail";
import { mailLog } from "./log";

export async function deliverMail(payload: unknown) {
  const mail = MailJobSchema.parse(payload);
  const { SMTP_URL, SMTP_STARTTLS, SMTP_OAUTH2_ACCESS_TOKEN, MAIL_FROM } = env();
  if (!SMTP_URL) {
    mailLog.info({ to: mail.to, subject: mail.subject }, "SMTP_URL is not set; mail not sent");
    return;
  }
  const answer = await sendMail(
    { url: SMTP_URL, starttls: SMTP_STARTTLS, oauth2AccessToken: SMTP_OAUTH2_ACCESS_TOKEN },
    { from: MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text },
  );
  mailLog.info({ to: mail.to, answer }, "mail accepted by the relay");
}
