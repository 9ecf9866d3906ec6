// A tiny SMTP server for tests (node:net, STARTTLS with a throw-away certificate, AUTH PLAIN):
// it records every session and message so tests can check what the client really sent.
import crypto from "node:crypto";
import net from "node:net";
import tls from "node:tls";
import forge from "node-forge";

export type ReceivedMail = { from: string; to: string[]; /** DATA as sent (dot-stuffed). */ raw: string; /** DATA as meant. */ data: string };
export type SmtpSession = { commands: string[]; secure: boolean; user: string | null };

export type TestSmtpOptions = {
  /** Offer STARTTLS with a self-signed certificate for "localhost". */
  starttls?: boolean;
  /** Require AUTH PLAIN with these credentials before MAIL. */
  auth?: { user: string; pass: string };
  /** Recipients answered with 550. */
  refuse?: string[];
  /** Accept the connection but never greet (for timeouts). */
  silent?: boolean;
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
  const sockets = new Set<net.Socket>();

  const server = net.createServer((raw) => {
    sockets.add(raw);
    raw.on("close", () => sockets.delete(raw));
    raw.on("error", () => undefined);
    const session: SmtpSession = { commands: [], secure: false, user: null };
    sessions.push(session);
    if (options.silent) return;
    let socket: net.Socket = raw;
    let buffer = "";
    let inData = false;
    let dataLines: string[] = [];
    let envelope = { from: "", to: [] as string[] };
    const send = (...lines: string[]) => socket.write(lines.map((l) => `${l}\r\n`).join(""));

    const onData = (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      let i: number;
      while ((i = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (handle(line) === "upgrade") return;
      }
    };

    function handle(line: string): "upgrade" | void {
      if (inData) {
        if (line === ".") {
          inData = false;
          messages.push({ ...envelope, raw: dataLines.join("\r\n"), data: dataLines.map((l) => (l.startsWith(".") ? l.slice(1) : l)).join("\r\n") });
          dataLines = [];
          send("250 2.0.0 Ok: queued as TEST1");
        } else dataLines.push(line);
        return;
      }
      session.commands.push(line);
      const verb = line.split(" ")[0].toUpperCase();
      const arg = line.slice(verb.length).trim();
      switch (verb) {
        case "EHLO":
          send(
            "250-test.smtp greets you",
            "250-8BITMIME",
            ...(credentials && !session.secure ? ["250-STARTTLS"] : []),
            ...(options.auth ? ["250-AUTH LOGIN PLAIN"] : []),
            "250 SIZE 10240000",
          );
          return;
        case "STARTTLS": {
          send("220 2.0.0 Ready to start TLS");
          raw.off("data", onData);
          const secure = new tls.TLSSocket(raw, { isServer: true, key: credentials!.key, cert: credentials!.cert });
          secure.on("error", () => undefined);
          secure.on("data", onData);
          socket = secure;
          session.secure = true;
          buffer = "";
          return "upgrade";
        }
        case "AUTH": {
          const [mechanism, token] = arg.split(" ");
          const [, user, pass] = Buffer.from(token ?? "", "base64").toString("utf8").split("\0");
          if (mechanism?.toUpperCase() === "PLAIN" && options.auth && user === options.auth.user && pass === options.auth.pass) {
            session.user = user;
            send("235 2.7.0 Authentication successful");
          } else send("535 5.7.8 Authentication credentials invalid");
          return;
        }
        case "MAIL":
          if (options.auth && !session.user) return void send("530 5.7.0 Authentication required");
          envelope = { from: arg.replace(/^FROM:<(.*)>.*$/i, "$1"), to: [] };
          return void send("250 2.1.0 Ok");
        case "RCPT": {
          const to = arg.replace(/^TO:<(.*)>.*$/i, "$1");
          if (options.refuse?.includes(to)) return void send("550 5.1.1 No such user here");
          envelope.to.push(to);
          return void send("250 2.1.5 Ok");
        }
        case "DATA":
          if (envelope.to.length === 0) return void send("554 5.5.1 No valid recipients");
          inData = true;
          return void send("354 End data with <CR><LF>.<CR><LF>");
        case "QUIT":
          send("221 2.0.0 Bye");
          socket.end();
          return;
        default:
          send("502 5.5.2 Command not recognized");
      }
    }

    raw.on("data", onData);
    send("220 test.smtp ESMTP ready");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    messages,
    sessions,
    certificate: credentials?.cert ?? null,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
export type TestSmtpServer = Awaited<ReturnType<typeof startTestSmtpServer>>;
