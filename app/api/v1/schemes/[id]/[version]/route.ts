import { json, userRoute } from "@/lib/api/handler";
import { getScheme } from "@/lib/schemes";

// The scheme JSON of docs/domain.md#schemes, plus where the version stands (docs/domain.md#scheme-governance).
export const GET = userRoute<{ id: string; version: string }>(async (_req, user, { id, version }) => {
  const v = await getScheme(user, id, version);
  return json({
    ...v.scheme,
    status: v.status,
    publishedAt: v.publishedAt,
    basedOn: v.basedOn,
    definitionSha256: v.definitionSha256,
    proposedAt: v.proposedAt,
    commentsUntil: v.commentsUntil,
    approvedAt: v.approvedAt,
    effectiveFrom: v.effectiveFrom,
    transitionUntil: v.transitionUntil,
    inForce: v.inForce,
  });
});
