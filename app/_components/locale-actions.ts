"use server";
import { cookies } from "next/headers";
import { LOCALES, LOCALE_COOKIE } from "@/i18n/locale";

export async function setLocale(locale: string) {
  if (!(LOCALES as readonly string[]).includes(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
}
