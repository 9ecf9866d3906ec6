// The category screen's forms (docs/domain.md#categories), parsed in the browser (useZodForm) and
// again in the server action before lib/categories checks them its own way. No server-only imports.
import { z } from "zod";
import { englishMessage } from "@/lib/domain";

const coded = (reason: "CATEGORY_KEY_FORMAT" | "CATEGORY_CODE_FORMAT" | "CATEGORY_NAME_LENGTH" | "SCHEME_VERSION_FORMAT") => ({
  message: englishMessage(reason),
  params: { reason },
});
const name = z.string({ message: englishMessage("CATEGORY_NAME_LENGTH") }).trim().min(1, coded("CATEGORY_NAME_LENGTH")).max(40, coded("CATEGORY_NAME_LENGTH"));

export const AddCategoryForm = z.object({
  key: z.string({ message: englishMessage("CATEGORY_KEY_FORMAT") }).trim().refine((v) => /^[a-z][a-z0-9_]{1,30}$/.test(v), coded("CATEGORY_KEY_FORMAT")),
  nameZh: name,
  nameEn: name,
  certificateCode: z
    .string({ message: englishMessage("CATEGORY_CODE_FORMAT") })
    .trim()
    .refine((v) => /^[A-Z][A-Z0-9]{1,9}$/.test(v), coded("CATEGORY_CODE_FORMAT")),
});

/** A new category's first scheme: a draft copied from `source` ("phone@2026.1") under the category's key. */
export const FirstSchemeForm = z.object({
  category: z.string().trim().min(1).max(40),
  source: z.string().trim().min(3).max(160).refine((v) => v.includes("@")),
  newVersion: z
    .string({ message: englishMessage("SCHEME_VERSION_FORMAT") })
    .trim()
    .refine((v) => /^\d{4}\.\d{1,4}$/.test(v), coded("SCHEME_VERSION_FORMAT")),
});
