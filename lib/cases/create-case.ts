// A vendor opens a grading application: a draft case pinned to one published scheme version.
import "server-only";
import { db } from "@/lib/db";
import { AppError, invalid } from "@/lib/errors";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { appendAuditEvent } from "@/lib/audit/chain";
import { parseScheme } from "@/lib/grading";
import { createCaseSnapshot } from "@/workflows/certification";
import { CreateCaseSchema, type CreateCaseInput } from "./schemas";
import { CASE_INCLUDE } from "./load-case";
import { fieldErrors } from "@/lib/errors";
import { compareVersionStrings } from "@/lib/schemes/versions";
import { freezingCases, serializeProductSnapshot, snapshotOfProduct, type ProductSnapshot } from "./product-snapshot";

export async function createCase(user: SessionUser, raw: unknown) {
  assertCan(user, "case:create");
  const parsed = CreateCaseSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "The application is not valid", fieldErrors(parsed.error.issues));
  const input: CreateCaseInput = parsed.data;
  const database = db();

  const versions = await database.schemeVersion.findMany({ where: { schemeId: input.schemeId, status: "published" } });
  if (versions.length === 0) throw invalid("No published grading scheme has this id", { schemeId: `unknown scheme "${input.schemeId}"` });
  const scheme = input.schemeVersion
    ? versions.find((v) => v.version === input.schemeVersion)
    : versions.sort((a, b) => compareVersionStrings(b.version, a.version))[0];
  if (!scheme) throw invalid("That scheme version is not published", { schemeVersion: `no published version "${input.schemeVersion}"` });
  const definition = parseScheme(JSON.parse(scheme.definition));
  if (!definition.ok) throw new AppError("INTERNAL", `Scheme ${scheme.schemeId} ${scheme.version} is invalid`);

  const pilot = input.pilotId
    ? await database.pilot.findUnique({ where: { id: input.pilotId } })
    : await database.pilot.findFirst({ where: { status: "open" }, orderBy: { startsAt: "desc" } });
  if (!pilot) throw invalid(input.pilotId ? "No such pilot" : "No pilot is open for applications", { pilotId: "no open pilot" });
  if (pilot.status !== "open") throw invalid("That pilot is closed to new applications", { pilotId: "pilot closed" });

  const existing = input.productId
    ? await database.product.findFirst({ where: { id: input.productId, organizationId: user.organizationId } })
    : null;
  if (input.productId) {
    if (!existing) throw invalid("No such product in your organisation", { productId: "unknown product" });
    if (existing.category !== scheme.category) throw invalid("The product's category does not match the scheme", { productId: `product is a ${existing.category}` });
  } else if (!input.product) {
    throw invalid("Describe the product or choose one", { product: "product name, model and software version are required" });
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
        data: { organizationId: user.organizationId, category: scheme.category, ...input.product!, modelInfo: JSON.stringify({}) },
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
      },
      include: CASE_INCLUDE,
    });
    await appendAuditEvent(tx, {
      caseId: c.id,
      actorId: user.id,
      actorRole: user.role,
      type: "CASE_CREATED",
      payload: { to: "draft", version: 1, scheme: { id: scheme.schemeId, version: scheme.version }, productId, ...(copiedFrom ? { copiedFromProductId: copiedFrom } : {}), claimedLevel: input.claimedLevel, pilotId: pilot.id },
    });
    return c;
  });
}
