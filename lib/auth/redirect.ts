// Where a person may be sent after sign-in: only somewhere on the portal's own origin. The
// target is parsed as a browser would (against the public URL) and its origin compared, so
// backslashes, tabs, protocol-relative `//host`, `javascript:` and encoded tricks all fall back.
import "server-only";

/**
 * The same-origin target for `raw`, or `fallback`. Relative (path, query, fragment) by default;
 * `absolute` gives the full URL (what next-auth's redirect callback returns).
 */
export function safeRedirect(raw: unknown, publicUrl: string, fallback = "/", opts: { absolute?: boolean } = {}): string {
  const base = new URL(publicUrl);
  const fall = opts.absolute ? new URL(fallback, base).toString() : fallback;
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2000) return fall;
  // Control characters and backslashes have no place in a link we produce; browsers read them leniently.
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return fall;
  let target: URL;
  try {
    target = new URL(raw, base);
  } catch {
    return fall;
  }
  if (target.origin !== base.origin || (target.protocol !== "http:" && target.protocol !== "https:")) return fall;
  if (opts.absolute) return target.toString();
  const relative = `${target.pathname}${target.search}${target.hash}`;
  // A path beginning with two slashes would be read as another host.
  return relative.startsWith("//") ? fall : relative;
}
