import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { HOME_BY_ROLE } from "@/lib/permissions";

export default async function Root() {
  const user = await getSessionUser();
  redirect(user ? HOME_BY_ROLE[user.role] : "/signin");
}
