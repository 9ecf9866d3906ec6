// The conflict forms' schemas, parsed in the browser and again in ./actions.ts
// (docs/decisions/0009-forms-conform-zod.md). Declaring uses the API's own schema (lib/conflicts/schemas.ts, pure).
import { z } from "zod";

export { DeclareConflictSchema } from "@/lib/conflicts/schemas";

export const WithdrawConflictInput = z.object({ id: z.string().trim().min(1).max(100) });
