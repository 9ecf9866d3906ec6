// Bilingual data (names stored in both languages) shown in the reader's language.
export type Bilingual = { zh: string; en: string };

export const pick = (b: Bilingual, locale: string) => (locale.startsWith("zh") ? b.zh : b.en);

/** A level as on the certificate: "L3 辅助级 Assistance" (both names, as the PDF prints them). */
export const levelLabel = (level: string, name: Bilingual) => `${level} ${name.zh} ${name.en}`;

/** An organisation or pilot with an optional Chinese name, in the reader's language first. */
export function localName(name: string, nameZh: string | null | undefined, locale: string) {
  if (!nameZh) return name;
  return locale.startsWith("zh") ? `${nameZh}（${name}）` : `${name} (${nameZh})`;
}
