import { requireRole } from "@/lib/auth/page-guards";
import { RoleHome } from "@/app/_components/role-home";

export default async function MinistryHome() {
  const user = await requireRole("ministry");
  return <RoleHome user={user} />;
}
