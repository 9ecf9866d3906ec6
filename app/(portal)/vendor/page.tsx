import { requireRole } from "@/lib/auth/page-guards";
import { RoleHome } from "@/app/_components/role-home";

export default async function VendorHome() {
  const user = await requireRole("vendor");
  return <RoleHome user={user} />;
}
