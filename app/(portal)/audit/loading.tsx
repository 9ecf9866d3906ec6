import { PageLoading } from "@/app/_components/page-loading";

export default function AuditLoading() {
  return <PageLoading blocks={3} />;
}
