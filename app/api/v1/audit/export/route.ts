import { userRoute } from "@/lib/api/handler";
import { exportAudit } from "@/lib/audit/export";
import { queryObject } from "@/lib/audit/filters";

// ?what=events|cases&format=csv|json plus the explorer's (events) or the case list's (cases) filters.
// The body is streamed page by page; refusals (403, 422) are decided before the first byte.
export const GET = userRoute(async (req, user) => {
  const e = await exportAudit(user, queryObject(new URL(req.url).searchParams));
  return new Response(e.stream, {
    headers: {
      "content-type": e.contentType,
      "content-disposition": `attachment; filename="${e.filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
