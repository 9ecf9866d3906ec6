// An address no page answers (and any notFound() outside the portal's own pages): the portal's
// header and a translated message, with status 404.
import { Header } from "@/app/_components/header";
import { NotFoundView } from "@/app/_components/not-found-view";
import { getSessionUser } from "@/lib/auth/session";

export default async function NotFound() {
  const user = await getSessionUser();
  return (
    <>
      <Header user={user} />
      <main className="mx-auto max-w-6xl px-4 py-10">
        <NotFoundView user={user} />
      </main>
    </>
  );
}
