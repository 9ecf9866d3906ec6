// Decides, before anything streams, whether this viewer may see the case at all. The page below
// has a loading state (loading.tsx); once it streams the status is sent, so a case the viewer may
// not see must be refused here, where the answer can still be a 404.
import { requirePermission } from "@/lib/auth/page-guards";
import { getCase } from "@/lib/cases/get-case";
import { orNotFound } from "@/app/(portal)/_lib/or-not-found";

export default async function CaseLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  await orNotFound(getCase(await requirePermission("case:read"), id));
  return children;
}
