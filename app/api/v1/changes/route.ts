import { userRoute, json } from "@/lib/api/handler";
import { invalidRequest } from "@/lib/errors";
import { listChanges } from "@/lib/aftercare/queries";
import { ChangeListQuerySchema } from "@/lib/aftercare/schemas";

// The change cases the caller may see, newest first, paged (page, size ≤ 100); `queue=1` narrows to
// those waiting on the caller's role, `open=1` to open ones, `state` to one state.
export const GET = userRoute(async (req, user) => {
  const url = new URL(req.url);
  const q = ChangeListQuerySchema.safeParse({ state: url.searchParams.get("state") ?? undefined, open: url.searchParams.get("open") ?? undefined, queue: url.searchParams.get("queue") ?? undefined });
  if (!q.success) throw invalidRequest(q.error.issues);
  const page = await listChanges(user, { state: q.data.state, open: !!q.data.open, queue: !!q.data.queue }, url.searchParams);
  return json({ changes: page.rows, total: page.total, page: page.page, size: page.size });
});
