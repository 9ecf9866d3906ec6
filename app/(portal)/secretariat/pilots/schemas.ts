// The pilot forms' schemas (docs/decisions/0009-forms-conform-zod.md): parsed in the browser
// (useZodForm) and again in the server actions (parseForm); lib/pilots/create-pilot.ts checks the
// request again (dates in range and in order, known categories, a free name). No server-only imports.
import { z } from "zod";
import { englishMessage } from "@/lib/domain";

const REQUIRED = englishMessage("FIELD_REQUIRED");
const name = z.string({ message: REQUIRED }).trim().min(1, REQUIRED).max(120, englishMessage("FIELD_INVALID"));
const day = z.string().trim().max(40).optional();
const limit = z.string().trim().max(3).optional();

/** The secretariat's new pilot: names, categories in scope (none ticked: every category), dates, stage limits. */
export const PilotFields = z.object({
  name,
  nameZh: name,
  scope: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
  startsAt: z.string({ message: REQUIRED }).trim().min(1, REQUIRED).max(40),
  endsAt: day,
  applicationsFrom: day,
  applicationsUntil: day,
  screening: limit,
  testing: limit,
  review: limit,
  decision: limit,
});

/** APPROVE (ministry), OPEN or CLOSE (secretariat). */
export const PilotEventFields = z.object({ pilotId: z.string().trim().min(1).max(100), type: z.enum(["APPROVE", "OPEN", "CLOSE"]) });
