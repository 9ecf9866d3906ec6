import { registerJobHandler } from "@/lib/outbox/worker";
import { MAIL_JOB } from "./enqueue-mail";
import { deliverMail } from "./deliver-mail";
import { CASE_NOTICE_JOB, deliverCaseNotice } from "./case-notifications";

/** Call once per process before running the outbox (lib/jobs.ts, lib/outbox/kick.ts). */
export function registerMailJobs() {
  registerJobHandler(MAIL_JOB, deliverMail);
  registerJobHandler(CASE_NOTICE_JOB, deliverCaseNotice);
}
