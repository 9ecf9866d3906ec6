import { requireRole } from "@/lib/auth/page-guards";
import { RoleHome } from "@/app/_components/role-home";

export default async function LabHome() {
  const user = await requireRole("lab");
  return <RoleHome user={user} />;
}
