import { ClientMessages } from "@/i18n/client-provider";

// The whole message catalogue for this part's client components (i18n/client-messages.ts).
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages>{children}</ClientMessages>;
}
