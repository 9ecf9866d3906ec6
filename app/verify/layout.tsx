import { VERIFY_CLIENT_MESSAGES } from "@/i18n/client-messages";
import { ClientMessages } from "@/i18n/client-provider";

// Only the messages the verify pages' client components read (i18n/client-messages.ts): the page's
// HTML stays small, which matters most for the pages every certificate's QR code leads to.
export default async function VerifyLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages paths={VERIFY_CLIENT_MESSAGES}>{children}</ClientMessages>;
}
