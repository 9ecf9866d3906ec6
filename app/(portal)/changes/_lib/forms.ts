// The zod schema of each after-care form, used on both sides (docs/decisions/0009-forms-conform-zod.md):
// the form validates with it in the browser, its server action parses with it again, and the lib's
// use case (lib/aftercare) checks the request once more with the workflow's own schema and rules.
import { z } from "zod";
import { CHANGE_CLASSIFICATIONS, CHANGE_OUTCOMES, CHANGE_TEXT_MAX, CHANGE_VERSION_MAX, LEVELS, REPORTED_CHANGE_KINDS } from "@/lib/domain";

/** A code (workflows/errors.ts) for a check only the form makes; the field kit renders it. */
const code = (reason: string, params: Record<string, string | number> = {}) => ({ params: { reason, ...params } });

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .refine((s) => s.length <= max, code("TEXT_TOO_LONG", { max }));
const oneLine = (max: number) => text(max).refine((s) => !/[\u0000-\u001f\u007f]/.test(s), code("ONE_LINE"));
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .optional()
    .refine((s) => !s || s.length <= max, code("TEXT_TOO_LONG", { max }));

const changeHead = { changeId: z.string().trim().min(1), expectedVersion: z.coerce.number().int().min(1) };

/** A vendor reports a change of its certified product. */
export const reportChangeFormSchema = z.object({
  caseId: z.string().trim().min(1),
  kind: z.enum(REPORTED_CHANGE_KINDS),
  from: oneLine(CHANGE_VERSION_MAX),
  to: oneLine(CHANGE_VERSION_MAX),
  description: text(CHANGE_TEXT_MAX),
});

/** The secretariat opens an unscheduled surveillance; no items: the scheme's surveillance items. */
export const surveillanceFormSchema = z.object({
  caseId: z.string().trim().min(1),
  description: text(CHANGE_TEXT_MAX),
  items: z.array(z.string().trim().min(1)).optional(),
});

export const classifyFormSchema = z
  .object({
    ...changeHead,
    classification: z.enum(CHANGE_CLASSIFICATIONS),
    items: z.array(z.string().trim().min(1)).optional(),
    reason: text(CHANGE_TEXT_MAX),
  })
  // The rules say the same (CHANGE_ITEMS_REQUIRED); the form says it on the items before sending.
  .refine((v) => v.classification !== "major" || (v.items?.length ?? 0) > 0, { path: ["items"], ...code("CHANGE_ITEMS_REQUIRED") });

export const submitReportFormSchema = z.object(changeHead);

export const concludeFormSchema = z
  .object({
    ...changeHead,
    outcome: z.enum(CHANGE_OUTCOMES),
    level: z.enum(LEVELS).optional(),
    correctBy: z.string().trim().optional(),
    reason: text(CHANGE_TEXT_MAX),
  })
  .refine((v) => v.outcome !== "downgraded" || !!v.level, { path: ["level"], ...code("CHANGE_LEVEL_REQUIRED") })
  .refine((v) => v.outcome !== "suspended" || !!v.correctBy, { path: ["correctBy"], ...code("CORRECT_BY_REQUIRED") })
  .refine((v) => !v.correctBy || (/^\d{4}-\d{2}-\d{2}$/.test(v.correctBy) && !Number.isNaN(Date.parse(v.correctBy))), {
    path: ["correctBy"],
    ...code("FIELD_INVALID"),
  });

export const withdrawChangeFormSchema = z.object({ ...changeHead, reason: optionalText(CHANGE_TEXT_MAX) });

/** The time the page is drawn at (overdue marks), read once per render outside the component. */
export const renderTime = () => Date.now();

/** The first date a suspension may set to correct by (tomorrow, UTC), as the date input's `min`. */
export const earliestCorrectBy = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
