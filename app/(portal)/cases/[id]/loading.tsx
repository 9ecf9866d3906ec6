import { PageLoading } from "@/app/_components/page-loading";

export default function CaseLoading() {
  return <PageLoading blocks={4} />;
}
