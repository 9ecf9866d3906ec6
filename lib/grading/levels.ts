// The intelligence levels of GB/Z 177 and their order; shared by schemes, engine and UI.

export const LEVELS = ["L1", "L2", "L3", "L4"] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_NAMES: Record<Level, { zh: string; en: string }> = {
  L1: { zh: "响应级", en: "Response" },
  L2: { zh: "工具级", en: "Tool" },
  L3: { zh: "辅助级", en: "Assistance" },
  L4: { zh: "协同级", en: "Collaboration" },
};

/** Position of a level, with `null` ("not even L1") below every level. */
export function levelRank(level: Level | null): number {
  return level === null ? 0 : LEVELS.indexOf(level) + 1;
}

/** Compare two levels (null lowest): negative when a < b, 0 when equal, positive when a > b. */
export function compareLevels(a: Level | null, b: Level | null): number {
  return levelRank(a) - levelRank(b);
}

export function isLevel(value: unknown): value is Level {
  return typeof value === "string" && (LEVELS as readonly string[]).includes(value);
}
