import { publicRoute, json } from "@/lib/api/handler";
import { clientAddress } from "@/lib/api/rate-limit";
import { assertSameOriginWrite } from "@/lib/api/same-origin";
import { getApiCaller } from "@/lib/auth/session";
import { readJsonBody } from "@/lib/http/body";
import { fileComplaint } from "@/lib/complaints/file-complaint";

// Public: anyone may complain about a certificate (docs/domain.md#complaints). The body is bounded
// (BODY_LIMITS.json); at most 5 complaints an hour from one address (lib/complaints/throttle.ts).
// A signed-in caller (a token, or the portal's own pages with a cookie) is recorded as the filer.
export const POST = publicRoute(async (req) => {
  const body = await readJsonBody(req);
  const caller = await getApiCaller(req).catch(() => null);
  let user = caller?.user ?? null;
  if (caller && !caller.scopes) {
    try {
      assertSameOriginWrite(req);
    } catch {
      user = null;
    }
  }
  const res = json(await fileComplaint(body, { address: clientAddress(req), user }), 201);
  res.headers.set("cache-control", "no-store");
  return res;
});
