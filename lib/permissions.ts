// The one permission module: the role table of docs/domain.md#roles and the helpers every page, server
// action and API route asks. Access to cases is also built into the query (caseWhere), so a list
// can never return what the caller may not see.
import { domainError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { EVENT_ROLES, EVENT_TYPES, USER_ROLES, type EventType, type UserRole } from "@/lib/domain";

/** A person's roles (the domain's, workflows/certification/types.ts). */
export const ROLES = USER_ROLES;
export type Role = UserRole;

/** Who may send each case event, from the domain's one table (EVENT_ROLES); EXPIRE is the system's, no person holds it. */
const EVENT_PERMISSIONS = Object.fromEntries(
  EVENT_TYPES.map((t) => [`event:${t}`, (EVENT_ROLES[t] as readonly string[]).filter((r): r is Role => r !== "system")]),
) as unknown as { [T in EventType as `event:${T}`]: readonly Role[] };

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  organizationId: string;
  organizationName: string;
  /**
   * How the request was authenticated, set by lib/auth/session.ts: a browser session (with when its
   * password was last entered, ms) or an API token. Absent for in-process callers (scripts, tests).
   */
  via?: "session" | "token";
  authAt?: number;
  /** A role that must have a second factor and has none yet: may do nothing until enrolled (lib/auth/totp.ts). */
  mustEnrol?: boolean;
};

/** Who may do what, by role. Assignment rules (the assigned lab, a panelist) are checked on top. */
export const PERMISSIONS = {
  "case:list": ["vendor", "lab", "expert", "secretariat", "ministry"],
  "case:read": ["vendor", "lab", "expert", "secretariat", "ministry"],
  "case:create": ["vendor"],
  "product:manage": ["vendor"],
  "lab-report:write": ["lab"],
  // The lab's test evidence, and the vendor's corrective evidence while suspended (lib/cases/evidence.ts).
  "evidence:upload": ["lab", "vendor"],
  "evidence:read": ["vendor", "lab", "expert", "secretariat", "ministry"],
  "scheme:read": ["vendor", "lab", "expert", "secretariat", "ministry", "admin"],
  "scheme:manage": ["secretariat"],
  // Terminal categories are data (docs/domain.md#categories): the secretariat adds one.
  "category:manage": ["secretariat"],
  // Scheme governance (docs/domain.md#scheme-governance): the secretariat proposes, answers and
  // publishes (scheme:manage); experts, labs and vendors comment; a ministry user approves.
  "scheme:comment": ["vendor", "lab", "expert"],
  "scheme:approve": ["ministry"],
  "pilot:manage": ["secretariat"],
  // Pilot management (docs/domain.md#pilots): the secretariat creates, opens and closes; the ministry approves.
  "pilot:approve": ["ministry"],
  // A vendor publishes (or withdraws) its certified case's results in the registry's comparison.
  "results:publish": ["vendor"],
  "dashboard:read": ["secretariat", "ministry"],
  "audit:read": ["secretariat", "ministry"],
  "audit:verify": ["ministry"],
  "audit:checkpoint": ["ministry"],
  "finding:create": ["ministry"],
  "finding:answer": ["secretariat"],
  "finding:close": ["ministry"],
  "user:manage": ["admin"],
  "organization:manage": ["admin"],
  "accreditation:manage": ["admin"],
  "outbox:manage": ["admin"],
  // An expert's own conflict-of-interest declarations (docs/domain.md#conflict-declarations).
  "conflict:declare": ["expert"],
  "token:own": ["vendor", "lab", "expert", "secretariat", "ministry", "admin"],
  // Complaints from the public (docs/domain.md#complaints): the assigned handler is checked on top.
  "complaint:read": ["secretariat", "ministry"],
  "complaint:triage": ["secretariat"],
  "complaint:close": ["secretariat", "ministry"],
  // After-care (docs/domain.md#after-care): change cases of a certified case; the case's own
  // visibility (caseWhere) and the change machine's rules (the case's lab) are checked on top.
  "change:read": ["vendor", "lab", "secretariat", "ministry"],
  "change:report": ["vendor"],
  "change:surveil": ["secretariat"],
  "change:CLASSIFY": ["secretariat"],
  "change:SUBMIT_REPORT": ["lab"],
  "change:lab-report": ["lab"],
  "change:CONCLUDE": ["ministry"],
  "change:WITHDRAW": ["vendor"],
  // Proficiency testing (docs/domain.md#proficiency-testing): a lab reads only the rounds it is invited to.
  "proficiency:manage": ["secretariat"],
  "proficiency:submit": ["lab"],
  "proficiency:read": ["secretariat", "ministry", "lab"],
  // Case events: which role may send each (the machine adds the per-case rules).
  ...EVENT_PERMISSIONS,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(user: Pick<SessionUser, "role" | "mustEnrol"> | null | undefined, permission: Permission): boolean {
  if (!user || user.mustEnrol) return false;
  return (PERMISSIONS[permission] as readonly Role[]).includes(user.role);
}

export function assertCan(user: SessionUser | null | undefined, permission: Permission): asserts user is SessionUser {
  if (!user) throw domainError("SIGN_IN_REQUIRED");
  if (user.mustEnrol) throw domainError("TOTP_ENROLMENT_REQUIRED");
  if (!can(user, permission)) throw domainError("NOT_PERMITTED", { role: user.role, permission });
}

export const HOME_BY_ROLE: Record<Role, string> = {
  vendor: "/vendor",
  lab: "/lab",
  expert: "/expert",
  secretariat: "/secretariat",
  ministry: "/ministry",
  admin: "/admin",
};

/** The cases this user may see, as a where clause: built into every case query. */
export function caseWhere(user: SessionUser): Prisma.CaseWhereInput {
  switch (user.role) {
    case "vendor":
      return { organizationId: user.organizationId };
    case "lab":
      return { labOrgId: user.organizationId };
    case "expert":
      return { panel: { some: { expertId: user.id } } };
    case "secretariat":
    case "ministry":
      return {};
    default:
      // No case is visible: a where clause that matches nothing.
      return { id: { in: [] } };
  }
}
