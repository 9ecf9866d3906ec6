// The translation provider of a part of the app: its client components get the messages under
// `paths` (the whole catalogue when none are named), precompiled (i18n/client-messages.ts).
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages } from "next-intl/server";
import { clientMessages } from "./client-messages";

export async function ClientMessages({ paths, children }: { paths?: readonly string[]; children: React.ReactNode }) {
  const locale = await getLocale();
  const messages = clientMessages(locale, await getMessages(), paths);
  return (
    <NextIntlClientProvider locale={locale} messages={messages as Parameters<typeof NextIntlClientProvider>[0]["messages"]}>
      {children}
    </NextIntlClientProvider>
  );
}
