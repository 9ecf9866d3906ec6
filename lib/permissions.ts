// The one permission module: the role table of DESIGN §2 and the helpers every page, server
// action and API route asks. Access to cases is also built into the query (caseWhere), so a list
// can never return what the caller may not see.
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";

export const ROLES = ["vendor", "lab", "expert", "secretariat", "ministry", "admin"] as const;
export type Role = (typeof ROLES)[number];

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
  "evidence:upload": ["lab"],
  "evidence:read": ["vendor", "lab", "expert", "secretariat", "ministry"],
  "scheme:read": ["vendor", "lab", "expert", "secretariat", "ministry", "admin"],
  "scheme:manage": ["secretariat"],
  "pilot:manage": ["secretariat"],
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
  "token:own": ["vendor", "lab", "expert", "secretariat", "ministry", "admin"],
  // Case events: which role may send each (the machine adds the per-case rules).
  "event:SUBMIT": ["vendor"],
  "event:WITHDRAW": ["vendor"],
  "event:APPEAL": ["vendor"],
  "event:RETURN": ["secretariat"],
  "event:REJECT_APPLICATION": ["secretariat"],
  "event:ACCEPT": ["secretariat"],
  "event:ASSIGN_PANEL": ["secretariat"],
  "event:SUBMIT_REPORT": ["lab"],
  "event:RECUSE": ["expert"],
  "event:VOTE": ["expert"],
  "event:AWARD": ["ministry"],
  "event:DENY": ["ministry"],
  "event:REMAND": ["ministry"],
  "event:SUSPEND": ["ministry"],
  "event:REINSTATE": ["ministry"],
  "event:REVOKE": ["ministry"],
  "event:UPHOLD_APPEAL": ["ministry"],
  "event:DISMISS_APPEAL": ["ministry"],
  // EXPIRE is sent by the system only (no role holds it).
  "event:EXPIRE": [],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(user: Pick<SessionUser, "role" | "mustEnrol"> | null | undefined, permission: Permission): boolean {
  if (!user || user.mustEnrol) return false;
  return (PERMISSIONS[permission] as readonly Role[]).includes(user.role);
}

export function assertCan(user: SessionUser | null | undefined, permission: Permission): asserts user is SessionUser {
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first");
  if (user.mustEnrol) {
    throw new AppError("FORBIDDEN", "Set up two-factor sign-in on your account page first", { reason: "TOTP_ENROLMENT_REQUIRED" });
  }
  if (!can(user, permission)) throw new AppError("FORBIDDEN", `Your role (${user.role}) may not do this (${permission})`);
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
