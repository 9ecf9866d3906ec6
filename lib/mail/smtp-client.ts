// A minimal SMTP client (RFC 5321) over node:net / node:tls: EHLO, STARTTLS when offered,
// AUTH PLAIN when the URL carries credentials, MAIL FROM, RCPT TO, DATA (dot-stuffed), QUIT.
// Written by hand because no mail package is installed; it covers what a relay needs, no more.
import net from "node:net";
import os from "node:os";
import tls from "node:tls";

export type SmtpOptions = {
  /** smtp://[user:pass@]host[:port] (STARTTLS when offered) or smtps://… (TLS from the start). */
  url: string;
  /** Extra TLS settings (a private CA, for example). */
  tls?: tls.ConnectionOptions;
  timeoutMs?: number;
  /** The name given in EHLO. */
  clientName?: string;
};

export type Envelope = { from: string; to: string[] };

export class SmtpError extends Error {
  constructor(
    message: string,
    readonly code?: number,
  ) {
    super(message);
    this.name = "SmtpError";
  }
}

type Reply = { code: number; lines: string[] };

type Target = { secure: boolean; host: string; port: number; user: string | null; pass: string | null };

export function parseSmtpUrl(url: string): Target {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new SmtpError("SMTP_URL is not a URL");
  }
  if (u.protocol !== "smtp:" && u.protocol !== "smtps:") throw new SmtpError("SMTP_URL must start with smtp:// or smtps://");
  if (!u.hostname) throw new SmtpError("SMTP_URL names no host");
  const secure = u.protocol === "smtps:";
  const user = u.username ? decodeURIComponent(u.username) : null;
  const pass = u.password ? decodeURIComponent(u.password) : null;
  // Submission with credentials is on 587 by convention; plain relay on 25; implicit TLS on 465.
  const port = u.port ? Number(u.port) : secure ? 465 : user ? 587 : 25;
  return { secure, host: u.hostname.replace(/^\[|\]$/g, ""), port, user, pass };
}

/**
 * DATA payload: CRLF line endings, every line starting with "." gets one more (RFC 5321 §4.5.2),
 * and the terminating "<CRLF>.<CRLF>".
 */
export function dotStuff(message: string): string {
  let data = message.replace(/\r\n|\r|\n/g, "\r\n");
  if (!data.endsWith("\r\n")) data += "\r\n";
  return data.replace(/^\./gm, "..") + ".\r\n";
}

/** Headers a message carries at most once (RFC 5322 §3.6, RFC 2045): a second one is an injection. */
const SINGLE_HEADERS = new Set([
  "from", "sender", "reply-to", "to", "cc", "bcc", "subject", "date", "message-id",
  "mime-version", "content-type", "content-transfer-encoding",
]);

/**
 * Defence in depth against header injection, whoever composed the message: the header block (up
 * to the first empty line) must be CRLF-separated lines, each a "Name: value" header or a folded
 * continuation, with no bare CR or LF (which the line-ending normalisation of DATA would turn into
 * a new header line), no other control character, and no second From, To, Subject… A message whose
 * first line is no header has no header block (the relay adds what it needs). Throws before
 * anything is sent.
 */
export function checkHeaderBlock(message: string): void {
  const end = message.indexOf("\r\n\r\n");
  const lines = (end < 0 ? message : message.slice(0, end)).split("\r\n");
  if (/[\r\n]/.test(lines[0])) throw new SmtpError("Header line 1 carries a bare line break");
  if (!/^[!-9;-~]+:/.test(lines[0])) return;
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    if (end < 0 && i === lines.length - 1 && line === "") return; // the final CRLF of a message without body
    if (/[\r\n]/.test(line)) throw new SmtpError(`Header line ${i + 1} carries a bare line break`);
    if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(line)) throw new SmtpError(`Header line ${i + 1} carries a control character`);
    if (/^[ \t]/.test(line)) return;
    const m = line.match(/^([!-9;-~]+):/);
    if (!m) throw new SmtpError(`Header line ${i + 1} is not a header`);
    const name = m[1].toLowerCase();
    if (SINGLE_HEADERS.has(name)) {
      if (seen.has(name)) throw new SmtpError(`The message carries a second ${m[1]} header`);
      seen.add(name);
    }
  });
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\./.test(host);
}

/** Reads SMTP replies (possibly multi-line: "250-…" continues, "250 …" ends) from a socket. */
class ReplyReader {
  private buffer = "";
  private pending: string[] = [];
  private replies: Reply[] = [];
  private waiter: { resolve: (r: Reply) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;
  private socket: net.Socket | null = null;
  private readonly onData = (chunk: Buffer) => this.push(chunk.toString("utf8"));
  private readonly onError = (e: Error) => this.fail(e);
  private readonly onClose = () => this.fail(new SmtpError("The SMTP server closed the connection"));

  attach(socket: net.Socket) {
    this.detach();
    this.socket = socket;
    socket.on("data", this.onData);
    socket.on("error", this.onError);
    socket.on("close", this.onClose);
  }

  detach() {
    this.socket?.off("data", this.onData);
    this.socket?.off("error", this.onError);
    this.socket?.off("close", this.onClose);
    this.socket = null;
  }

  fail(e: Error) {
    this.failure ??= e;
    this.waiter?.reject(this.failure);
    this.waiter = null;
  }

  private push(text: string) {
    this.buffer += text;
    let i: number;
    while ((i = this.buffer.indexOf("\n")) >= 0) {
      const line = this.buffer.slice(0, i).replace(/\r$/, "");
      this.buffer = this.buffer.slice(i + 1);
      const m = line.match(/^(\d{3})([ -]?)(.*)$/);
      if (!m) {
        this.fail(new SmtpError(`The SMTP server sent an unreadable line: ${line.slice(0, 80)}`));
        return;
      }
      this.pending.push(m[3]);
      if (m[2] !== "-") {
        this.replies.push({ code: Number(m[1]), lines: this.pending });
        this.pending = [];
      }
    }
    if (this.waiter && this.replies.length) {
      const w = this.waiter;
      this.waiter = null;
      w.resolve(this.replies.shift()!);
    }
  }

  next(): Promise<Reply> {
    if (this.replies.length) return Promise.resolve(this.replies.shift()!);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
  }
}

function connect(target: Target, options: SmtpOptions): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const servername = net.isIP(target.host) ? undefined : target.host;
    const socket = target.secure
      ? tls.connect({ host: target.host, port: target.port, servername, ...options.tls }, () => done())
      : net.connect({ host: target.host, port: target.port }, () => done());
    const onError = (e: Error) => reject(new SmtpError(`Cannot reach the SMTP server ${target.host}:${target.port}: ${e.message}`));
    socket.once("error", onError);
    function done() {
      socket.off("error", onError);
      resolve(socket);
    }
  });
}

function upgrade(socket: net.Socket, target: Target, options: SmtpOptions): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const servername = net.isIP(target.host) ? undefined : target.host;
    const secure = tls.connect({ socket, servername, ...options.tls }, () => {
      secure.off("error", onError);
      resolve(secure);
    });
    const onError = (e: Error) => reject(new SmtpError(`STARTTLS failed: ${e.message}`));
    secure.once("error", onError);
  });
}

/** Sends one message to every recipient of the envelope; resolves with the server's final answer. */
export async function sendSmtp(options: SmtpOptions, envelope: Envelope, message: string): Promise<string> {
  const target = parseSmtpUrl(options.url);
  if (envelope.to.length === 0) throw new SmtpError("A mail needs at least one recipient");
  for (const addr of [envelope.from, ...envelope.to]) {
    if (/[\u0000-\u001f\u007f<>\s]/.test(addr) || !addr.includes("@")) throw new SmtpError(`Not a mail address: ${JSON.stringify(addr)}`);
  }
  checkHeaderBlock(message);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const name = options.clientName ?? (os.hostname().replace(/[^A-Za-z0-9.-]/g, "") || "localhost");

  let socket: net.Socket = await connect(target, options);
  const reader = new ReplyReader();
  const arm = (s: net.Socket) => {
    s.setTimeout(timeoutMs, () => {
      reader.fail(new SmtpError(`The SMTP server did not answer within ${timeoutMs} ms`));
      s.destroy();
    });
    reader.attach(s);
  };
  arm(socket);

  const write = (data: string) =>
    new Promise<void>((resolve, reject) => socket.write(data, (e) => (e ? reject(new SmtpError(`Writing to the SMTP server failed: ${e.message}`)) : resolve())));
  const expect = async (what: string, codes: number[]) => {
    const r = await reader.next();
    if (!codes.includes(r.code)) throw new SmtpError(`SMTP ${what} refused: ${r.code} ${r.lines.join(" ")}`, r.code);
    return r;
  };
  // `shown` keeps credentials out of error messages.
  const command = async (line: string, codes: number[], shown = line.split(" ")[0]) => {
    await write(`${line}\r\n`);
    return expect(shown, codes);
  };
  const ehlo = async () => {
    const r = await command(`EHLO ${name}`, [250]);
    return new Set(r.lines.slice(1).map((l) => l.toUpperCase()));
  };

  try {
    await expect("greeting", [220]);
    let extensions = await ehlo();
    let encrypted = target.secure;
    if (!encrypted && extensions.has("STARTTLS")) {
      await command("STARTTLS", [220]);
      reader.detach();
      socket.setTimeout(0);
      socket = await upgrade(socket, target, options);
      arm(socket);
      encrypted = true;
      extensions = await ehlo();
    }
    if (target.user !== null) {
      // A password never travels in the clear, except to a relay on this very machine.
      if (!encrypted && !isLoopback(target.host)) {
        throw new SmtpError("Refusing to send SMTP credentials over an unencrypted connection (the server offers no STARTTLS; use smtps://)");
      }
      const mechanisms = [...extensions].filter((e) => e.startsWith("AUTH")).join(" ");
      if (!/\bPLAIN\b/.test(mechanisms)) throw new SmtpError("The SMTP server does not offer AUTH PLAIN");
      const token = Buffer.from(`\0${target.user}\0${target.pass ?? ""}`, "utf8").toString("base64");
      await command(`AUTH PLAIN ${token}`, [235], "AUTH");
    }
    await command(`MAIL FROM:<${envelope.from}>`, [250]);
    for (const to of envelope.to) await command(`RCPT TO:<${to}>`, [250, 251]);
    await command("DATA", [354]);
    await write(dotStuff(message));
    const accepted = await expect("message", [250]);
    // The message is accepted at this point; a failing QUIT changes nothing.
    await command("QUIT", [221]).catch(() => undefined);
    return `${accepted.code} ${accepted.lines.join(" ")}`;
  } finally {
    reader.detach();
    // A late reset after we are done must not surface as an unhandled 'error' event.
    socket.on("error", () => undefined);
    socket.destroy();
  }
}
