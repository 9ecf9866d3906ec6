import { afterEach, describe, expect, it } from "vitest";
import { closeMailPools, sendMail, SmtpError, transportOptions, type SmtpSettings } from "./transport";
import { addressOf, oneLine } from "./message";
import {
  assertCleanHeaders,
  bodyText,
  headerBlock,
  headerValue,
  startSilentServer,
  startTestSmtpServer,
  type TestSmtpServer,
} from "@/test/smtp-server";

let server: TestSmtpServer | null = null;
let silent: Awaited<ReturnType<typeof startSilentServer>> | null = null;
afterEach(async () => {
  closeMailPools();
  await server?.close();
  await silent?.close();
  server = null;
  silent = null;
});

/** The local plain test server offers no STARTTLS: the transport to it only may skip TLS. */
const local = (port: number, extra: Partial<SmtpSettings> = {}): SmtpSettings => ({ url: `smtp://127.0.0.1:${port}`, starttls: "off", clientName: "portal.test", ...extra });
const mail = (over: Partial<{ from: string; to: string; subject: string; text: string }> = {}) => ({
  from: "Zhiji 智级 <no-reply@zhiji.local>",
  to: "vendor@example.com",
  subject: "Your case",
  text: "Hello",
  ...over,
});

describe("transport settings", () => {
  it("reads SMTP URLs with their conventional ports and encoded credentials; STARTTLS is required by default", () => {
    expect(transportOptions({ url: "smtp://relay.example.com" })).toMatchObject({ secure: false, port: 25, requireTLS: true, ignoreTLS: false, pool: true, auth: undefined });
    expect(transportOptions({ url: "smtp://u%40x:p%3Aw@relay.example.com" })).toMatchObject({ port: 587, auth: { user: "u@x", pass: "p:w" } });
    expect(transportOptions({ url: "smtps://relay.example.com" })).toMatchObject({ secure: true, port: 465, requireTLS: false });
    expect(transportOptions({ url: "smtp://relay.example.com", starttls: "optional" })).toMatchObject({ requireTLS: false, ignoreTLS: false });
    expect(transportOptions({ url: "smtp://u@relay.example.com", oauth2AccessToken: "tok" })).toMatchObject({ auth: { type: "OAuth2", user: "u", accessToken: "tok" } });
    expect(() => transportOptions({ url: "http://relay.example.com" })).toThrow(SmtpError);
    expect(() => transportOptions({ url: "not a url" })).toThrow(SmtpError);
  });

  it("STARTTLS may be switched off only for a relay on this machine", () => {
    expect(transportOptions({ url: "smtp://localhost:2525", starttls: "off" })).toMatchObject({ ignoreTLS: true, requireTLS: false });
    expect(() => transportOptions({ url: "smtp://relay.example.com", starttls: "off" })).toThrow(/only allowed for a relay on this machine/);
  });

  it("one line for header values; the envelope address out of a display form", () => {
    expect(oneLine("Hi\r\nBcc: victim@example.com")).toBe("Hi Bcc: victim@example.com");
    expect(addressOf("Zhiji <no-reply@zhiji.local>")).toBe("no-reply@zhiji.local");
    expect(addressOf("ops@zhiji.local")).toBe("ops@zhiji.local");
  });
});

describe("sending through smtp-server", () => {
  it("delivers a message: envelope, Chinese subject and sender name, and a body with leading dots intact", async () => {
    server = await startTestSmtpServer();
    const text = "Line one\n.starts with a dot\n..two dots\n您好，请登录门户。\nend";
    const answer = await sendMail(local(server.port), mail({ subject: "案件已退回：请补充材料，谢谢您的配合与支持", text }));
    expect(answer).toMatch(/^250 /);
    expect(server.messages).toHaveLength(1);
    const got = server.messages[0];
    expect(got.from).toBe("no-reply@zhiji.local");
    expect(got.to).toEqual(["vendor@example.com"]);
    assertCleanHeaders(got.data);
    expect(headerValue(got.data, "Subject")).toBe("案件已退回：请补充材料，谢谢您的配合与支持");
    expect(headerValue(got.data, "From")).toMatch(/智级.*<no-reply@zhiji\.local>/);
    expect(bodyText(got.data).replace(/\r\n/g, "\n")).toBe(text);
  });

  it("a subject with a line break arrives as one line and adds no header", async () => {
    server = await startTestSmtpServer();
    await sendMail(local(server.port), mail({ from: "Zhiji\r\nBcc: x@example.com <no-reply@zhiji.local>", subject: "Hi\r\nBcc: evil@example.com\u0007\u2028end" }));
    const got = server.messages[0];
    assertCleanHeaders(got.data);
    expect(headerBlock(got.data)).not.toMatch(/^Bcc:/im);
    expect(headerValue(got.data, "Subject")).toBe("Hi Bcc: evil@example.com end");
    expect(got.to).toEqual(["vendor@example.com"]);
  });

  it("an address that could inject a command is refused before connecting", async () => {
    server = await startTestSmtpServer();
    const e = await sendMail(local(server.port), mail({ to: "b@example.com>\r\nRCPT TO:<c@example.com" })).catch((x) => x);
    expect(e).toBeInstanceOf(SmtpError);
    expect(String(e.message)).toMatch(/Not a mail address/);
    expect(server.sessions).toHaveLength(0);
  });

  it("pools connections: several mails share one connection", async () => {
    server = await startTestSmtpServer();
    for (let i = 0; i < 3; i++) await sendMail(local(server.port), mail({ subject: `n${i}` }));
    expect(server.messages).toHaveLength(3);
    expect(server.sessions).toHaveLength(1);
  });

  it("STARTTLS is required by default: a relay that does not offer it gets no credentials and no mail", async () => {
    server = await startTestSmtpServer({ auth: { user: "portal", pass: "pw" } });
    const e = await sendMail({ url: `smtp://portal:pw@127.0.0.1:${server.port}` }, mail()).catch((x) => x);
    expect(e).toBeInstanceOf(SmtpError);
    expect(server.sessions.length).toBeGreaterThan(0);
    expect(server.sessions.every((s) => s.authMethod === null)).toBe(true);
    expect(server.messages).toHaveLength(0);
  });

  it("upgrades with STARTTLS before authenticating (PLAIN or LOGIN as the relay offers)", async () => {
    server = await startTestSmtpServer({ starttls: true, auth: { user: "portal", pass: "s3cret:pw" } });
    await sendMail({ url: `smtp://portal:${encodeURIComponent("s3cret:pw")}@localhost:${server.port}`, tls: { ca: server.certificate! } }, mail());
    const session = server.sessions[0];
    expect(session.secure).toBe(true);
    expect(session.user).toBe("portal");
    expect(["PLAIN", "LOGIN"]).toContain(session.authMethod);
    // The password crossed the wire only inside TLS.
    expect(session.authSecure).toBe(true);
    expect(server.messages).toHaveLength(1);
    expect(server.messages[0].secure).toBe(true);
  });

  it("authenticates with XOAUTH2 when given an access token", async () => {
    server = await startTestSmtpServer({ starttls: true, auth: { user: "portal@example.com", accessToken: "ya29.token" } });
    await sendMail({ url: `smtp://${encodeURIComponent("portal@example.com")}@localhost:${server.port}`, oauth2AccessToken: "ya29.token", tls: { ca: server.certificate! } }, mail());
    expect(server.sessions[0]).toMatchObject({ authMethod: "XOAUTH2", user: "portal@example.com", authSecure: true });
    expect(server.messages).toHaveLength(1);
  });

  it("a certificate it cannot trust stops the session before any credential is sent", async () => {
    server = await startTestSmtpServer({ starttls: true, auth: { user: "portal", pass: "pw" } });
    const e = await sendMail({ url: `smtp://portal:pw@localhost:${server.port}` }, mail()).catch((x) => x);
    expect(e).toBeInstanceOf(SmtpError);
    expect(server.sessions.every((s) => s.authMethod === null)).toBe(true);
    expect(server.messages).toHaveLength(0);
  });

  it("wrong credentials are refused with the server's code and no password in the error", async () => {
    server = await startTestSmtpServer({ starttls: true, auth: { user: "portal", pass: "right" } });
    const e = await sendMail({ url: `smtp://portal:wrong-password@localhost:${server.port}`, tls: { ca: server.certificate! } }, mail()).catch((x) => x);
    expect(e).toBeInstanceOf(SmtpError);
    expect(e.responseCode).toBe(535);
    expect(String(e.message)).not.toContain("wrong-password");
    expect(String(e.message)).not.toContain(Buffer.from("\0portal\0wrong-password").toString("base64"));
    expect(server.messages).toHaveLength(0);
  });

  it("a refused recipient fails the send and delivers nothing", async () => {
    server = await startTestSmtpServer({ refuse: ["gone@example.com"] });
    const e = await sendMail(local(server.port), mail({ to: "gone@example.com" })).catch((x) => x);
    expect(e).toBeInstanceOf(SmtpError);
    expect(e.responseCode).toBe(550);
    expect(server.messages).toHaveLength(0);
  });

  it("a server that never answers times out", async () => {
    silent = await startSilentServer();
    const started = Date.now();
    const e = await sendMail(local(silent.port, { timeoutMs: 300 }), mail()).catch((x) => x);
    expect(e).toBeInstanceOf(SmtpError);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
