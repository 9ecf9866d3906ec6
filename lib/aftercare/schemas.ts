// What a change-case request may carry (docs/domain.md#after-care). The bounds are the workflow's.
import { z } from "zod";
import { CHANGE_EVENT_TYPES, CHANGE_STATES } from "@/workflows/aftercare";

export const ChangeEventRequestSchema = z
  .object({ type: z.enum(CHANGE_EVENT_TYPES), expectedVersion: z.number().int().min(1) })
  .catchall(z.unknown());

export const ChangeListQuerySchema = z.object({
  state: z.enum(CHANGE_STATES).optional(),
  open: z.enum(["1", "true"]).optional(),
  queue: z.enum(["1", "true"]).optional(),
});
