import { requireRole } from "@/lib/auth/page-guards";
import { RoleHome } from "@/app/_components/role-home";

export default async function ExpertHome() {
  const user = await requireRole("expert");
  return <RoleHome user={user} />;
}
