// Cookie-authenticated API writes must come from the portal's own pages. A browser sends the
// session cookie with any request to the portal, also one a foreign page makes it send (a form
// posted cross-site, a no-cors fetch); those carry the foreign page's Origin and can only use the
// "simple" content types (form-urlencoded, multipart, text/plain). So a write with a session cookie
// needs an Origin equal to ZHIJI_PUBLIC_URL's origin (every browser sends one on POST, PUT, PATCH
// and DELETE) and one of the content types the API documents. Bearer-token calls are not affected:
// a foreign page cannot make a browser send an Authorization header.
import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** What the API's write routes document: JSON bodies, CSV lab reports, multipart evidence uploads. */
const DOCUMENTED_TYPES = ["application/json", "text/csv", "multipart/form-data"];

function hasBody(req: Request): boolean {
  const length = req.headers.get("content-length");
  if (length !== null) return length.trim() !== "0";
  return req.headers.has("transfer-encoding") || (req.body !== null && req.headers.has("content-type"));
}

export function assertSameOriginWrite(req: Request): void {
  if (!WRITES.has(req.method.toUpperCase())) return;
  const expected = new URL(env().ZHIJI_PUBLIC_URL).origin;
  const origin = req.headers.get("origin");
  if (origin !== expected) {
    throw new AppError("FORBIDDEN", `A write with a session cookie must come from ${expected} (Origin header); programs use an API token`, {
      reason: "CROSS_ORIGIN",
    });
  }
  if (!hasBody(req)) return;
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!DOCUMENTED_TYPES.includes(type)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `Send ${DOCUMENTED_TYPES.join(", ")}`, { reason: "CONTENT_TYPE" });
  }
}
