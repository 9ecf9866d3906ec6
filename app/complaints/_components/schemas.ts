// The public complaint forms' schemas, parsed in the browser and again in ../actions.ts before
// lib/complaints checks the request its own way (docs/decisions/0009-forms-conform-zod.md). The
// bounds are the complaint workflow's (docs/domain.md#complaints); a text too long names TEXT_TOO_LONG.
import { z } from "zod";

export const SUBJECT_MAX = 200;
export const TEXT_MAX = 4000;
export const CONTACT_MAX = 200;

const tooLong = (max: number) => ({ message: `At most ${max} characters.`, params: { reason: "TEXT_TOO_LONG", max } });
const bounded = (max: number) => z.string().trim().min(1).refine((s) => s.length <= max, tooLong(max));
const optionalLine = z.string().trim().max(100).optional();

export const FileComplaintFields = z.object({
  publicId: optionalLine,
  certificateNumber: optionalLine,
  subject: bounded(SUBJECT_MAX),
  text: bounded(TEXT_MAX),
  contact: z.string().trim().refine((s) => s.length <= CONTACT_MAX, tooLong(CONTACT_MAX)).optional(),
});

export const TrackComplaintFields = z.object({
  reference: z.string().trim().min(1).max(100),
  token: z.string().trim().min(1).max(200),
});
