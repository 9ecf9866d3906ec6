// The seven pilot schemes (version 2026.1) bundled with the portal and seeded into the
// database. Their values are pilot values, not the unpublished GB/Z 177 thresholds.
import type { Scheme } from "../scheme";
import car from "./car.json";
import earphone from "./earphone.json";
import glasses from "./glasses.json";
import pc from "./pc.json";
import phone from "./phone.json";
import speaker from "./speaker.json";
import tv from "./tv.json";

// JSON imports widen literals ("%" becomes string), so the type is asserted here;
// schemes.test.ts runs every one through parseScheme, so a bad file fails the tests,
// not a request.
export const SEEDED_SCHEMES = [phone, pc, tv, glasses, car, speaker, earphone] as unknown as readonly Scheme[];

export const SEEDED_CATEGORIES = ["phone", "pc", "tv", "glasses", "car", "speaker", "earphone"] as const;
export type SeededCategory = (typeof SEEDED_CATEGORIES)[number];

export function seededScheme(id: string): Scheme | undefined {
  return SEEDED_SCHEMES.find((scheme) => scheme.id === id);
}
