import { userRoute, json } from "@/lib/api/handler";
import { listEvidence, uploadEvidence } from "@/lib/cases/evidence";

export const POST = userRoute<{ id: string }>(async (req, user, { id }) => {
  const ev = await uploadEvidence(user, id, req);
  return json({ id: ev.id, sha256: ev.sha256, size: ev.size, mime: ev.mime, name: ev.originalName }, 201);
});

export const GET = userRoute<{ id: string }>(async (_req, user, { id }) => {
  const files = await listEvidence(user, id);
  return json({ evidence: files.map((e) => ({ id: e.id, name: e.originalName, mime: e.mime, size: e.size, sha256: e.sha256, createdAt: e.createdAt })) });
});
