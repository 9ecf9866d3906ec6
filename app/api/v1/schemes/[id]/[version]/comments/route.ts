import { json, userRoute } from "@/lib/api/handler";
import { readJsonBody } from "@/lib/http/body";
import { commentOnScheme, listComments } from "@/lib/schemes";

// The comments on a version with their answers (docs/domain.md#scheme-governance).
export const GET = userRoute<{ id: string; version: string }>(async (_req, user, { id, version }) => json({ comments: await listComments(user, id, version) }));

// { "target"?: item or element key, "text" } — an expert, a lab or a vendor, while the comment period runs.
export const POST = userRoute<{ id: string; version: string }>(async (req, user, { id, version }) =>
  json(await commentOnScheme(user, id, version, await readJsonBody(req)), 201),
);
