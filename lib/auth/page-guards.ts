// Page-level guards: every page asks here itself (a layout is never the check).
import { notFound } from "next/navigation";
import { headers } from "next/headers";
import { requireUser } from "@/lib/auth/session";
import { can, type Permission, type Role, type SessionUser } from "@/lib/permissions";

async function currentPath(): Promise<string | undefined> {
  return (await headers()).get("x-zhiji-path") ?? undefined;
}

export async function requireRole(...roles: Role[]): Promise<SessionUser> {
  const user = await requireUser(await currentPath());
  // A page of another role does not exist for this user.
  if (!roles.includes(user.role)) notFound();
  return user;
}

export async function requirePermission(permission: Permission): Promise<SessionUser> {
  const user = await requireUser(await currentPath());
  if (!can(user, permission)) notFound();
  return user;
}
