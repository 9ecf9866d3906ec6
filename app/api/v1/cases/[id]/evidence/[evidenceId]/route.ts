import { userRoute } from "@/lib/api/handler";
import { openEvidence } from "@/lib/cases/evidence";

export const GET = userRoute<{ id: string; evidenceId: string }>(async (_req, user, { id, evidenceId }) => {
  const { evidence, stream } = await openEvidence(user, id, evidenceId);
  return new Response(stream, {
    headers: {
      "content-type": evidence.mime,
      "content-length": String(evidence.size),
      "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(evidence.originalName)}`,
      "x-content-sha256": evidence.sha256,
    },
  });
});
