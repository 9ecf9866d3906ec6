// A vendor opens a grading application: a draft case pinned to one published scheme version.
import "server-only";
import { db } from "@/lib/db";
import { domainError, invalidRequest, type DomainCode, type DomainRef, type ParamValue } from "@/lib/errors";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { appendAuditEvent } from "@/lib/audit/chain";
import { parseScheme } from "@/lib/grading";
import { createCaseSnapshot } from "@/workflows/certification";
import { CreateCaseSchema, type CreateCaseInput } from "./schemas";
import { modelInfoOf } from "./models";
import { CASE_INCLUDE } from "./load-case";
import { versionForApplication } from "@/lib/schemes/in-force";
import { pilotForApplication } from "@/lib/pilots/application-pilot";
import { freezingCases, serializeProductSnapshot, snapshotOfProduct, type ProductSnapshot } from "./product-snapshot";

/** A refusal by code, naming the field at fault (the API's details keep a message per field). */
function refusal(reason: DomainCode, params: Record<string, ParamValue>, field: string) {
  return domainError(reason, params, { fields: { [field]: { reason, params } as DomainRef } });
}

/** `at`: the time of the application; scripts that tell a back-dated story (the demo world) set it, the API never does. */
export async function createCase(user: SessionUser, raw: unknown, at: Date = new Date()) {
  assertCan(user, "case:create");
  const parsed = CreateCaseSchema.safeParse(raw);
  if (!parsed.success) throw invalidRequest(parsed.error.issues, "The application is not valid");
  const input: CreateCaseInput = parsed.data;
  const database = db();

  // Only a version in force; by default the newest (docs/domain.md#scheme-governance).
  const scheme = await versionForApplication(database, input.schemeId, input.schemeVersion, at);
  const definition = parseScheme(JSON.parse(scheme.definition));
  if (!definition.ok) throw domainError("SCHEME_DEFINITION_BROKEN", { schemeId: scheme.schemeId, version: scheme.version });

  // Only into an open pilot, inside its application window, with the category in its scope.
  const pilot = await pilotForApplication(database, { pilotId: input.pilotId, category: scheme.category, at });

  const existing = input.productId
    ? await database.product.findFirst({ where: { id: input.productId, organizationId: user.organizationId } })
    : null;
  if (input.productId) {
    if (!existing) throw refusal("PRODUCT_UNKNOWN", {}, "productId");
    if (existing.category !== scheme.category) {
      throw refusal("PRODUCT_CATEGORY_MISMATCH", { category: existing.category, schemeCategory: scheme.category }, "productId");
    }
  } else if (!input.product) {
    throw refusal("PRODUCT_REQUIRED", {}, "product");
  }

  const snapshot = createCaseSnapshot({
    vendorOrgId: user.organizationId,
    category: scheme.category,
    panelSize: definition.scheme.panelSize,
    validityMonths: definition.scheme.validityMonths,
  });

  return database.$transaction(async (tx) => {
    let productId: string;
    let product: ProductSnapshot;
    let copiedFrom: string | undefined;
    if (existing) {
      product = snapshotOfProduct(existing);
      productId = existing.id;
      // A product that a submitted case holds fixed (open, rejected, certified, suspended or
      // finished) is never edited again: the new application starts from a copy of it, which it
      // may change freely.
      if ((await freezingCases(tx, existing.id)).length > 0) {
        const copy = await tx.product.create({
          data: {
            organizationId: user.organizationId,
            name: existing.name,
            model: existing.model,
            softwareVersion: existing.softwareVersion,
            category: existing.category,
            modelInfo: existing.modelInfo,
          },
        });
        copiedFrom = existing.id;
        productId = copy.id;
      }
    } else {
      const p = await tx.product.create({
        data: {
          organizationId: user.organizationId,
          category: scheme.category,
          name: input.product!.name,
          model: input.product!.model,
          softwareVersion: input.product!.softwareVersion,
          // The disclosed models (docs/domain.md#model-disclosure), frozen with the snapshot at SUBMIT.
          modelInfo: JSON.stringify(input.product!.models ? modelInfoOf(input.product!.models) : {}),
        },
      });
      product = snapshotOfProduct(p);
      productId = p.id;
    }
    const c = await tx.case.create({
      data: {
        organizationId: user.organizationId,
        productId,
        productSnapshot: serializeProductSnapshot(product),
        schemeVersionId: scheme.id,
        pilotId: pilot.id,
        createdById: user.id,
        claimedLevel: input.claimedLevel,
        application: JSON.stringify(input.application ?? {}),
        state: "draft",
        version: 1,
        snapshot: JSON.stringify(snapshot),
        createdAt: at,
        stateEnteredAt: at,
      },
      include: CASE_INCLUDE,
    });
    await appendAuditEvent(tx, {
      caseId: c.id,
      actorId: user.id,
      actorRole: user.role,
      type: "CASE_CREATED",
      payload: { to: "draft", version: 1, scheme: { id: scheme.schemeId, version: scheme.version }, productId, ...(copiedFrom ? { copiedFromProductId: copiedFrom } : {}), claimedLevel: input.claimedLevel, pilotId: pilot.id },
      at,
    });
    return c;
  });
}
