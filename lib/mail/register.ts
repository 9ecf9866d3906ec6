import { registerJobHandler } from "@/lib/outbox/worker";
import { MAIL_JOB } from "./enqueue-mail";
import { deliverMail } from "./deliver-mail";

/** Call once per process before running the outbox (lib/jobs.ts, lib/outbox/kick.ts). */
export function registerMailJobs() {
  registerJobHandler(MAIL_JOB, deliverMail);
}
