import { NextIntlClientProvider } from "next-intl";

// The whole message catalogue for this part's client components (i18n/client-messages.ts).
export default function Layout({ children }: { children: React.ReactNode }) {
  return <NextIntlClientProvider>{children}</NextIntlClientProvider>;
}
