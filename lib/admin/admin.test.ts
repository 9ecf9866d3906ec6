import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { db } from "@/lib/db";
import { verifyAuditChain } from "@/lib/audit/chain";
import type { SessionUser } from "@/lib/permissions";
import { uniqueSuffix } from "@/prisma/seed/factories";
import { makeOrg, makeSessionUser } from "@/test/users";
import { createOrganization } from "./create-organization";
import { renameOrganization } from "./rename-organization";
import { listOrganizations } from "./list-organizations";
import { createUser } from "./create-user";
import { listUsers } from "./list-users";
import { getUser } from "./get-user";
import { changeRole } from "./change-role";
import { disableUser } from "./disable-user";
import { enableUser } from "./enable-user";
import { issueSetPasswordLink } from "./issue-set-password-link";
import { addAccreditation } from "./add-accreditation";
import { changeAccreditationDates } from "./change-accreditation-dates";
import { removeAccreditation } from "./remove-accreditation";
import { listAccreditations } from "./list-accreditations";
import { addAffiliation } from "./add-affiliation";
import { removeAffiliation } from "./remove-affiliation";
import { unlinkInstitutionalAccount } from "./unlink-institutional";
import { eligibleLabs, isLabAccredited } from "./accreditations";
import { expertOrgIds } from "./affiliations";
import { refusal } from "@/test/refusal";

let t: TestDatabase;
let admin: SessionUser;
let secretariat: SessionUser;
beforeAll(async () => {
  t = await useFreshDatabase();
  admin = await makeSessionUser("admin");
  secretariat = await makeSessionUser("secretariat");
});
afterAll(async () => t.drop());

async function lastAudit(type: string) {
  return db().auditEvent.findFirst({ where: { type }, orderBy: { seq: "desc" } });
}

describe("refusals for anyone but an admin", () => {
  it("every admin use case answers FORBIDDEN to a non-admin and changes nothing", async () => {
    const lab = await makeOrg("lab");
    const target = await makeSessionUser("vendor");
    const before = await db().auditEvent.count();
    const calls: Promise<unknown>[] = [
      listUsers(secretariat),
      listOrganizations(secretariat),
      listAccreditations(secretariat),
      getUser(secretariat, target.id),
      createOrganization(secretariat, { name: `X ${uniqueSuffix()}`, kind: "vendor" }),
      renameOrganization(secretariat, { organizationId: lab.id, name: "Renamed" }),
      createUser(secretariat, { email: `x-${uniqueSuffix()}@test.zhiji`, name: "X", role: "vendor", organizationId: target.organizationId }),
      changeRole(secretariat, { userId: target.id, role: "expert" }),
      disableUser(secretariat, { userId: target.id }),
      enableUser(secretariat, { userId: target.id }),
      issueSetPasswordLink(secretariat, { userId: target.id }),
      addAccreditation(secretariat, { labOrgId: lab.id, category: "phone", validFrom: "2026-01-01", validUntil: "2027-01-01" }),
      changeAccreditationDates(secretariat, { accreditationId: "x", validFrom: "2026-01-01", validUntil: "2027-01-01" }),
      removeAccreditation(secretariat, { accreditationId: "x" }),
      addAffiliation(secretariat, { userId: target.id, organizationId: lab.id }),
      removeAffiliation(secretariat, { affiliationId: "x" }),
      unlinkInstitutionalAccount(secretariat, { userId: target.id }),
    ];
    for (const call of calls) expect((await refusal(call)).code).toBe("FORBIDDEN");
    expect(await db().auditEvent.count()).toBe(before);
    expect((await db().user.findUniqueOrThrow({ where: { id: target.id } })).disabled).toBe(false);
  });
});

describe("organisations", () => {
  it("creates, lists and renames, with an audit event for each change", async () => {
    const name = `Vendor ${uniqueSuffix()}`;
    const org = await createOrganization(admin, { name: `  ${name} `, nameZh: "某终端公司", kind: "vendor" });
    expect(org).toMatchObject({ name, nameZh: "某终端公司", kind: "vendor" });
    expect((await lastAudit("ADMIN_ORG_CREATED"))).toMatchObject({ caseId: null, actorId: admin.id, actorRole: "admin" });
    expect((await listOrganizations(admin)).map((o) => o.name)).toContain(name);

    const renamed = await renameOrganization(admin, { organizationId: org.id, name: `${name} Ltd`, nameZh: "" });
    expect(renamed).toMatchObject({ name: `${name} Ltd`, nameZh: null, kind: "vendor" });
    const ev = await lastAudit("ADMIN_ORG_RENAMED");
    expect(JSON.parse(ev!.payload)).toEqual({ organizationId: org.id, from: { name, nameZh: "某终端公司" }, to: { name: `${name} Ltd`, nameZh: null } });
  });

  it("gives field errors for a missing name, an unknown kind and a taken name", async () => {
    const e = await refusal(createOrganization(admin, { name: " ", kind: "bakery" as never }));
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.details).toEqual({ name: "required", kind: "kindInvalid" });
    const taken = await makeOrg("lab");
    expect((await refusal(createOrganization(admin, { name: taken.name, kind: "lab" }))).details).toEqual({ name: "nameTaken" });
    const other = await makeOrg("lab");
    expect((await refusal(renameOrganization(admin, { organizationId: other.id, name: taken.name }))).details).toEqual({ name: "nameTaken" });
  });

  it("refuses a NUL or a lone surrogate in a name with a field error (PostgreSQL cannot store the first) and creates nothing", async () => {
    const before = await db().organization.count();
    const nul = await refusal(createOrganization(admin, { name: `Evil\u0000 ${uniqueSuffix()}`, kind: "vendor" }));
    expect(nul.code).toBe("INVALID_INPUT");
    expect(nul.details).toEqual({ name: "textInvalid" });
    const half = await refusal(createOrganization(admin, { name: `Half \ud800 ${uniqueSuffix()}`, nameZh: "\udc00", kind: "vendor" }));
    expect(half.details).toEqual({ name: "textInvalid", nameZh: "textInvalid" });
    expect(await db().organization.count()).toBe(before);
  });
});

describe("users", () => {
  it("creates a user without a password and returns a one-time link whose token is stored only as a hash", async () => {
    const org = await makeOrg("vendor");
    const email = `New-${uniqueSuffix()}@Test.Zhiji`;
    const r = await createUser(admin, { email, name: "New Person", role: "vendor", organizationId: org.id });
    // Shown here because tests do not run as a strict production portal (set-password-link.test.ts covers that).
    const token = r.setPasswordUrl!.split("/set-password/")[1];
    expect(r.setPasswordUrl).toMatch(/^https?:\/\/[^/]+\/set-password\/[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url").length).toBeGreaterThanOrEqual(16);
    const row = await db().user.findUniqueOrThrow({ where: { id: r.user.id } });
    expect(row).toMatchObject({ email: email.toLowerCase(), passwordHash: null, role: "vendor", disabled: false });
    expect(row.setPasswordTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.setPasswordTokenHash).not.toContain(token);
    const hours = (row.setPasswordExpires!.getTime() - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(71.9);
    expect(hours).toBeLessThanOrEqual(72);

    const ev = await lastAudit("ADMIN_USER_CREATED");
    expect(ev!.payload).not.toContain(token);
    expect(ev!.payload).not.toContain(row.setPasswordTokenHash);
    expect(JSON.parse(ev!.payload)).toMatchObject({ userId: r.user.id, email: email.toLowerCase(), role: "vendor", organizationId: org.id });
    expect((await listUsers(admin)).find((u) => u.id === r.user.id)).toMatchObject({ role: "vendor", disabled: false, hasPassword: false, organization: { id: org.id } });
  });

  it("gives field errors for bad input, a taken email, an unknown organisation and a role that does not fit the organisation", async () => {
    const vendorOrg = await makeOrg("vendor");
    const bad = await refusal(createUser(admin, { email: "not-an-email", name: "", role: "wizard" as never, organizationId: "" }));
    expect(bad.code).toBe("INVALID_INPUT");
    expect(bad.details).toEqual({ email: "emailInvalid", name: "required", role: "roleInvalid", organizationId: "required" });
    const existing = await makeSessionUser("vendor");
    expect((await refusal(createUser(admin, { email: existing.email.toUpperCase(), name: "Dup", role: "vendor", organizationId: vendorOrg.id }))).details).toEqual({ email: "emailTaken" });
    expect((await refusal(createUser(admin, { email: `a-${uniqueSuffix()}@test.zhiji`, name: "A", role: "vendor", organizationId: "nope" }))).details).toEqual({ organizationId: "unknownOrganization" });
    expect((await refusal(createUser(admin, { email: `b-${uniqueSuffix()}@test.zhiji`, name: "B", role: "lab", organizationId: vendorOrg.id }))).details).toEqual({ organizationId: "orgKindMismatch" });
  });

  it("changes a role with an audit event; refuses an admin demoting themselves", async () => {
    const u = await makeSessionUser("expert");
    await changeRole(admin, { userId: u.id, role: "secretariat" });
    expect((await db().user.findUniqueOrThrow({ where: { id: u.id } })).role).toBe("secretariat");
    expect(JSON.parse((await lastAudit("ADMIN_ROLE_CHANGED"))!.payload)).toMatchObject({ userId: u.id, from: "expert", to: "secretariat" });

    const self = await refusal(changeRole(admin, { userId: admin.id, role: "vendor" }));
    expect(self.code).toBe("FORBIDDEN");
    expect(self.details).toEqual({ _: "selfDemote" });
    expect((await db().user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("admin");
    expect((await refusal(changeRole(admin, { userId: u.id, role: "vendor" }))).details).toEqual({ role: "orgKindMismatch" });
    expect((await refusal(changeRole(admin, { userId: "nobody", role: "expert" }))).code).toBe("NOT_FOUND");
  });

  it("disabling bumps sessionVersion (ending sessions) and is audited; enabling lets the user back; self-disable is refused", async () => {
    const u = await makeSessionUser("lab");
    const before = await db().user.findUniqueOrThrow({ where: { id: u.id } });
    const r = await disableUser(admin, { userId: u.id });
    expect(r).toMatchObject({ disabled: true, sessionVersion: before.sessionVersion + 1 });
    expect(JSON.parse((await lastAudit("ADMIN_USER_DISABLED"))!.payload)).toMatchObject({ userId: u.id });
    expect(await getUser(admin, u.id)).toMatchObject({ disabled: true });

    await enableUser(admin, { userId: u.id });
    const after = await db().user.findUniqueOrThrow({ where: { id: u.id } });
    expect(after).toMatchObject({ disabled: false, sessionVersion: before.sessionVersion + 1 });
    expect(JSON.parse((await lastAudit("ADMIN_USER_ENABLED"))!.payload)).toMatchObject({ userId: u.id });

    const self = await refusal(disableUser(admin, { userId: admin.id }));
    expect(self.code).toBe("FORBIDDEN");
    expect(self.details).toEqual({ _: "selfDisable" });
    expect((await db().user.findUniqueOrThrow({ where: { id: admin.id } })).disabled).toBe(false);
  });

  it("unlinking an institutional account clears its subject, ends the user's sessions and is audited; an unlinked user is refused", async () => {
    const u = await makeSessionUser("expert");
    const subject = `https://idp.example.cn sub-${uniqueSuffix()}`;
    const before = await db().user.update({ where: { id: u.id }, data: { oidcSubject: subject } });
    expect(await getUser(admin, u.id)).toMatchObject({ institutionalSubject: subject });
    expect(await unlinkInstitutionalAccount(admin, { userId: u.id })).toEqual({ id: u.id, oidcSubject: null });
    expect(await db().user.findUniqueOrThrow({ where: { id: u.id } })).toMatchObject({ oidcSubject: null, sessionVersion: before.sessionVersion + 1 });
    expect(JSON.parse((await lastAudit("ADMIN_USER_OIDC_UNLINKED"))!.payload)).toMatchObject({ userId: u.id, subject });

    const audits = await db().auditEvent.count();
    const again = await refusal(unlinkInstitutionalAccount(admin, { userId: u.id }));
    expect(again).toMatchObject({ code: "CONFLICT", details: { reason: "USER_NOT_LINKED" } });
    expect((await refusal(unlinkInstitutionalAccount(admin, { userId: "nobody" }))).details).toMatchObject({ reason: "USER_NOT_FOUND" });
    expect((await refusal(unlinkInstitutionalAccount(admin, { userId: "" }))).code).toBe("INVALID_INPUT");
    expect(await db().auditEvent.count()).toBe(audits);
    expect((await db().user.findUniqueOrThrow({ where: { id: u.id } })).sessionVersion).toBe(before.sessionVersion + 1);
  });

  it("issues a new set-password link that replaces the old one", async () => {
    const org = await makeOrg("vendor");
    const first = await createUser(admin, { email: `l-${uniqueSuffix()}@test.zhiji`, name: "L", role: "vendor", organizationId: org.id });
    const hash1 = (await db().user.findUniqueOrThrow({ where: { id: first.user.id } })).setPasswordTokenHash;
    const second = await issueSetPasswordLink(admin, { userId: first.user.id });
    expect(second.setPasswordUrl).not.toBe(first.setPasswordUrl);
    expect((await db().user.findUniqueOrThrow({ where: { id: first.user.id } })).setPasswordTokenHash).not.toBe(hash1);
    expect(await lastAudit("ADMIN_SET_PASSWORD_LINK_ISSUED")).not.toBeNull();
  });
});

describe("lab accreditations", () => {
  it("adds, changes dates and removes, each audited", async () => {
    const lab = await makeOrg("lab");
    const a = await addAccreditation(admin, { labOrgId: lab.id, category: "glasses", validFrom: "2026-01-01", validUntil: "2026-12-31" });
    expect(a.validFrom.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    // validUntil is inclusive of its whole day.
    expect(a.validUntil.toISOString()).toBe("2026-12-31T23:59:59.999Z");
    expect(JSON.parse((await lastAudit("ADMIN_ACCREDITATION_SET"))!.payload)).toMatchObject({ labOrgId: lab.id, category: "glasses", previous: null });

    await changeAccreditationDates(admin, { accreditationId: a.id, validFrom: "2026-02-01", validUntil: "2027-06-30" });
    const ev = JSON.parse((await lastAudit("ADMIN_ACCREDITATION_SET"))!.payload);
    expect(ev).toMatchObject({ accreditationId: a.id, validUntil: "2027-06-30T23:59:59.999Z", previous: { validUntil: "2026-12-31T23:59:59.999Z" } });

    expect((await refusal(addAccreditation(admin, { labOrgId: lab.id, category: "glasses", validFrom: "2026-01-01", validUntil: "2026-12-31" }))).details).toEqual({ category: "accreditationExists" });
    await removeAccreditation(admin, { accreditationId: a.id });
    expect(await db().labAccreditation.findUnique({ where: { id: a.id } })).toBeNull();
    expect(await lastAudit("ADMIN_ACCREDITATION_REMOVED")).not.toBeNull();
  });

  it("refuses a non-lab, an unknown category, bad dates and an end before the start", async () => {
    const vendor = await makeOrg("vendor");
    const lab = await makeOrg("lab");
    expect((await refusal(addAccreditation(admin, { labOrgId: vendor.id, category: "phone", validFrom: "2026-01-01", validUntil: "2026-12-31" }))).details).toEqual({ labOrgId: "notALab" });
    expect((await refusal(addAccreditation(admin, { labOrgId: lab.id, category: "Toaster!", validFrom: "soon", validUntil: "" }))).details).toEqual({
      category: "categoryInvalid", validFrom: "dateInvalid", validUntil: "dateInvalid",
    });
    // Categories are data: a well-formed key that is not in the Category table is refused too.
    expect((await refusal(addAccreditation(admin, { labOrgId: lab.id, category: "toaster", validFrom: "2026-01-01", validUntil: "2026-12-31" }))).details).toEqual({ category: "categoryInvalid" });
    expect((await refusal(addAccreditation(admin, { labOrgId: lab.id, category: "tv", validFrom: "2027-01-01", validUntil: "2026-01-01" }))).details).toEqual({ validUntil: "dateOrder" });
  });

  it("eligibleLabs lists labs accredited for the category on that day, never expired ones nor the vendor's own organisation", async () => {
    const category = "speaker";
    const active = await makeOrg("lab", `Active lab ${uniqueSuffix()}`);
    const expired = await makeOrg("lab", `Expired lab ${uniqueSuffix()}`);
    const future = await makeOrg("lab", `Future lab ${uniqueSuffix()}`);
    const otherCategory = await makeOrg("lab", `TV lab ${uniqueSuffix()}`);
    const vendorsOwnLab = await makeOrg("lab", `Vendor's lab ${uniqueSuffix()}`);
    await addAccreditation(admin, { labOrgId: active.id, category, validFrom: "2026-01-01", validUntil: "2027-12-31" });
    await addAccreditation(admin, { labOrgId: expired.id, category, validFrom: "2025-01-01", validUntil: "2026-05-31" });
    await addAccreditation(admin, { labOrgId: future.id, category, validFrom: "2026-07-01", validUntil: "2027-12-31" });
    await addAccreditation(admin, { labOrgId: otherCategory.id, category: "tv", validFrom: "2026-01-01", validUntil: "2027-12-31" });
    await addAccreditation(admin, { labOrgId: vendorsOwnLab.id, category, validFrom: "2026-01-01", validUntil: "2027-12-31" });

    const at = new Date("2026-06-15T12:00:00Z");
    const labs = await eligibleLabs(db(), { category, vendorOrgId: vendorsOwnLab.id, at });
    expect(labs.map((l) => l.id)).toEqual([active.id]);
    // The last day of an accreditation still counts; the day after does not.
    expect((await eligibleLabs(db(), { category, vendorOrgId: "v", at: new Date("2026-05-31T20:00:00Z") })).map((l) => l.id)).toContain(expired.id);
    expect((await eligibleLabs(db(), { category, vendorOrgId: "v", at: new Date("2026-06-01T00:00:00Z") })).map((l) => l.id)).not.toContain(expired.id);

    expect(await isLabAccredited(db(), active.id, category, at)).toBe(true);
    expect(await isLabAccredited(db(), expired.id, category, at)).toBe(false);
    expect(await isLabAccredited(db(), future.id, category, at)).toBe(false);
    expect(await isLabAccredited(db(), otherCategory.id, category, at)).toBe(false);
  });
});

describe("expert affiliations", () => {
  it("adds and removes affiliations; expertOrgIds is the own organisation plus affiliations", async () => {
    const expert = await makeSessionUser("expert");
    const vendor = await makeOrg("vendor");
    const lab = await makeOrg("lab");
    expect(await expertOrgIds(db(), expert.id)).toEqual([expert.organizationId]);
    const a = await addAffiliation(admin, { userId: expert.id, organizationId: vendor.id, note: "Advisor" });
    await addAffiliation(admin, { userId: expert.id, organizationId: lab.id });
    expect((await expertOrgIds(db(), expert.id)).sort()).toEqual([expert.organizationId, vendor.id, lab.id].sort());
    expect((await getUser(admin, expert.id)).affiliations.map((x) => x.organization.id).sort()).toEqual([vendor.id, lab.id].sort());
    expect(JSON.parse((await lastAudit("ADMIN_AFFILIATION_ADDED"))!.payload)).toMatchObject({ userId: expert.id, organizationId: lab.id });

    expect((await refusal(addAffiliation(admin, { userId: expert.id, organizationId: vendor.id }))).details).toEqual({ organizationId: "alreadyAffiliated" });
    expect((await refusal(addAffiliation(admin, { userId: expert.id, organizationId: expert.organizationId }))).details).toEqual({ organizationId: "ownOrganization" });
    const vendorUser = await makeSessionUser("vendor");
    expect((await refusal(addAffiliation(admin, { userId: vendorUser.id, organizationId: lab.id }))).details).toEqual({ userId: "notAnExpert" });

    await removeAffiliation(admin, { affiliationId: a.id });
    expect((await expertOrgIds(db(), expert.id)).sort()).toEqual([expert.organizationId, lab.id].sort());
    expect(await lastAudit("ADMIN_AFFILIATION_REMOVED")).not.toBeNull();
    expect(await expertOrgIds(db(), "nobody")).toEqual([]);
  });
});

describe("audit trail", () => {
  it("every admin change above sits on an intact chain with no case", async () => {
    const v = await verifyAuditChain(db());
    expect(v.ok).toBe(true);
    const adminEvents = await db().auditEvent.findMany({ where: { type: { startsWith: "ADMIN_" } } });
    expect(adminEvents.length).toBeGreaterThan(10);
    expect(adminEvents.every((e) => e.caseId === null && e.actorId === admin.id)).toBe(true);
  });
});
