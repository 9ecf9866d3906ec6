import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { pickMessages, VERIFY_CLIENT_MESSAGES } from "@/i18n/client-messages";

// Only the messages the verify pages' client components read (i18n/client-messages.ts): the page's
// HTML stays small, which matters most for the pages every certificate's QR code leads to.
export default async function VerifyLayout({ children }: { children: React.ReactNode }) {
  return <NextIntlClientProvider messages={pickMessages(await getMessages(), VERIFY_CLIENT_MESSAGES)}>{children}</NextIntlClientProvider>;
}
