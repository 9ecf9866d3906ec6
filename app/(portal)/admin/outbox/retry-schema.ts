// The retry button's form: only the job's id (docs/decisions/0009-forms-conform-zod.md).
import { z } from "zod";

export const RetryJobFields = z.object({ jobId: z.string().min(1) });
