// A change to a scheme starts as a draft copied from an existing version under a new version string.
import "server-only";
import { db, isUniqueViolation } from "@/lib/db";
import { appendAuditEvent, canonicalJson } from "@/lib/audit/chain";
import { AppError, domainError, englishMessage } from "@/lib/errors";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { CreateDraftSchema, parseInput } from "./schemas";
import { definitionOf, findVisibleVersion, toView, type SchemeVersionView } from "./versions";

export async function createDraft(
  user: SessionUser,
  input: { fromSchemeId: string; fromVersion: string; newVersion: string; forCategory?: string },
): Promise<SchemeVersionView> {
  assertCan(user, "scheme:manage");
  const { fromSchemeId, fromVersion, newVersion, forCategory } = parseInput(CreateDraftSchema, input);
  const schemeId = forCategory ?? fromSchemeId;
  const taken = () => {
    const ref = { reason: "SCHEME_VERSION_TAKEN", params: { schemeId, version: newVersion } } as const;
    return new AppError("INVALID_INPUT", "That version already exists", { newVersion: englishMessage(ref.reason, ref.params) }, { ...ref, fields: { newVersion: ref } });
  };
  try {
    return await db().$transaction(async (tx) => {
      const source = await findVisibleVersion(tx, user, fromSchemeId, fromVersion);
      if (await tx.schemeVersion.findUnique({ where: { schemeId_version: { schemeId, version: newVersion } } })) throw taken();
      // A new category's first scheme: its own id and category, the items copied as a starting point.
      const category = forCategory ? await tx.category.findUnique({ where: { key: forCategory } }) : null;
      if (forCategory && !category) throw domainError("CATEGORY_UNKNOWN", { key: forCategory }, { fields: { forCategory: { reason: "CATEGORY_UNKNOWN", params: { key: forCategory } } } });
      if (forCategory && (await tx.schemeVersion.count({ where: { schemeId } }))) {
        throw domainError("SCHEME_ID_TAKEN", { schemeId }, { fields: { forCategory: { reason: "SCHEME_ID_TAKEN", params: { schemeId } } } });
      }
      const copied = definitionOf(source);
      const definition = canonicalJson(
        category
          ? { ...copied, id: schemeId, category: category.key, title: { zh: category.nameZh, en: category.nameEn }, version: newVersion }
          : { ...copied, version: newVersion },
      );
      const row = await tx.schemeVersion.create({
        data: {
          schemeId,
          version: newVersion,
          category: category?.key ?? source.category,
          status: "draft",
          definition,
          basedOn: category ? null : source.version,
          createdById: user.id,
        },
      });
      await appendAuditEvent(tx, {
        caseId: null,
        actorId: user.id,
        actorRole: user.role,
        type: "SCHEME_DRAFT_CREATED",
        payload: category
          ? { schemeId: row.schemeId, version: row.version, basedOn: null, category: category.key, copiedFrom: `${source.schemeId} ${source.version}` }
          : { schemeId: row.schemeId, version: row.version, basedOn: source.version },
      });
      return toView(row);
    });
  } catch (e) {
    // Two people choosing the same version at once: the database's unique key decides.
    if (isUniqueViolation(e)) throw taken();
    throw e;
  }
}
