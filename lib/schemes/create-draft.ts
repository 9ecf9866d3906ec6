// A change to a scheme starts as a draft copied from an existing version under a new version string.
import "server-only";
import { db, isUniqueViolation } from "@/lib/db";
import { appendAuditEvent, canonicalJson } from "@/lib/audit/chain";
import { AppError, englishMessage } from "@/lib/errors";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { CreateDraftSchema, parseInput } from "./schemas";
import { definitionOf, findVisibleVersion, toView, type SchemeVersionView } from "./versions";

export async function createDraft(
  user: SessionUser,
  input: { fromSchemeId: string; fromVersion: string; newVersion: string },
): Promise<SchemeVersionView> {
  assertCan(user, "scheme:manage");
  const { fromSchemeId, fromVersion, newVersion } = parseInput(CreateDraftSchema, input);
  const taken = () => {
    const ref = { reason: "SCHEME_VERSION_TAKEN", params: { schemeId: fromSchemeId, version: newVersion } } as const;
    return new AppError("INVALID_INPUT", "That version already exists", { newVersion: englishMessage(ref.reason, ref.params) }, { ...ref, fields: { newVersion: ref } });
  };
  try {
    return await db().$transaction(async (tx) => {
      const source = await findVisibleVersion(tx, user, fromSchemeId, fromVersion);
      if (await tx.schemeVersion.findUnique({ where: { schemeId_version: { schemeId: fromSchemeId, version: newVersion } } })) throw taken();
      const definition = canonicalJson({ ...definitionOf(source), version: newVersion });
      const row = await tx.schemeVersion.create({
        data: {
          schemeId: source.schemeId,
          version: newVersion,
          category: source.category,
          status: "draft",
          definition,
          basedOn: source.version,
          createdById: user.id,
        },
      });
      await appendAuditEvent(tx, {
        caseId: null,
        actorId: user.id,
        actorRole: user.role,
        type: "SCHEME_DRAFT_CREATED",
        payload: { schemeId: row.schemeId, version: row.version, basedOn: source.version },
      });
      return toView(row);
    });
  } catch (e) {
    // Two people choosing the same version at once: the database's unique key decides.
    if (isUniqueViolation(e)) throw taken();
    throw e;
  }
}
