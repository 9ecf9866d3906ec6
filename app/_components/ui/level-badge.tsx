"use client";
// A level as its short code (L1..L4) with its name and meaning in a tooltip, in the reader's
// language: tables show the code, the tooltip (hover or keyboard focus) says what it stands for.
import { useLocale, useTranslations } from "next-intl";
import { LEVEL_NAMES } from "@/lib/grading/levels";
import { isLevel } from "@/lib/domain";
import { Tip } from "./tooltip";

export function LevelBadge({ level, testId }: { level: string | null | undefined; testId?: string }) {
  const t = useTranslations("common.levels");
  const locale = useLocale();
  if (!level) return <span className="text-slate-600">—</span>;
  if (!isLevel(level)) return <span className="font-mono">{level}</span>;
  const name = locale.startsWith("zh") ? LEVEL_NAMES[level].zh : LEVEL_NAMES[level].en;
  return (
    <Tip content={`${level} · ${name}: ${t(level)}`} testId={testId}>
      <span className="font-mono">{level}</span>
    </Tip>
  );
}
