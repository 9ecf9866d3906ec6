import "server-only";
import { db } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { fetchPage, parseListParams, type ListSpec, type SearchParamsLike, type SortDir } from "@/lib/paging";
import type { Organization, User } from "@/lib/generated/sqlite/client";

/** Every user with organisation, role and status; never the password or link hashes. */
export async function listUsers(actor: SessionUser) {
  assertCan(actor, "user:manage");
  const users = await db().user.findMany({
    orderBy: [{ organization: { name: "asc" } }, { email: "asc" }],
    include: { organization: true },
  });
  return users.map(publicUser);
}

const USER_SORTS = ["name", "email", "role", "organization", "created"] as const;
export const USER_LIST: ListSpec<(typeof USER_SORTS)[number]> = {
  sorts: USER_SORTS,
  // Newest first: the user just created is at the top of the first page.
  defaultSort: "created",
  defaultDir: "desc",
};

const USER_ORDER = {
  name: (dir: SortDir) => [{ name: dir }],
  email: (dir: SortDir) => [{ email: dir }],
  role: (dir: SortDir) => [{ role: dir }],
  organization: (dir: SortDir) => [{ organization: { name: dir } }],
  created: (dir: SortDir) => [{ createdAt: dir }],
} as const;

/** One page of the users (URL search parameters choose page, size and order), and how many there are. */
export async function listUsersPage(actor: SessionUser, params: SearchParamsLike) {
  assertCan(actor, "user:manage");
  const p = parseListParams(params, USER_LIST);
  // The email is unique: it breaks ties, so a page boundary never repeats or skips a row.
  const orderBy = [...USER_ORDER[p.sort](p.dir), { email: "asc" as const }];
  const page = await fetchPage(
    p,
    () => db().user.count(),
    (skip, take) => db().user.findMany({ orderBy, skip, take, include: { organization: true } }),
  );
  return { ...page, rows: page.rows.map(publicUser) };
}

type UserRow = User & { organization: Organization };

export function publicUser(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    organization: { id: u.organization.id, name: u.organization.name, nameZh: u.organization.nameZh, kind: u.organization.kind },
    disabled: u.disabled,
    isDemo: u.isDemo,
    hasPassword: u.passwordHash !== null,
    // "<issuer> <subject>" of the linked institutional account, or null (docs/security.md#institutional-sign-in).
    institutionalSubject: u.oidcSubject,
    // A link is pending while it has an expiry in the future (a used link has none).
    setPasswordPendingUntil: u.setPasswordExpires,
    createdAt: u.createdAt,
  };
}
export type AdminUserView = ReturnType<typeof publicUser>;
