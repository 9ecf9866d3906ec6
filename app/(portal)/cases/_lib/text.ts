// Bilingual data (schemes, level names) in the reader's language.
import { LEVEL_NAMES, isLevel } from "@/lib/grading/levels";
import type { Bilingual } from "@/lib/grading/scheme";

export const pick = (text: Bilingual, locale: string) => (locale.startsWith("zh") ? text.zh : text.en);

/** `L3 · Assistance` / `L3 · 辅助级`; an unknown value is shown as it is. */
export function levelLabel(level: string | null | undefined, locale: string): string {
  if (!level) return "—";
  return isLevel(level) ? `${level} · ${pick(LEVEL_NAMES[level], locale)}` : level;
}
