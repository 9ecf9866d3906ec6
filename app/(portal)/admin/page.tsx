import { requireRole } from "@/lib/auth/page-guards";
import { RoleHome } from "@/app/_components/role-home";

export default async function AdminHome() {
  const user = await requireRole("admin");
  return <RoleHome user={user} />;
}
