// Decides, before anything streams, whether this viewer may use the audit pages: the pages below
// have a loading state (loading.tsx), and once they stream the status is sent, so a refusal must
// happen here, where it can still be a 404. Each page checks its own permission again.
import { requirePermission } from "@/lib/auth/page-guards";

export default async function AuditLayout({ children }: { children: React.ReactNode }) {
  await requirePermission("audit:read");
  return children;
}
