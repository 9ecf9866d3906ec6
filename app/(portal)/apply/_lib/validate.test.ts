// The wizard's scheme step checks a version by the rule createCase applies (versions in force,
// docs/domain.md#scheme-governance): a published version past its transition is refused there with
// SCHEME_VERSION_NOT_IN_FORCE, as the final submit would refuse it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, type World } from "@/test/world";
import { approveScheme, createDraft, listSchemes, proposeScheme, publishScheme } from "@/lib/schemes";
import { portalDay } from "@/lib/schemes/versions";
import { decodeRef } from "@/app/_components/ui/form-codes";
import { EMPTY_VALUES } from "./steps";
import { stepErrors } from "./validate";

const DAY = 86_400_000;
let t: TestDatabase;
let w: World;

beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
});
afterAll(async () => t.drop());

describe("the wizard's scheme step", () => {
  it("accepts a version in force and refuses one past its transition with the createCase code", async () => {
    const vendor = w.users.vendorA;
    const phone = (await listSchemes(vendor)).find((s) => s.schemeId === "phone")!;
    const old = phone.defaultVersion!;
    const v = { ...EMPTY_VALUES, category: "phone", schemeId: "phone", schemeVersion: old };
    expect(await stepErrors(vendor, "category", v)).toEqual({});
    expect(await stepErrors(vendor, "scheme", v)).toEqual({});
    expect(await stepErrors(vendor, "scheme", { ...v, schemeVersion: "" })).toEqual({ scheme: "scheme" });
    expect(await stepErrors(vendor, "scheme", { ...v, schemeId: "nope" })).toEqual({ scheme: "scheme" });
    expect(decodeRef((await stepErrors(vendor, "scheme", { ...v, schemeVersion: "2099.1" })).scheme)).toMatchObject({ reason: "SCHEME_VERSION_NOT_PUBLISHED" });

    // A newer version takes effect today; the older ones' transition ends today.
    const s = w.users.secretariat;
    const today = portalDay(new Date());
    await createDraft(s, { fromSchemeId: "phone", fromVersion: old, newVersion: "2099.9" });
    await proposeScheme(s, "phone", "2099.9", { commentsUntil: today });
    await approveScheme(w.users.ministry1, "phone", "2099.9", new Date(Date.now() + DAY));
    await publishScheme(s, "phone", "2099.9", { effectiveFrom: today, transitionUntil: today });
    expect(await stepErrors(vendor, "scheme", v)).toEqual({});

    // Two days later the old version is published but no longer in force.
    const later = new Date(Date.now() + 2 * DAY);
    expect(await stepErrors(vendor, "category", v, later)).toEqual({});
    expect(decodeRef((await stepErrors(vendor, "scheme", v, later)).scheme)).toMatchObject({
      reason: "SCHEME_VERSION_NOT_IN_FORCE",
      params: { schemeId: "phone", version: old, inForce: "2099.9" },
    });
    expect(await stepErrors(vendor, "scheme", { ...v, schemeVersion: "2099.9" }, later)).toEqual({});
  });
});
