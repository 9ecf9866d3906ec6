import { requireRole } from "@/lib/auth/page-guards";
import { RoleHome } from "@/app/_components/role-home";

export default async function SecretariatHome() {
  const user = await requireRole("secretariat");
  return <RoleHome user={user} />;
}
