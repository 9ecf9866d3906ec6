/**
 * A closed proficiency-testing round's report as a PDF (docs/domain.md#proficiency-testing): A4,
 * Chinese and English in one document — the round, the method, and per item x*, s*, the number of
 * values and each lab's value, z-score and assessment. Drawn with the portal's report layout
 * (lib/certificates/report-cursor.ts, the certificate's CJK fonts and page); not signed: the
 * figures are those of the results page and the CSV (roundResults). A lab's PDF holds only its own row.
 */
import "server-only";
import { NAVY, PAGE_W, X0, X1, fit, fmtDate, renderOnePagePdf, setFont, type Doc } from "@/lib/certificates/pdf";
import { Cursor } from "@/lib/certificates/report-cursor";
import type { SessionUser } from "@/lib/permissions";
import { roundResults, type RoundResults } from "./rounds";

const TZ = "Asia/Shanghai";
const CLASSES: Record<string, string> = {
  satisfactory: "满意 Satisfactory",
  questionable: "可疑 Questionable",
  unsatisfactory: "不满意 Unsatisfactory",
};
const fmt = (v: number | null) => (v === null ? "—" : Number(v.toPrecision(8)).toLocaleString("en-US", { maximumFractionDigits: 4, useGrouping: false }));

function draw(doc: Doc, { round, items }: RoundResults, now: Date): void {
  const c = new Cursor(doc);
  doc.save().rect(0, 0, PAGE_W, 8).fill(NAVY).restore();
  setFont(doc, "B", 18, NAVY).text("能力验证结果报告  Proficiency-testing report", X0, c.y, { lineBreak: false });
  c.y += 28;
  setFont(doc, "B", 12).text(fit(doc, round.title, X1 - X0), X0, c.y, { lineBreak: false });
  c.y += 20;
  c.pairs([
    ["方案 Scheme", `${round.scheme.id} ${round.scheme.version}`],
    ["截止日期 Deadline", fmtDate(new Date(round.deadline), TZ)],
    ["关闭 Closed", round.closedAt ? fmtDate(new Date(round.closedAt), TZ) : "已过截止 Deadline passed"],
    ["提交 Submitted", `${round.submitted} / ${round.invited}`],
    ["生成时间 Generated", fmtDate(now, TZ)],
    ["项目数 Items", String(items.length)],
  ]);
  c.note(
    "x* 与 s* 按 ISO 13528 算法 A 计算；z = (x − x*) / s*；|z| ≤ 2 满意，2 < |z| < 3 可疑，|z| ≥ 3 不满意。 " +
      "x* and s* by ISO 13528 Algorithm A; z = (x − x*) / s*; |z| ≤ 2 satisfactory, 2 < |z| < 3 questionable, |z| ≥ 3 unsatisfactory.",
  );
  for (const it of items) {
    c.heading(it.title.zh, `${it.title.en} · ${it.key}${it.unit ? ` (${it.unit})` : ""}`);
    c.pairs([
      ["稳健均值 Robust mean x*", fmt(it.robustMean)],
      ["稳健标准差 Robust SD s*", fmt(it.robustSd)],
      ["数值个数 Values", String(it.n)],
      ["迭代次数 Iterations", String(it.iterations)],
    ]);
    if (it.n === 0) c.note("该项目无提交数值。 No values were submitted for this item.");
    else if (!(it.robustSd && it.robustSd > 0)) c.note("s* 为 0（至少一半数值相同）：该项目无 z 值。 s* is 0 (at least half the values are equal): no z-scores for this item.");
    c.table(
      ["实验室 Lab", "数值 Value", "z", "评价 Assessment"],
      it.scores.map((s) => [
        s.nameZh && s.nameZh !== s.name ? `${s.nameZh} ${s.name}` : s.name,
        fmt(s.value),
        s.z === null ? "—" : s.z.toFixed(2),
        s.value === null ? "未提交 Not submitted" : s.class ? CLASSES[s.class] : "—",
      ]),
      [203, 90, 70, 120],
    );
  }
}

/** The round's results as a bilingual PDF (the caller sees what roundResults shows it). */
export async function resultsPdf(user: SessionUser, roundId: string, now = new Date()): Promise<Buffer> {
  const results = await roundResults(user, roundId, now);
  return renderOnePagePdf({
    what: `proficiency report ${results.round.id}`,
    info: {
      Title: `能力验证结果报告 Proficiency-testing report: ${results.round.title}`,
      Subject: "Proficiency-testing round results (ISO 13528 Algorithm A)",
      Author: "Zhiji",
      CreationDate: now,
      Keywords: `${results.round.id} ${results.round.scheme.id} ${results.round.scheme.version}`,
    },
    draw: (doc) => draw(doc, results, now),
    signature: null,
    multiPage: true,
  });
}
