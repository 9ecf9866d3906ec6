// A vendor edits its draft application (also when answering a return): not a state change, but audited.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { domainError, invalidRequest } from "@/lib/errors";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { appendAuditEvent } from "@/lib/audit/chain";
import { LEVELS } from "@/workflows/certification";
import { loadVisibleCase, CASE_INCLUDE } from "./load-case";
import { modelInfoOf, DisclosedModelsSchema } from "./models";
import { caseProductSnapshot, freezingCases, productFrozen, serializeProductSnapshot, ONE_LINE } from "./product-snapshot";

export const UpdateApplicationSchema = z.object({
  expectedVersion: z.number().int().min(1),
  product: z
    .object({
      name: z.string().trim().min(1, "Product name is required").max(200).regex(ONE_LINE.pattern, ONE_LINE.message),
      model: z.string().trim().min(1, "Model is required").max(200).regex(ONE_LINE.pattern, ONE_LINE.message),
      softwareVersion: z.string().trim().min(1, "Software version is required").max(100).regex(ONE_LINE.pattern, ONE_LINE.message),
      // Absent: the disclosure stays as it is (docs/domain.md#model-disclosure).
      models: DisclosedModelsSchema.optional(),
    })
    .optional(),
  claimedLevel: z.enum(LEVELS).optional(),
  application: z
    .object({
      onDeviceModel: z.string().trim().max(500).optional(),
      cloudModel: z.string().trim().max(500).optional(),
      declarations: z.object({ accurate: z.boolean().optional(), samplesAvailable: z.boolean().optional(), acceptsRules: z.boolean().optional() }).optional(),
    })
    .optional(),
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
