import { describe, expect, it } from "vitest";
import { PERMISSIONS, can, caseWhere, ROLES, type SessionUser } from "./permissions";
import { EVENT_TYPES } from "@/workflows/certification";

const user = (role: SessionUser["role"]): SessionUser => ({ id: "u1", email: "e", name: "n", role, organizationId: "o1", organizationName: "O" });

describe("permission table", () => {
  it("names a rule for every event of the lifecycle", () => {
    for (const type of EVENT_TYPES) expect(Object.keys(PERMISSIONS)).toContain(`event:${type}`);
  });

  it("follows the role table: only vendors create cases, only ministry verifies the audit chain, only admins manage users", () => {
    expect(ROLES.filter((r) => can(user(r), "case:create"))).toEqual(["vendor"]);
    expect(ROLES.filter((r) => can(user(r), "audit:verify"))).toEqual(["ministry"]);
    expect(ROLES.filter((r) => can(user(r), "user:manage"))).toEqual(["admin"]);
    expect(ROLES.filter((r) => can(user(r), "event:AWARD"))).toEqual(["ministry"]);
    expect(ROLES.filter((r) => can(user(r), "event:EXPIRE"))).toEqual([]);
    expect(can(null, "case:list")).toBe(false);
  });

  it("builds access into case queries by role", () => {
    expect(caseWhere(user("vendor"))).toEqual({ organizationId: "o1" });
    expect(caseWhere(user("lab"))).toEqual({ labOrgId: "o1" });
    expect(caseWhere(user("expert"))).toEqual({ panel: { some: { expertId: "u1" } } });
    expect(caseWhere(user("ministry"))).toEqual({});
    expect(caseWhere(user("admin"))).toEqual({ id: { in: [] } });
  });
});
