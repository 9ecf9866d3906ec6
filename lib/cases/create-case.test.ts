// Refusals of a new application by domain code (workflows/errors.ts), each naming its field, and
// nothing written when refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, COMPLETE_APPLICATION, type World } from "@/test/world";
import { db } from "@/lib/db";
import { createCase } from "./create-case";

let t: TestDatabase;
let w: World;
const product = { name: "Coded", model: "C-1", softwareVersion: "1.0" };

beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
}, 120_000);
afterAll(async () => t?.drop());

describe("a new application's refusals carry codes", () => {
  it.each([
    ["an unknown scheme", { schemeId: "toaster" }, "INVALID_INPUT", "SCHEME_NOT_PUBLISHED", { schemeId: "toaster" }, "schemeId"],
    ["an unpublished version", { schemeVersion: "9.9" }, "INVALID_INPUT", "SCHEME_VERSION_NOT_PUBLISHED", { schemeId: "phone", version: "9.9" }, "schemeVersion"],
    ["an unknown pilot", { pilotId: "no-such-pilot" }, "INVALID_INPUT", "PILOT_UNKNOWN", { pilotId: "no-such-pilot" }, "pilotId"],
    ["another organisation's product", { productId: "not-ours", product: undefined }, "INVALID_INPUT", "PRODUCT_UNKNOWN", {}, "productId"],
    ["no product at all", { product: undefined }, "INVALID_INPUT", "PRODUCT_REQUIRED", {}, "product"],
  ])("%s", async (_, change, code, reason, params, field) => {
    const before = await db().case.count();
    const e = await createCase(w.users.vendorA, { schemeId: "phone", product, claimedLevel: "L2", application: COMPLETE_APPLICATION, ...change }).catch((x) => x);
    expect(e).toMatchObject({ code, reason, params, fields: { [field]: { reason, params } } });
    // The API still names the field in details, in English.
    expect(Object.keys(e.details)).toContain(field);
    expect(await db().case.count()).toBe(before);
  });

  it("an invalid request is INVALID_REQUEST with a code per field", async () => {
    const e = await createCase(w.users.vendorA, { schemeId: "phone", product, claimedLevel: "L9" }).catch((x) => x);
    expect(e).toMatchObject({ code: "INVALID_INPUT", reason: "INVALID_REQUEST", fields: { claimedLevel: { reason: "FIELD_INVALID" } } });
  });
});
