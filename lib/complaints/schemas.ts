// What a complaint request may carry (docs/domain.md#complaints). The bounds are the workflow's.
import { z } from "zod";
import { boundedText, CONTACT_MAX, COMPLAINT_OUTCOMES, COMPLAINT_EVENT_TYPES, SUBJECT_MAX, SUMMARY_MAX, TEXT_MAX } from "@/workflows/complaint";

const optionalLine = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((s) => (s ? s : undefined));

export const FileComplaintSchema = z
  .object({
    certificateNumber: optionalLine,
    publicId: optionalLine,
    subject: boundedText(SUBJECT_MAX),
    text: boundedText(TEXT_MAX),
    contact: z
      .string()
      .trim()
      .refine((s) => s.length <= CONTACT_MAX, { message: `At most ${CONTACT_MAX} characters.`, params: { reason: "TEXT_TOO_LONG", max: CONTACT_MAX } })
      .optional()
      .transform((s) => (s ? s : undefined)),
  })
  .strict();
export type FileComplaintInput = z.input<typeof FileComplaintSchema>;

export const ComplaintEventRequestSchema = z.object({
  type: z.enum(COMPLAINT_EVENT_TYPES),
  expectedVersion: z.number().int().min(1),
  handlerId: z.string().optional(),
  outcome: z.enum(COMPLAINT_OUTCOMES).optional(),
  publicSummary: z.string().max(SUMMARY_MAX * 2).optional(),
});

/** What the complainant and the public API see: never the text, the contact or the handler. */
export const ComplaintStatusSchema = z.object({
  reference: z.string(),
  state: z.enum(["received", "investigating", "closed"]),
  receivedAt: z.string(),
  triagedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  outcome: z.enum(COMPLAINT_OUTCOMES).nullable(),
  publicSummary: z.string().nullable(),
});
export type ComplaintStatus = z.infer<typeof ComplaintStatusSchema>;
