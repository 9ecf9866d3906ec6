// Structured logs: one line of JSON per event on stdout (pino), so a log collector can filter by
// field. Fields in use: `component` (outbox, mail, expiry, api, background), `reqId` (the request's
// id: the proxy's x-request-id, or one made here), `caseId` where a case is concerned, `jobId`,
// `kind`, and `err` (pino's error serialiser: type, message, stack). The level comes from LOG_LEVEL
// (trace … fatal, or silent); under Vitest the default is silent so that tests stay quiet.
import pino, { type Logger } from "pino";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/http/request-id";

export type { Logger };

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;

function levelFromEnv(): string {
  const wanted = process.env.LOG_LEVEL?.trim().toLowerCase();
  if (wanted && (LOG_LEVELS as readonly string[]).includes(wanted)) return wanted;
  return process.env.VITEST ? "silent" : "info";
}

const g = globalThis as unknown as { zhijiLog?: Logger };

/** The process's root logger (one per process, also across Next's module reloads). */
export const log: Logger = (g.zhijiLog ??= pino({
  level: levelFromEnv(),
  base: { service: "zhiji" },
  timestamp: pino.stdTimeFunctions.isoTime,
  // Secrets never reach a log line, whatever a caller passes.
  redact: { paths: ["password", "pass", "token", "secret", "*.password", "*.pass", "*.token", "*.secret", "auth"], censor: "[redacted]" },
}));

/** A logger for one part of the portal: every line carries `component`. */
export function logFor(component: string, fields: Record<string, unknown> = {}): Logger {
  return log.child({ component, ...fields });
}


/** A logger for one request: `reqId` from x-request-id (or a new one), and the case id if there is one. */
export function requestLog(headers: Headers | null | undefined, fields: { component?: string; caseId?: string | null } = {}): Logger {
  const { component = "api", caseId } = fields;
  return log.child({ component, reqId: requestIdFrom(headers?.get(REQUEST_ID_HEADER)), ...(caseId ? { caseId } : {}) });
}
