// The outbox handler of a mail job: through SMTP when SMTP_URL is set; otherwise the mail is only
// logged (development and demos run without a relay) and the job counts as done.
import "server-only";
import { env } from "@/lib/env";
import { composeMessage, addressOf } from "./message";
import { sendSmtp } from "./smtp-client";
import { MailJobSchema } from "./enqueue-mail";

export async function deliverMail(payload: unknown) {
  const mail = MailJobSchema.parse(payload);
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) {
    console.log(`[mail] SMTP_URL is not set; not sent: to=${mail.to} subject=${JSON.stringify(mail.subject)}`);
    return;
  }
  const message = composeMessage({ from: MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text });
  await sendSmtp({ url: SMTP_URL }, { from: addressOf(MAIL_FROM), to: [mail.to] }, message);
}
