import type { Metadata } from "next";
import { getLocale } from "next-intl/server";
import { BASE_CLIENT_MESSAGES } from "@/i18n/client-messages";
import { ClientMessages } from "@/i18n/client-provider";
import "./globals.css";

export const metadata: Metadata = {
  title: "Zhiji 智级 — AI terminal intelligence grading",
  description: "Pilot portal for the intelligence grading of AI terminals",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900">
        {/* Only the chrome's messages; each part of the portal gives its own (i18n/client-messages.ts). */}
        <ClientMessages paths={BASE_CLIENT_MESSAGES}>
          {children}
        </ClientMessages>
      </body>
    </html>
  );
}
