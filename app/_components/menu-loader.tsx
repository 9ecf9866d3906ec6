"use client";
// The narrow-screen header menu (./header-menu.tsx: a Radix dropdown and next-auth's sign-out,
// some 47 kB gzip) loaded after the page rather than with it, so that no route's first-load
// JavaScript carries it (docs/performance.md, first-load JavaScript). Until it arrives, which is
// also before hydration, an inert button of the same size and look holds its place: nothing moves.
import { useTranslations } from "next-intl";
import { afterLoad } from "./ui/after-load";
import { ChromeIcon } from "./ui/chrome-icon";

function MenuPlaceholder() {
  const l = useTranslations("layout");
  return (
    <button
      type="button"
      aria-label={l("menuLabel")}
      aria-disabled="true"
      className="inline-flex items-center gap-1 rounded border border-slate-300 px-2 py-1 text-sm"
    >
      <ChromeIcon name="menu" className="h-4 w-4" />
      <span>{l("menu")}</span>
    </button>
  );
}

export const HeaderMenu = afterLoad(() => import("./header-menu").then((m) => m.HeaderMenu), MenuPlaceholder);
