// Input shapes of the admin use cases, validated where they are used. Messages are short codes
// (e.g. "required", "emailInvalid") that the UI translates; the API sees the same codes in details.
import { z } from "zod";
import { ROLES, type Role } from "@/lib/permissions";

// Stored text never holds a NUL (PostgreSQL refuses it) or half a surrogate pair (not Unicode): the
// check of lib/http/body.ts textProblem, written here so the admin forms can validate with these
// schemas in the browser too (docs/decisions/0009-forms-conform-zod.md).
const clean = (s: string) => !s.includes("\u0000") && s.isWellFormed();

export const ORG_KINDS = ["vendor", "lab", "working_group", "ministry", "operator"] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

// A category is a key of the Category table (docs/domain.md#categories): its shape here, its
// existence in addAccreditation.
const CATEGORY_KEY = /^[a-z][a-z0-9_]{1,30}$/;

/**
 * The kind of organisation each role belongs to: a vendor user acts for a vendor, a lab user for a
 * lab (the case queries trust organizationId). Experts come from anywhere.
 */
export const ORG_KINDS_BY_ROLE: Record<Role, readonly OrgKind[] | null> = {
  vendor: ["vendor"],
  lab: ["lab"],
  expert: null,
  secretariat: ["working_group"],
  ministry: ["ministry"],
  admin: ["operator"],
};

const id = z.string({ message: "required" }).trim().min(1, "required").max(100, "tooLong").refine(clean, "textInvalid");
const name = z.string({ message: "required" }).trim().min(1, "required").max(200, "tooLong").refine(clean, "textInvalid");
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "tooLong")
    .refine(clean, "textInvalid")
    .optional()
    .transform((v) => (v ? v : undefined));

export const OrganizationInput = z.object({
  name,
  nameZh: optionalText(200),
  kind: z.enum(ORG_KINDS, { message: "kindInvalid" }),
});
export type OrganizationInput = z.input<typeof OrganizationInput>;

export const RenameOrganizationInput = z.object({
  organizationId: id,
  name,
  nameZh: optionalText(200),
});
export type RenameOrganizationInput = z.input<typeof RenameOrganizationInput>;

export const CreateUserInput = z.object({
  email: z
    .string({ message: "required" })
    .trim()
    .toLowerCase()
    .min(1, "required")
    .max(254, "tooLong")
    .refine(clean, "textInvalid")
    .pipe(z.email({ message: "emailInvalid" })),
  name,
  role: z.enum(ROLES, { message: "roleInvalid" }),
  organizationId: id,
});
export type CreateUserInput = z.input<typeof CreateUserInput>;

export const UserRef = z.object({ userId: id });
export type UserRef = z.input<typeof UserRef>;

export const ChangeRoleInput = z.object({ userId: id, role: z.enum(ROLES, { message: "roleInvalid" }) });
export type ChangeRoleInput = z.input<typeof ChangeRoleInput>;

// A bare date (from <input type="date">) means the whole day in UTC: validFrom from its first
// millisecond, validUntil to its last, so "valid until 2027-06-30" includes that day.
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dateField = (edge: "start" | "end") =>
  z.preprocess(
    (v) => {
      if (v instanceof Date) return v;
      if (typeof v !== "string" || v.trim() === "") return undefined;
      const s = v.trim();
      return new Date(DAY.test(s) ? `${s}T${edge === "start" ? "00:00:00.000" : "23:59:59.999"}Z` : s);
    },
    z.date({ message: "dateInvalid" }).refine((d) => !Number.isNaN(d.getTime()), "dateInvalid"),
  );

const Dates = z.object({ validFrom: dateField("start"), validUntil: dateField("end") });

/**
 * Accreditation detail (docs/domain.md#lab-evidence): its number, the accrediting body, and the scope
 * as test-set ids or item keys (comma or line separated; empty: the whole category). Each optional.
 */
const Detail = {
  number: z.string().trim().max(100, "tooLong").refine(clean, "textInvalid").optional(),
  body: z.string().trim().max(200, "tooLong").refine(clean, "textInvalid").optional(),
  scope: z
    .string()
    .max(4000, "tooLong")
    .optional()
    .refine((s) => scopeList(s).length <= 200 && scopeList(s).every((x) => x.length <= 100), { message: "scopeInvalid" }),
};

/** The scope as typed → its ids, in order, once each. */
export function scopeList(text: string | undefined): string[] {
  return [...new Set((text ?? "").split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean))];
}

export const AddAccreditationInput = Dates.extend({
  ...Detail,
  labOrgId: id,
  category: z.string({ message: "categoryInvalid" }).regex(CATEGORY_KEY, { message: "categoryInvalid" }),
}).refine((a) => a.validFrom <= a.validUntil, { path: ["validUntil"], message: "dateOrder" });
export type AddAccreditationInput = z.input<typeof AddAccreditationInput>;

export const ChangeAccreditationDatesInput = Dates.extend({ ...Detail, accreditationId: id }).refine(
  (a) => a.validFrom <= a.validUntil,
  { path: ["validUntil"], message: "dateOrder" },
);
export type ChangeAccreditationDatesInput = z.input<typeof ChangeAccreditationDatesInput>;

export const AccreditationRef = z.object({ accreditationId: id });
export type AccreditationRef = z.input<typeof AccreditationRef>;

export const AddAffiliationInput = z.object({ userId: id, organizationId: id, note: optionalText(500) });
export type AddAffiliationInput = z.input<typeof AddAffiliationInput>;

export const AffiliationRef = z.object({ affiliationId: id });
export type AffiliationRef = z.input<typeof AffiliationRef>;

export function roleFitsOrganization(role: Role, orgKind: string): boolean {
  const kinds = ORG_KINDS_BY_ROLE[role];
  return kinds === null || (kinds as readonly string[]).includes(orgKind);
}
