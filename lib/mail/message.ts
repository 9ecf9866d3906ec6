// Text helpers for mail headers. nodemailer (lib/mail/transport.ts) encodes headers and bodies;
// these make sure that what it is given is one line and of a bounded length.

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
