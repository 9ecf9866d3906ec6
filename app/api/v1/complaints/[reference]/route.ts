import { publicRoute, json } from "@/lib/api/handler";
import { clientAddress, rateLimit } from "@/lib/api/rate-limit";
import { trackComplaint } from "@/lib/complaints/track-complaint";

// Public: the complainant's view, for the reference and its tracking token (?token=). An unknown
// reference and a wrong token are the same 404 COMPLAINT_NOT_FOUND; at most 60 looks a minute per address, counted in the database (lib/api/rate-limit.ts).
export const GET = publicRoute<{ reference: string }>(async (req, { reference }) => {
  await rateLimit(`complaint-track:${clientAddress(req)}`, 60, 60_000);
  const token = new URL(req.url).searchParams.get("token");
  const res = json(await trackComplaint(reference, token));
  res.headers.set("cache-control", "no-store");
  return res;
});
