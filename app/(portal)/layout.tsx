import { ClientMessages } from "@/i18n/client-provider";
import { Header } from "@/app/_components/header";
import { getSessionUser } from "@/lib/auth/session";

// Chrome only. Authorisation is done by each page and route, never here.
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await getSessionUser();
  // The signed-in portal's client components read every namespace: the whole catalogue (i18n/client-messages.ts).
  return (
    <ClientMessages>
      <Header user={user} />
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </ClientMessages>
  );
}
