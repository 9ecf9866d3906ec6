// Shown while a slow page (a case, the audit dashboard) is fetched: a polite status and grey
// blocks where the content will be.
import { getTranslations } from "next-intl/server";

export async function PageLoading({ blocks = 3 }: { blocks?: number }) {
  const t = await getTranslations("layout");
  return (
    <div data-testid="page-loading" aria-busy="true" className="space-y-4">
      <p role="status" className="text-sm text-slate-600">{t("loading")}</p>
      {Array.from({ length: blocks }, (_, i) => (
        <div key={i} aria-hidden="true" className="h-32 animate-pulse rounded-lg border border-slate-200 bg-white motion-reduce:animate-none" />
      ))}
    </div>
  );
}
