// A vendor edits its draft application (also when answering a return): not a state change, but audited.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { domainError, invalidRequest } from "@/lib/errors";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { appendAuditEvent } from "@/lib/audit/chain";
import { LEVELS } from "@/workflows/certification";
import { loadVisibleCase, CASE_INCLUDE } from "./load-case";
import { modelInfoOf } from "./models";
import { ApplicationAnswersSchema, ProductInputSchema } from "./schemas";
import { caseProductSnapshot, freezingCases, productFrozen, serializeProductSnapshot } from "./product-snapshot";

export const UpdateApplicationSchema = z.object({
  expectedVersion: z.number().int().min(1),
  // Absent models: the disclosure stays as it is (docs/domain.md#model-disclosure).
  product: ProductInputSchema.optional(),
  claimedLevel: z.enum(LEVELS).optional(),
  application: ApplicationAnswersSchema.optional(),
});

export async function updateApplication(user: SessionUser, caseId: string, raw: unknown) {
  assertCan(user, "case:create");
  const row = await loadVisibleCase(db(), user, caseId);
  const parsed = UpdateApplicationSchema.safeParse(raw);
  if (!parsed.success) throw invalidRequest(parsed.error.issues, "The application is not valid");
  const input = parsed.data;
  if (row.state !== "draft") throw domainError("DRAFT_ONLY");
  const before = caseProductSnapshot(row);
  const { models, ...fields } = input.product ?? {};
  const modelInfo = models ? modelInfoOf(models) : before.modelInfo;
  const product = input.product ? { ...before, ...fields, modelInfo } : before;
  const productChanged =
    product.name !== before.name ||
    product.model !== before.model ||
    product.softwareVersion !== before.softwareVersion ||
    JSON.stringify(product.modelInfo) !== JSON.stringify(before.modelInfo);
  return db().$transaction(async (tx) => {
    // The product row may be shared with a case that has since been submitted or certified: then
    // it is frozen, and this draft may not change it (a new application starts from a copy).
    if (productChanged) {
      const holding = await freezingCases(tx, row.productId, caseId);
      if (holding.length > 0) throw productFrozen(holding);
    }
    // Editing bumps the version too, so a concurrent SUBMIT sees the case changed.
    const won = await tx.case.updateMany({
      where: { id: caseId, version: input.expectedVersion, state: "draft" },
      data: {
        version: { increment: 1 },
        ...(input.claimedLevel ? { claimedLevel: input.claimedLevel } : {}),
        ...(input.application ? { application: JSON.stringify({ ...JSON.parse(row.application), ...input.application }) } : {}),
        // The draft's own record of its product: this is what the case is decided on.
        productSnapshot: serializeProductSnapshot(product),
      },
    });
    if (won.count !== 1) throw domainError("CASE_CHANGED");
    if (productChanged) {
      await tx.product.update({
        where: { id: row.productId },
        data: { name: product.name, model: product.model, softwareVersion: product.softwareVersion, modelInfo: JSON.stringify(product.modelInfo) },
      });
    }
    await appendAuditEvent(tx, {
      caseId,
      actorId: user.id,
      actorRole: user.role,
      type: "APPLICATION_UPDATED",
      payload: { version: input.expectedVersion + 1, product: input.product, claimedLevel: input.claimedLevel, application: input.application },
    });
    return tx.case.findUniqueOrThrow({ where: { id: caseId }, include: CASE_INCLUDE });
  });
}
