import { REGISTRY_CLIENT_MESSAGES } from "@/i18n/client-messages";
import { ClientMessages } from "@/i18n/client-provider";
import { Header } from "@/app/_components/header";
import { getSessionUser } from "@/lib/auth/session";

// Only the messages the registry's client components read (i18n/client-messages.ts). The header is
// rendered here rather than by the page: the browser then gets its client parts in the same chunk
// as every other page's header, not again with the page's own (docs/performance.md, first-load JavaScript).
export default async function RegistryLayout({ children }: { children: React.ReactNode }) {
  const user = await getSessionUser();
  return (
    <ClientMessages paths={REGISTRY_CLIENT_MESSAGES}>
      <Header user={user} />
      {children}
    </ClientMessages>
  );
}
