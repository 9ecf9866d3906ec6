// The intelligence levels of GB/Z 177 and their order; shared by schemes, engine and UI.

// The levels, their order and rank are the domain's (workflows/certification/types.ts); the names are here.
import type { Level } from "@/lib/domain";

export { LEVELS, levelRank, compareLevels, isLevel, levelsUpTo, type Level } from "@/lib/domain";

export const LEVEL_NAMES: Record<Level, { zh: string; en: string }> = {
  L1: { zh: "响应级", en: "Response" },
  L2: { zh: "工具级", en: "Tool" },
  L3: { zh: "辅助级", en: "Assistance" },
  L4: { zh: "协同级", en: "Collaboration" },
};

