import { logFor } from "@/lib/log";

/** The mail side's log lines (component "mail"). */
export const mailLog = logFor("mail");
