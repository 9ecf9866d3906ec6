/**
 * The pilot report as a PDF (docs/domain.md#pilot-report): A4, Chinese and English, with bar charts
 * drawn as rectangles. Drawn with the certificate's fonts, page and helpers (lib/certificates/pdf.ts
 * renderOnePagePdf with several pages, setFont, fit, fmtDate); not signed: it is a working paper
 * for the ministry, its figures those of the dashboard (lib/pilots/report.ts).
 */
import { INK, NAVY, PAGE_W, X0, X1, fit, fmtDate, renderOnePagePdf, setFont, type Doc } from "@/lib/certificates/pdf";
import { Cursor } from "@/lib/certificates/report-cursor";
import { DAY_MS } from "@/lib/domain";
import type { PilotReport } from "./report";

const TZ = "Asia/Shanghai";

const STATES: Record<string, [string, string]> = {
  draft: ["草稿", "Draft"],
  screening: ["形式审查", "Screening"],
  testing: ["检测中", "Testing"],
  "review.forming": ["组建评审组", "Forming panel"],
  "review.voting": ["评审投票", "Panel voting"],
  decision: ["待决定", "Decision"],
  certified: ["已认定", "Certified"],
  suspended: ["已暂停", "Suspended"],
  rejected: ["已驳回", "Rejected"],
  appeal: ["申诉中", "Appeal"],
  withdrawn: ["已撤回", "Withdrawn"],
  revoked: ["已撤销", "Revoked"],
  expired: ["已过期", "Expired"],
};
const STAGES: Record<string, [string, string]> = {
  screening: ["受理审查", "Screening"],
  testing: ["检测", "Testing"],
  review: ["评审", "Review"],
  decision: ["决定", "Decision"],
};
const OUTCOMES: Record<string, [string, string]> = {
  no_action: ["无需处理", "No action"],
  vendor_response: ["申请企业答复", "Vendor response"],
  surveillance: ["监督检查", "Surveillance"],
  suspension_recommended: ["建议暂停", "Suspension recommended"],
};

const num = (n: number | null, digits = 1) => (n === null ? "—" : String(Math.round(n * 10 ** digits) / 10 ** digits));
const pct = (n: number | null) => (n === null ? "—" : `${Math.round(n * 1000) / 10}%`);
const days = (ms: number | null) => (ms === null ? null : ms / DAY_MS);

function draw(doc: Doc, r: PilotReport): void {
  const s = r.stats;
  const c = new Cursor(doc);
  const cat = (k: string) => (r.categories[k] ? `${r.categories[k].zh} ${r.categories[k].en}` : k);

  // Title band.
  doc.save().rect(0, 0, PAGE_W, 8).fill(NAVY).restore();
  setFont(doc, "B", 18, NAVY).text("试点报告  Pilot report", X0, c.y, { lineBreak: false });
  c.y += 28;
  setFont(doc, "B", 12, INK).text(fit(doc, `${s.pilot.nameZh ?? s.pilot.name} · ${s.pilot.name}`, X1 - X0), X0, c.y, { lineBreak: false });
  c.y += 20;
  const period = `${s.filter.from ? fmtDate(new Date(s.filter.from), TZ) : "—"} – ${s.filter.to ? fmtDate(new Date(new Date(s.filter.to).getTime() - 1), TZ) : fmtDate(new Date(s.now), TZ)}`;
  c.pairs([
    ["期间（案件受理日）Period (cases opened)", period],
    ["类别 Category", s.filter.category ? cat(s.filter.category) : "全部 All"],
    ["生成时间 Generated", fmtDate(new Date(s.now), TZ)],
    ["案件总数 Cases", String(s.totalCases)],
  ]);
  c.note("本报告的数字与监管看板相同（同一函数计算）。试点数据，仅供工作参考。 The figures are the pilot dashboard's (computed by the same function). Pilot values, for working use.");

  c.heading("案件状态", "Cases by state");
  if (s.casesByState.length === 0) c.note("无案件 No cases");
  c.bars(s.casesByState.map((x) => ({ label: STATES[x.state] ? `${STATES[x.state][0]} ${STATES[x.state][1]}` : x.state, value: x.count, text: String(x.count) })));

  c.heading("等级分布（按类别）", "Level distribution by category");
  if (s.levels.byCategory.length === 0) c.note("尚无授予等级 No level awarded yet");
  else {
    c.levelBars(s.levels.byCategory.map((x) => ({ label: cat(x.category), counts: { L1: x.L1, L2: x.L2, L3: x.L3, L4: x.L4 }, total: x.total })));
    c.table(
      ["类别 Category", "L1", "L2", "L3", "L4", "合计 Total"],
      s.levels.byCategory.map((x) => [cat(x.category), String(x.L1), String(x.L2), String(x.L3), String(x.L4), String(x.total)]),
      [183, 60, 60, 60, 60, 60],
    );
  }

  c.heading("各阶段用时与时限", "Stage durations against limits");
  c.bars(
    s.stageTimes.map((t) => ({
      label: `${STAGES[t.stage][0]} ${STAGES[t.stage][1]}`,
      value: days(t.medianMs),
      limit: t.limitDays,
      text: `${num(days(t.medianMs))} d`,
    })),
  );
  c.note("柱：中位数（天）；红线：时限。 Bar: median (days); red line: the stage's limit.");
  c.table(
    ["阶段 Stage", "次数 Passes", "中位数 Median (d)", "P90 (d)", "时限 Limit (d)", "超时 Over now"],
    s.stageTimes.map((t) => [`${STAGES[t.stage][0]} ${STAGES[t.stage][1]}`, String(t.samples), num(days(t.medianMs)), num(days(t.p90Ms)), t.limitDays === null ? "—" : String(t.limitDays), String(s.overLimit.byStage[t.stage])]),
    [123, 70, 85, 70, 75, 60],
  );

  c.heading("评审组一致性", "Panel agreement");
  c.pairs([
    ["已结束评审组 Closed panels", String(s.panels.closed)],
    ["全体一致 Unanimous", String(s.panels.unanimous)],
    ["一致比例 Unanimous share", pct(s.panels.unanimousShare)],
    ["平均多数比例 Mean majority share", pct(s.panels.meanMajorityShare)],
  ]);

  c.heading("偏离", "Deviations");
  c.pairs([["与建议或实验室等级不同的授予 Awards that differ", String(s.deviations.total)]]);
  if (s.deviations.cases.length > 0) {
    c.table(
      ["产品 Product", "授予 Awarded", "建议 Recommended", "实验室 Lab", "日期 Date"],
      s.deviations.cases.slice(0, 15).map((d) => [d.product, d.awardedLevel, `${d.recommendedVerdict ?? "—"} ${d.recommendedLevel ?? ""}`.trim(), d.labLevel ?? "—", fmtDate(new Date(d.decidedAt), TZ)]),
      [183, 60, 100, 60, 80],
    );
  }

  c.heading("申诉与投诉", "Appeals and complaints");
  c.bars([
    { label: "申诉 Appeals filed", value: s.appeals.filed, text: String(s.appeals.filed) },
    { label: "维持申诉 Upheld", value: s.appeals.upheld, text: String(s.appeals.upheld) },
    { label: "驳回申诉 Dismissed", value: s.appeals.dismissed, text: String(s.appeals.dismissed) },
    { label: "待决 Pending", value: s.appeals.pending, text: String(s.appeals.pending) },
  ]);
  c.pairs([
    ["收到投诉 Complaints received", String(s.complaints.received)],
    ["处理中 Open", String(s.complaints.open)],
    ["已结案 Closed", String(s.complaints.closed)],
    ["结案用时中位数（天） Median days to close", num(days(s.complaints.medianCloseMs))],
    ...Object.entries(s.complaints.outcomes).map(([k, v]): [string, string] => [OUTCOMES[k] ? `${OUTCOMES[k][0]} ${OUTCOMES[k][1]}` : k, String(v)]),
    ["逾期未整改的暂停 Overdue suspensions", String(s.overdueSuspensions.total)],
  ]);

  c.heading("审计发现", "Findings");
  c.bars([
    { label: "未答复 Open", value: s.findings.open, text: String(s.findings.open) },
    { label: "已答复 Answered", value: s.findings.answered, text: String(s.findings.answered) },
    { label: "已关闭 Closed", value: s.findings.closed, text: String(s.findings.closed) },
  ]);
}

export function renderPilotReportPdf(r: PilotReport): Promise<Buffer> {
  return renderOnePagePdf({
    what: `pilot report ${r.stats.pilot.name}`,
    multiPage: true,
    info: {
      Title: `试点报告 Pilot report — ${r.stats.pilot.name}`,
      Subject: "Pilot report",
      Author: "Zhiji",
      CreationDate: new Date(r.stats.now),
      Keywords: `pilot ${r.stats.pilot.id}`,
    },
    draw: (doc) => draw(doc, r),
    signature: null,
  });
}
