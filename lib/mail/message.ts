// Builds the RFC 5322 text of a plain-text mail. Chinese text is why bodies and subjects are
// encoded: a relay that does not announce 8BITMIME may mangle raw UTF-8, base64 never is.
import crypto from "node:crypto";

export type MailContent = { from: string; to: string; subject: string; text: string };

const CRLF = "\r\n";

/** "Zhiji <no-reply@zhiji.local>" → "no-reply@zhiji.local"; a bare address is returned as is. */
export function addressOf(mailbox: string): string {
  const m = mailbox.match(/<([^<>\s]+@[^<>\s]+)>\s*$/);
  return (m ? m[1] : mailbox).trim();
}

/**
 * One line of text for a header (or a subject line): line breaks, tabs and other control
 * characters become a space. A header value may never carry a line break: that would let the
 * value add headers of its own.
 */
export function oneLine(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").replace(/ {2,}/g, " ").trim();
}

/** At most `max` characters (code points, so no surrogate pair is cut), with "…" when clipped. */
export function clip(value: string, max: number): string {
  const chars = Array.from(value);
  return chars.length <= max ? value : `${chars.slice(0, max - 1).join("")}…`;
}

const singleLine = oneLine;

const isAscii = (s: string) => /^[\x20-\x7e]*$/.test(s);

/** RFC 2047 encoded words, split so that no word exceeds 75 characters and no character is cut. */
export function encodeHeaderWord(value: string): string {
  const clean = singleLine(value);
  if (isAscii(clean)) return clean;
  const words: string[] = [];
  let chunk = "";
  for (const ch of clean) {
    // 45 bytes of UTF-8 → 60 base64 characters, plus the 12 of "=?UTF-8?B?" and "?=".
    if (Buffer.byteLength(chunk + ch) > 45) {
      words.push(chunk);
      chunk = "";
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, "utf8").toString("base64")}?=`).join(`${CRLF} `);
}

/** "Name <addr>" with a non-ASCII display name encoded; the address itself stays readable. */
export function encodeMailbox(mailbox: string): string {
  const clean = singleLine(mailbox);
  const m = clean.match(/^(.*?)\s*<([^<>]+)>$/);
  if (!m || !m[1]) return clean;
  const name = m[1].replace(/^"|"$/g, "");
  return isAscii(name) ? `${m[1]} <${m[2]}>` : `${encodeHeaderWord(name)} <${m[2]}>`;
}

function wrapBase64(data: string): string {
  return (data.match(/.{1,76}/g) ?? []).join(CRLF);
}

/** The whole message, CRLF line endings, ready for DATA (the client dot-stuffs it). */
export function composeMessage(mail: MailContent, options: { date?: Date; messageId?: string } = {}): string {
  const text = mail.text.replace(/\r\n|\r|\n/g, CRLF);
  const sevenBit = /^[\x00-\x7f]*$/.test(text) && text.split(CRLF).every((l) => l.length <= 998);
  const domain = addressOf(mail.from).split("@")[1] || "zhiji.local";
  const headers = [
    `From: ${encodeMailbox(mail.from)}`,
    `To: ${encodeMailbox(mail.to)}`,
    `Subject: ${encodeHeaderWord(mail.subject)}`,
    `Date: ${(options.date ?? new Date()).toUTCString().replace("GMT", "+0000")}`,
    `Message-ID: <${options.messageId ?? crypto.randomUUID()}@${domain}>`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    `Content-Transfer-Encoding: ${sevenBit ? "7bit" : "base64"}`,
  ];
  const body = sevenBit ? text : wrapBase64(Buffer.from(mail.text, "utf8").toString("base64"));
  return headers.join(CRLF) + CRLF + CRLF + body + CRLF;
}
