// Page-level guards: every page asks here itself (a layout is never the check).
import "server-only";
import { notFound, redirect } from "next/navigation";
import { headers } from "next/headers";
import { requireUser } from "@/lib/auth/session";
import { can, type Permission, type Role, type SessionUser } from "@/lib/permissions";

async function currentPath(): Promise<string | undefined> {
  return (await headers()).get("x-zhiji-path") ?? undefined;
}

/** Where an account without the second factor its role requires is kept until it enrols. */
export const ENROL_PATH = "/account#second-factor";

async function signedIn(): Promise<SessionUser> {
  const user = await requireUser(await currentPath());
  if (user.mustEnrol) redirect(ENROL_PATH);
  return user;
}

export async function requireRole(...roles: Role[]): Promise<SessionUser> {
  const user = await signedIn();
  // A page of another role does not exist for this user.
  if (!roles.includes(user.role)) notFound();
  return user;
}

export async function requirePermission(permission: Permission): Promise<SessionUser> {
  const user = await signedIn();
  if (!can(user, permission)) notFound();
  return user;
}

/** The account page: every signed-in person, including one who must first enrol a second factor. */
export async function requireAccountOwner(): Promise<SessionUser> {
  return requireUser(await currentPath());
}
