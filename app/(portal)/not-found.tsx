// A portal page refused or found nothing (notFound()): the message inside the portal's own chrome.
import { NotFoundView } from "@/app/_components/not-found-view";
import { getSessionUser } from "@/lib/auth/session";

export default async function PortalNotFound() {
  return <NotFoundView user={await getSessionUser()} />;
}
