// Sending mail through an SMTP relay with nodemailer: a pool of connections per relay, STARTTLS
// required on smtp:// unless configured otherwise, TLS from the start on smtps://, and the
// authentication nodemailer negotiates (PLAIN or LOGIN with the URL's credentials, XOAUTH2 with an
// access token). Header values are made one line before nodemailer encodes them: a line break in a
// subject or a display name can never add a header.
import type tls from "node:tls";
import nodemailer, { type Transporter } from "nodemailer";
import type SMTPPool from "nodemailer/lib/smtp-pool";
import { addressOf, oneLine } from "./message";

/**
 * required: refuse a relay that does not offer STARTTLS (nothing is sent in the clear);
 * optional: use STARTTLS when offered; off: never upgrade (only for a relay on this machine).
 */
export const SMTP_STARTTLS_MODES = ["required", "optional", "off"] as const;
export type StartTlsMode = (typeof SMTP_STARTTLS_MODES)[number];

export type SmtpSettings = {
  /** smtp://[user:pass@]host[:port] or smtps://… (TLS from the start). */
  url: string;
  starttls?: StartTlsMode;
  /** XOAUTH2 instead of PLAIN/LOGIN: the URL's user name with this access token. */
  oauth2AccessToken?: string;
  /** Extra TLS settings (a private CA, for example). */
  tls?: tls.ConnectionOptions;
  timeoutMs?: number;
  /** The name given in EHLO. */
  clientName?: string;
};

export class SmtpError extends Error {
  constructor(
    message: string,
    readonly responseCode?: number,
  ) {
    super(message);
    this.name = "SmtpError";
  }
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\./.test(host);
}

/** nodemailer's pool options for these settings; throws SmtpError for a URL or mode it cannot use. */
export function transportOptions(settings: SmtpSettings): SMTPPool.Options {
  let u: URL;
  try {
    u = new URL(settings.url);
  } catch {
    throw new SmtpError("SMTP_URL is not a URL");
  }
  if (u.protocol !== "smtp:" && u.protocol !== "smtps:") throw new SmtpError("SMTP_URL must start with smtp:// or smtps://");
  const host = u.hostname.replace(/^\[|\]$/g, "");
  if (!host) throw new SmtpError("SMTP_URL names no host");
  const secure = u.protocol === "smtps:";
  const user = u.username ? decodeURIComponent(u.username) : null;
  const pass = u.password ? decodeURIComponent(u.password) : null;
  const mode = settings.starttls ?? "required";
  if (!secure && mode === "off" && !isLoopback(host)) {
    throw new SmtpError("SMTP_STARTTLS=off is only allowed for a relay on this machine (localhost); use required, optional or smtps://");
  }
  // Submission with credentials is on 587 by convention; plain relay on 25; implicit TLS on 465.
  const port = u.port ? Number(u.port) : secure ? 465 : user ? 587 : 25;
  const timeout = settings.timeoutMs ?? 30_000;
  const auth: SMTPPool.Options["auth"] = settings.oauth2AccessToken
    ? { type: "OAuth2", user: user ?? "", accessToken: settings.oauth2AccessToken }
    : user !== null
      ? { user, pass: pass ?? "" }
      : undefined;
  return {
    pool: true,
    maxConnections: 2,
    maxMessages: 100,
    host,
    port,
    secure,
    requireTLS: !secure && mode === "required",
    ignoreTLS: !secure && mode === "off",
    auth,
    tls: { servername: /^[\d.:]+$/.test(host) ? undefined : host, ...settings.tls },
    name: settings.clientName,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

const g = globalThis as unknown as { zhijiMailPools?: Map<string, Transporter<SMTPPool.SentMessageInfo>> };
const pools = (g.zhijiMailPools ??= new Map());

function poolFor(settings: SmtpSettings): Transporter<SMTPPool.SentMessageInfo> {
  const key = JSON.stringify([settings.url, settings.starttls ?? "required", settings.oauth2AccessToken ?? null, settings.timeoutMs ?? null, settings.clientName ?? null, settings.tls?.ca ?? null]);
  let pool = pools.get(key);
  if (!pool) {
    pool = nodemailer.createTransport(transportOptions(settings));
    pools.set(key, pool);
  }
  return pool;
}

/** Closes every pooled connection (tests, and a process that is shutting down). */
export function closeMailPools() {
  for (const pool of pools.values()) pool.close();
  pools.clear();
}

export type OutgoingMail = { from: string; to: string; subject: string; text: string };

const ADDRESS = /^[^\s<>@\u0000-\u001f\u007f]+@[^\s<>@\u0000-\u001f\u007f]+$/;

/** Sends one plain-text mail; resolves with the relay's answer ("250 …"), throws SmtpError when refused. */
export async function sendMail(settings: SmtpSettings, mail: OutgoingMail): Promise<string> {
  const from = addressOf(mail.from);
  for (const addr of [from, mail.to]) {
    if (!ADDRESS.test(addr)) throw new SmtpError(`Not a mail address: ${JSON.stringify(addr)}`);
  }
  const display = oneLine(mail.from.slice(0, Math.max(0, mail.from.lastIndexOf("<"))).replace(/"/g, ""));
  try {
    const info = await poolFor(settings).sendMail({
      from: display ? { name: display, address: from } : from,
      to: mail.to,
      subject: oneLine(mail.subject),
      text: mail.text,
      textEncoding: "base64",
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    return info.response;
  } catch (e) {
    const err = e as Error & { responseCode?: number; response?: string };
    throw new SmtpError(`SMTP: ${err.message}`, err.responseCode);
  }
}
