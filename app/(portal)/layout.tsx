import { Header } from "@/app/_components/header";
import { getSessionUser } from "@/lib/auth/session";

// Chrome only. Authorisation is done by each page and route, never here.
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await getSessionUser();
  return (
    <>
      <Header user={user} />
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </>
  );
}
