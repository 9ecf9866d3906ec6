// Terminal categories are data (docs/domain.md#categories): their keys, names in both languages,
// certificate codes and order come from the Category table, never from code or message files.
// Every screen, the certificate and the API read them here.
import "server-only";
import { cache } from "react";
import { z } from "zod";
import { db, isUniqueViolation, type Db, type Tx } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/chain";
import { domainError, englishMessage, invalidRequest, type DomainRef } from "@/lib/errors";
import { assertCan, type SessionUser } from "@/lib/permissions";

export type Category = { key: string; nameZh: string; nameEn: string; certificateCode: string; sortOrder: number };
export type CategoryName = { zh: string; en: string };

const SELECT = { key: true, nameZh: true, nameEn: true, certificateCode: true, sortOrder: true } as const;

async function readCategories(database: Db | Tx): Promise<Category[]> {
  return database.category.findMany({ select: SELECT, orderBy: [{ sortOrder: "asc" }, { key: "asc" }] });
}

/** Every category in display order. Read once per request (React's cache) in the app. */
export const listCategories: () => Promise<Category[]> = cache(() => readCategories(db()));

/** A category's names; an unknown key (a category since removed) reads as itself. */
export function nameOf(categories: readonly Category[], key: string): CategoryName {
  const c = categories.find((x) => x.key === key);
  return c ? { zh: c.nameZh, en: c.nameEn } : { zh: key, en: key };
}

/** The names of one category, read inside a transaction (certificates) or from the request's list. */
export async function categoryName(key: string, database?: Db | Tx): Promise<CategoryName> {
  if (database) {
    const c = await database.category.findUnique({ where: { key }, select: SELECT });
    return c ? { zh: c.nameZh, en: c.nameEn } : { zh: key, en: key };
  }
  return nameOf(await listCategories(), key);
}

/** The certificate number's category code (AIT-YYYY-<code>-NNNNNN); the key in capitals when the table has none. */
export async function certificateCodeOf(database: Db | Tx, key: string): Promise<string> {
  const c = await database.category.findUnique({ where: { key }, select: { certificateCode: true } });
  return c?.certificateCode ?? key.toUpperCase();
}

const coded = (reason: "CATEGORY_KEY_FORMAT" | "CATEGORY_CODE_FORMAT" | "CATEGORY_NAME_LENGTH") => ({
  message: englishMessage(reason),
  params: { reason },
});
const name = z.string().trim().min(1, coded("CATEGORY_NAME_LENGTH")).max(40, coded("CATEGORY_NAME_LENGTH"));

export const AddCategoryInput = z.object({
  key: z.string().trim().regex(/^[a-z][a-z0-9_]{1,30}$/, coded("CATEGORY_KEY_FORMAT")),
  nameZh: name,
  nameEn: name,
  certificateCode: z.string().trim().regex(/^[A-Z][A-Z0-9]{1,9}$/, coded("CATEGORY_CODE_FORMAT")),
});
export type AddCategoryInput = z.infer<typeof AddCategoryInput>;

/** The secretariat adds a category (permission category:manage), audited as CATEGORY_ADDED. It is listed last. */
export async function addCategory(user: SessionUser, raw: unknown): Promise<Category> {
  assertCan(user, "category:manage");
  const parsed = AddCategoryInput.safeParse(raw);
  if (!parsed.success) throw invalidRequest(parsed.error.issues, "The category is not valid");
  const input = parsed.data;
  const keyTaken = () => refusal("key", "CATEGORY_KEY_TAKEN", { key: input.key });
  const codeTaken = () => refusal("certificateCode", "CATEGORY_CODE_TAKEN", { code: input.certificateCode });
  try {
    return await db().$transaction(async (tx) => {
      const all = await readCategories(tx);
      if (all.some((c) => c.key === input.key)) throw keyTaken();
      if (all.some((c) => c.certificateCode === input.certificateCode)) throw codeTaken();
      const sameZh = all.find((c) => c.nameZh === input.nameZh);
      if (sameZh) throw refusal("nameZh", "CATEGORY_NAME_TAKEN", { name: input.nameZh });
      const sameEn = all.find((c) => c.nameEn.toLowerCase() === input.nameEn.toLowerCase());
      if (sameEn) throw refusal("nameEn", "CATEGORY_NAME_TAKEN", { name: input.nameEn });
      const sortOrder = all.reduce((m, c) => Math.max(m, c.sortOrder), 0) + 1;
      const row = await tx.category.create({ data: { ...input, sortOrder, createdById: user.id }, select: SELECT });
      await appendAuditEvent(tx, {
        caseId: null,
        actorId: user.id,
        actorRole: user.role,
        type: "CATEGORY_ADDED",
        payload: { key: row.key, nameZh: row.nameZh, nameEn: row.nameEn, certificateCode: row.certificateCode, sortOrder },
      });
      return row;
    });
  } catch (e) {
    // Two people adding the same key or code at once: the database's unique keys decide.
    if (isUniqueViolation(e)) {
      const again = await readCategories(db());
      throw again.some((c) => c.key === input.key) ? keyTaken() : codeTaken();
    }
    throw e;
  }
}

function refusal<R extends "CATEGORY_KEY_TAKEN" | "CATEGORY_CODE_TAKEN" | "CATEGORY_NAME_TAKEN">(
  field: keyof AddCategoryInput,
  reason: R,
  params: Record<string, string>,
) {
  const ref = { reason, params } as DomainRef;
  return domainError(reason, params, { fields: { [field]: ref } });
}
