// The seven revised schemes (version 2026.2, format v2), written from GB/Z 177's structure and the
// domain review of docs/domain.md#schemes. The demo seed adds them as *proposed* (open for
// comments), not published: cases keep using 2026.1 until the revision is approved and published.
import type { Scheme } from "../scheme";
import car from "./car-2026.2.json";
import earphone from "./earphone-2026.2.json";
import glasses from "./glasses-2026.2.json";
import pc from "./pc-2026.2.json";
import phone from "./phone-2026.2.json";
import speaker from "./speaker-2026.2.json";
import tv from "./tv-2026.2.json";

// JSON imports widen literals, so the type is asserted here; schemes-2026-2.test.ts runs every one
// through parseScheme and the review rules, so a bad file fails the tests, not a request.
export const REVISED_SCHEMES = [phone, pc, tv, glasses, car, speaker, earphone] as unknown as readonly Scheme[];
export const REVISED_VERSION = "2026.2";
/** The version each revision replaces. */
export const REVISED_BASED_ON = "2026.1";
