// Bilingual scheme text in the reader's language.
import { LEVEL_NAMES, UNIT_NAMES, type Bilingual, type Level, type Unit } from "@/lib/grading";

export const pick = (text: Bilingual, locale: string) => (locale.startsWith("zh") ? text.zh : text.en);
export const levelName = (level: Level, locale: string) => pick(LEVEL_NAMES[level], locale);
export const unitName = (unit: Unit, locale: string) => pick(UNIT_NAMES[unit], locale);
export const formatNumber = (value: number | null | undefined) => (value === null || value === undefined ? "—" : String(value));
