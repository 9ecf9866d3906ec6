// The publish/withdraw form of a certified case's results (docs/domain.md#published-results).
import { z } from "zod";

export const PublishFields = z.object({ caseId: z.string().trim().min(1).max(100), publish: z.enum(["true", "false"]) });
