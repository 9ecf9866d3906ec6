import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { pickMessages, REGISTRY_CLIENT_MESSAGES } from "@/i18n/client-messages";

// Only the messages the registry's client components read (i18n/client-messages.ts).
export default async function RegistryLayout({ children }: { children: React.ReactNode }) {
  return <NextIntlClientProvider messages={pickMessages(await getMessages(), REGISTRY_CLIENT_MESSAGES)}>{children}</NextIntlClientProvider>;
}
