// An SMTP server for tests (the `smtp-server` package): it records every connection and message so
// that tests can check what the portal really sent. Plain by default (STARTTLS disabled, for a
// transport with SMTP_STARTTLS=off); with `starttls` it offers STARTTLS with a throw-away
// certificate for localhost; with `auth` it requires PLAIN, LOGIN or XOAUTH2 before MAIL.
import crypto from "node:crypto";
import net from "node:net";
import forge from "node-forge";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";

export type ReceivedMail = { from: string; to: string[]; /** The message as received (headers and body, CRLF). */ data: string; secure: boolean };
export type SmtpSession = { id: string; secure: boolean; user: string | null; authMethod: string | null; /** Whether the connection was encrypted when AUTH came. */ authSecure: boolean | null };

export type TestSmtpOptions = {
  /** Offer STARTTLS with a self-signed certificate for "localhost". */
  starttls?: boolean;
  /** Require authentication with these credentials (a password for PLAIN/LOGIN, an access token for XOAUTH2). */
  auth?: { user: string; pass?: string; accessToken?: string };
  /** Recipients answered with 550. */
  refuse?: string[];
};

/** A self-signed certificate for localhost, made fresh for each test run. */
export function selfSignedCertificate() {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
  });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  cert.serialNumber = "01";
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  const name = [{ name: "commonName", value: "localhost" }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: "basicConstraints", cA: true },
    { name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }, { type: 7, ip: "127.0.0.1" }] },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(privateKey), forge.md.sha256.create());
  return { key: privateKey, cert: forge.pki.certificateToPem(cert) };
}

export async function startTestSmtpServer(options: TestSmtpOptions = {}) {
  const messages: ReceivedMail[] = [];
  const sessions: SmtpSession[] = [];
  const credentials = options.starttls ? selfSignedCertificate() : null;
  const byId = new Map<string, SmtpSession>();
  const settings: SMTPServerOptions = {
    logger: false,
    banner: "test.smtp ESMTP ready",
    authOptional: !options.auth,
    authMethods: ["PLAIN", "LOGIN", "XOAUTH2"],
    disabledCommands: credentials ? [] : ["STARTTLS"],
    ...(credentials ? { key: credentials.key, cert: credentials.cert } : {}),
    // Tests send credentials to a plain server on purpose (to see whether the client refuses).
    allowInsecureAuth: true,
    onConnect(session, callback) {
      const s: SmtpSession = { id: session.id, secure: Boolean(session.secure), user: null, authMethod: null, authSecure: null };
      sessions.push(s);
      byId.set(session.id, s);
      callback();
    },
    onSecure(_socket, session, callback) {
      const s = byId.get(session.id);
      if (s) s.secure = true;
      callback();
    },
    onAuth(auth, session, callback) {
      const s = byId.get(session.id);
      if (s) {
        s.authMethod = auth.method;
        s.authSecure = Boolean(session.secure);
      }
      const want = options.auth;
      const ok =
        want &&
        auth.username === want.user &&
        (auth.method === "XOAUTH2" ? want.accessToken !== undefined && auth.accessToken === want.accessToken : want.pass !== undefined && auth.password === want.pass);
      if (!ok) return callback(new Error("Authentication credentials invalid"));
      if (s) s.user = auth.username ?? null;
      callback(null, { user: auth.username });
    },
    onRcptTo(address, _session, callback) {
      if (options.refuse?.includes(address.address)) {
        const e = new Error("No such user here") as Error & { responseCode: number };
        e.responseCode = 550;
        return callback(e);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString("utf8"),
          secure: Boolean(session.secure),
        });
        callback(null, "Ok: queued as TEST1");
      });
    },
  };
  const server = new SMTPServer(settings);
  server.on("error", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as net.AddressInfo).port;
  return {
    port,
    messages,
    sessions,
    certificate: credentials?.cert ?? null,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type TestSmtpServer = Awaited<ReturnType<typeof startTestSmtpServer>>;

/** A server that accepts connections and never says a word (for timeouts). */
export async function startSilentServer() {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on("error", () => undefined);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The header block of a received message (up to the first empty line). */
export function headerBlock(data: string): string {
  return data.split("\r\n\r\n")[0];
}

/** A header's value with folding undone and RFC 2047 words (B and Q) decoded, as a mail reader shows it. */
export function headerValue(data: string, name: string): string | null {
  const m = headerBlock(data).match(new RegExp(`^${name}: ?(.*(?:\\r\\n[ \\t].*)*)`, "mi"));
  if (!m) return null;
  return m[1]
    .replace(/\r\n[ \t]+/g, " ")
    // White space between two encoded words is not part of the text (RFC 2047 §6.2).
    .replace(/\?=[ \t]+=\?/g, "?==?")
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m: string, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8"),
    );
}

/** The text body of a received single-part message, decoded from its transfer encoding. */
export function bodyText(data: string): string {
  const head = headerBlock(data);
  const body = data.slice(head.length + 4);
  const encoding = (headerValue(data, "Content-Transfer-Encoding") ?? "7bit").toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\r\n/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") {
    return Buffer.from(body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8");
  }
  // SMTP ends the data with a line break of its own.
  return body.replace(/\r\n$/, "");
}

/**
 * Asserts the header block is what a mail reader would read as intended: CRLF-separated lines,
 * each a "Name: value" header or a folded continuation, no bare CR or LF, no other control
 * character, and From, To, Subject… at most once. Throws with the offending line.
 */
export function assertCleanHeaders(data: string): void {
  const single = new Set(["from", "sender", "reply-to", "to", "cc", "bcc", "subject", "date", "message-id", "mime-version", "content-type", "content-transfer-encoding"]);
  const seen = new Set<string>();
  headerBlock(data)
    .split("\r\n")
    .forEach((line, i) => {
      if (/[\r\n]/.test(line)) throw new Error(`Header line ${i + 1} carries a bare line break`);
      if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(line)) throw new Error(`Header line ${i + 1} carries a control character`);
      if (/^[ \t]/.test(line)) return;
      const m = line.match(/^([!-9;-~]+):/);
      if (!m) throw new Error(`Header line ${i + 1} is not a header: ${line.slice(0, 80)}`);
      const name = m[1].toLowerCase();
      if (single.has(name)) {
        if (seen.has(name)) throw new Error(`A second ${m[1]} header`);
        seen.add(name);
      }
    });
}
