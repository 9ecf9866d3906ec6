import { afterEach, describe, expect, it } from "vitest";
import { checkHeaderBlock, dotStuff, parseSmtpUrl, sendSmtp, SmtpError } from "./smtp-client";
import { composeMessage, addressOf, encodeHeaderWord } from "./message";
import { startTestSmtpServer, type TestSmtpServer } from "./test-smtp-server";

let server: TestSmtpServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** Decodes RFC 2047 words back to text, as a mail reader would. */
function decodeWords(header: string) {
  return header.replace(/\r\n /g, "").replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_, b64) => Buffer.from(b64, "base64").toString("utf8"));
}

function headerOf(message: string, name: string) {
  const head = message.split("\r\n\r\n")[0];
  const m = head.match(new RegExp(`^${name}: (.*(?:\\r\\n .*)*)`, "m"));
  return m ? m[1] : null;
}

describe("dot-stuffing and message text", () => {
  it("doubles a leading dot on every line, uses CRLF, and ends with the terminator", () => {
    expect(dotStuff("a\n.b\n..c\r\nd")).toBe("a\r\n..b\r\n...c\r\nd\r\n.\r\n");
    expect(dotStuff(".\n")).toBe("..\r\n.\r\n");
    // A dot inside a line is left alone.
    expect(dotStuff("1.5 seconds\r\n")).toBe("1.5 seconds\r\n.\r\n");
  });

  it("encodes Chinese subjects and bodies so any relay carries them, and keeps ASCII readable", () => {
    const zh = composeMessage({ from: "智级 <no-reply@zhiji.local>", to: "a@example.cn", subject: "案件已退回：请补充材料，谢谢您的配合与支持", text: "您好\n请登录门户。" });
    expect(decodeWords(headerOf(zh, "Subject")!)).toBe("案件已退回：请补充材料，谢谢您的配合与支持");
    // Long subjects are split into several encoded words, none longer than 75 characters.
    for (const word of headerOf(zh, "Subject")!.split(/\r\n /)) expect(word.length).toBeLessThanOrEqual(75);
    expect(decodeWords(headerOf(zh, "From")!)).toBe("智级 <no-reply@zhiji.local>");
    expect(headerOf(zh, "Content-Transfer-Encoding")).toBe("base64");
    const body = zh.split("\r\n\r\n")[1];
    expect(Buffer.from(body.replace(/\r\n/g, ""), "base64").toString("utf8")).toBe("您好\n请登录门户。");

    const en = composeMessage({ from: "Zhiji <no-reply@zhiji.local>", to: "a@example.com", subject: "Case returned", text: "Hello\n.hidden line" });
    expect(headerOf(en, "Content-Transfer-Encoding")).toBe("7bit");
    expect(en.split("\r\n\r\n")[1]).toBe("Hello\r\n.hidden line\r\n");
  });

  it("a line break in a subject cannot add a header", () => {
    expect(encodeHeaderWord("Hi\r\nBcc: victim@example.com")).toBe("Hi Bcc: victim@example.com");
    const m = composeMessage({ from: "a@b.c", to: "d@e.f", subject: "x\nBcc: v@example.com", text: "t" });
    expect(m).not.toMatch(/^Bcc:/m);
  });

  it("reads the envelope address out of a display form", () => {
    expect(addressOf("Zhiji <no-reply@zhiji.local>")).toBe("no-reply@zhiji.local");
    expect(addressOf("ops@zhiji.local")).toBe("ops@zhiji.local");
  });

  it("parses SMTP URLs with their conventional ports and encoded credentials", () => {
    expect(parseSmtpUrl("smtp://relay.example.com")).toMatchObject({ secure: false, port: 25, user: null });
    expect(parseSmtpUrl("smtp://u%40x:p%3Aw@relay.example.com")).toMatchObject({ port: 587, user: "u@x", pass: "p:w" });
    expect(parseSmtpUrl("smtps://relay.example.com")).toMatchObject({ secure: true, port: 465 });
    expect(() => parseSmtpUrl("http://relay.example.com")).toThrow(SmtpError);
  });
});

describe("the SMTP client against a live server", () => {
  it("delivers a message: envelope, DATA dot-stuffed on the wire and intact after un-stuffing", async () => {
    server = await startTestSmtpServer();
    const message = composeMessage({ from: "Zhiji <no-reply@zhiji.local>", to: "vendor@example.com", subject: "Your case", text: "Line one\n.starts with a dot\n..two dots\nend" });
    const answer = await sendSmtp({ url: `smtp://127.0.0.1:${server.port}`, clientName: "portal.test" }, { from: "no-reply@zhiji.local", to: ["vendor@example.com", "second@example.com"] }, message);
    expect(answer).toMatch(/^250 /);
    expect(server.messages).toHaveLength(1);
    const got = server.messages[0];
    expect(got.from).toBe("no-reply@zhiji.local");
    expect(got.to).toEqual(["vendor@example.com", "second@example.com"]);
    expect(got.raw).toContain("\r\n..starts with a dot\r\n...two dots\r\n");
    expect(got.data + "\r\n").toBe(message);
    expect(server.sessions[0].commands[0]).toBe("EHLO portal.test");
    expect(server.sessions[0].commands.at(-1)).toBe("QUIT");
  });

  it("upgrades with STARTTLS before authenticating with AUTH PLAIN", async () => {
    server = await startTestSmtpServer({ starttls: true, auth: { user: "portal", pass: "s3cret:pw" } });
    const message = composeMessage({ from: "a@zhiji.local", to: "b@example.com", subject: "s", text: "t" });
    await sendSmtp(
      { url: `smtp://portal:${encodeURIComponent("s3cret:pw")}@localhost:${server.port}`, tls: { ca: server.certificate! } },
      { from: "a@zhiji.local", to: ["b@example.com"] },
      message,
    );
    const session = server.sessions[0];
    expect(session.secure).toBe(true);
    expect(session.user).toBe("portal");
    // AUTH came only after STARTTLS: the password never crossed the wire in the clear.
    expect(session.commands.findIndex((c) => c.startsWith("AUTH"))).toBeGreaterThan(session.commands.indexOf("STARTTLS"));
    expect(server.messages).toHaveLength(1);
  });

  it("a certificate it cannot trust stops the session before any credential is sent", async () => {
    server = await startTestSmtpServer({ starttls: true, auth: { user: "portal", pass: "pw" } });
    const e = await sendSmtp({ url: `smtp://portal:pw@localhost:${server.port}` }, { from: "a@zhiji.local", to: ["b@example.com"] }, "x\r\n").catch((x) => x);
    expect(e).toBeInstanceOf(SmtpError);
    expect(String(e.message)).toMatch(/STARTTLS failed/);
    expect(server.sessions[0].commands.some((c) => c.startsWith("AUTH"))).toBe(false);
  });

  it("wrong credentials are refused with the server's code and no password in the error", async () => {
    server = await startTestSmtpServer({ starttls: true, auth: { user: "portal", pass: "right" } });
    const e = await sendSmtp(
      { url: `smtp://portal:wrong-password@localhost:${server.port}`, tls: { ca: server.certificate! } },
      { from: "a@zhiji.local", to: ["b@example.com"] },
      "x\r\n",
    ).catch((x) => x);
    expect(e).toBeInstanceOf(SmtpError);
    expect(e.code).toBe(535);
    expect(String(e.message)).not.toContain("wrong-password");
    expect(String(e.message)).not.toContain(Buffer.from("\0portal\0wrong-password").toString("base64"));
    expect(server.messages).toHaveLength(0);
  });

  it("a refused recipient fails the send and delivers nothing", async () => {
    server = await startTestSmtpServer({ refuse: ["gone@example.com"] });
    const e = await sendSmtp({ url: `smtp://127.0.0.1:${server.port}` }, { from: "a@zhiji.local", to: ["gone@example.com"] }, "x\r\n").catch((x) => x);
    expect(e).toBeInstanceOf(SmtpError);
    expect(e.code).toBe(550);
    expect(server.messages).toHaveLength(0);
  });

  it("a server that never answers times out", async () => {
    server = await startTestSmtpServer({ silent: true });
    const started = Date.now();
    const e = await sendSmtp({ url: `smtp://127.0.0.1:${server.port}`, timeoutMs: 300 }, { from: "a@zhiji.local", to: ["b@example.com"] }, "x\r\n").catch((x) => x);
    expect(e).toBeInstanceOf(SmtpError);
    expect(String(e.message)).toMatch(/did not answer within 300 ms/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("an address that could inject a command is refused before connecting", async () => {
    const e = await sendSmtp({ url: "smtp://127.0.0.1:9" }, { from: "a@zhiji.local", to: ["b@example.com>\r\nRCPT TO:<c@example.com"] }, "x").catch((x) => x);
    expect(e).toBeInstanceOf(SmtpError);
    expect(String(e.message)).toMatch(/Not a mail address/);
  });

  it("never sends a header that carries a line break, a control character or a second From/To/Subject", async () => {
    server = await startTestSmtpServer();
    const good = composeMessage({ from: "Zhiji <no-reply@zhiji.local>", to: "b@example.com", subject: "Hello", text: "Body\nlines" });
    expect(() => checkHeaderBlock(good)).not.toThrow();
    const [head, body] = [good.split("\r\n\r\n")[0], good.split("\r\n\r\n").slice(1).join("\r\n\r\n")];
    const hostile = [
      // A bare LF in a value: DATA's CRLF normalisation would make "Bcc:" a header of its own.
      head.replace("Subject: Hello", "Subject: Hello\nBcc: evil@example.com"),
      head.replace("Subject: Hello", "Subject: Hello\rBcc: evil@example.com"),
      head.replace("Subject: Hello", "Subject: Hello\r\nTo: evil@example.com"),
      head.replace("Subject: Hello", "Subject: Hel\u0000lo"),
      head.replace("Subject: Hello", "Subject: Hello\r\nnot a header"),
    ];
    for (const h of hostile) {
      const message = `${h}\r\n\r\n${body}`;
      expect(() => checkHeaderBlock(message)).toThrow(SmtpError);
      const e = await sendSmtp({ url: `smtp://127.0.0.1:${server.port}` }, { from: "a@zhiji.local", to: ["b@example.com"] }, message).catch((x) => x);
      expect(e).toBeInstanceOf(SmtpError);
    }
    // Refused before a word was said to the relay.
    expect(server.sessions).toHaveLength(0);
    expect(server.messages).toHaveLength(0);
  });

  it("a composed message is one header per line whatever the subject and names hold", () => {
    const m = composeMessage({ from: "Zhiji\r\nBcc: x@example.com <no-reply@zhiji.local>", to: "b@example.com", subject: "A\r\nBcc: evil@example.com\u0007\u2028end", text: "t" });
    expect(() => checkHeaderBlock(m)).not.toThrow();
    expect(m.split("\r\n\r\n")[0]).not.toMatch(/^Bcc:/im);
  });
});
