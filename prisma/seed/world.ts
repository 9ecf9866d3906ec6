// The demo world of docs/domain.md#demo-data: about forty cases across the seven categories and
// every state, built by driving them through the one door as the demo users (never by writing
// rows), on back-dated clocks where a story needs time. So the audit chain, the signed
// certificates, the dashboard, the registry and every queue are real. Built once: a Setting row
// records it, and later runs change nothing.
import { db, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import type { Role, SessionUser } from "@/lib/permissions";
import { createCase } from "@/lib/cases/create-case";
import { applyEvent, applyEventInTx } from "@/lib/cases/apply-event";
import { saveLabReport } from "@/lib/cases/save-lab-report";
import { reportChange } from "@/lib/aftercare/report-change";
import { applyChangeEvent } from "@/lib/aftercare/apply-change-event";
import { saveChangeReport } from "@/lib/aftercare/change-report";
import { fileComplaint } from "@/lib/complaints/file-complaint";
import { runOutboxOnce } from "@/lib/outbox/worker";
import { registerCertificateJobs } from "@/lib/certificates/register";
import { registerLetterJobs } from "@/lib/letters/register";
import { resultsReaching, sampleEnvelope } from "@/lib/grading/sample-results";
import { SEEDED_SCHEMES } from "@/lib/grading/schemes";
import { SAMPLE_MODELS } from "@/lib/cases/models";
import type { EventType } from "@/workflows/certification";
import { createPilot } from "@/lib/pilots/create-pilot";
import { sendPilotEvent } from "@/lib/pilots/pilot-event";
import { setResultsPublication } from "@/lib/pilots/publish-results";

export const WORLD_SETTING = "demo:world";
const DAY = 86_400_000;

type Level = "L1" | "L2" | "L3";
/** Where a story stops. */
type Ending =
  | "draft" | "screening" | "testing" | "review.forming" | "review.voting" | "decision" | "certified" | "denied"
  | "appealed" | "suspended" | "overdue" | "revoked" | "downgraded" | "changed" | "retesting" | "complained";

const APPLICATION = {
  declarations: { accurate: true, samplesAvailable: true, acceptsRules: true },
};

const PRODUCTS: Record<string, { name: string; nameB: string }> = {
  phone: { name: "Aurora X", nameB: "Lumen 7" },
  pc: { name: "Aurora Book", nameB: "Lumen Pad Pro" },
  tv: { name: "Aurora Vision", nameB: "Lumen Screen" },
  glasses: { name: "Aurora Lens", nameB: "Lumen Sight" },
  car: { name: "Aurora Drive", nameB: "Lumen Cockpit" },
  speaker: { name: "Aurora Home", nameB: "Lumen Echo" },
  earphone: { name: "Aurora Buds", nameB: "Lumen Pods" },
};

/** The stories told in every category: each a case ending in one state, and how long ago it began (days). */
const STORIES: { ending: Ending; level?: Level; vendor: "A" | "B"; daysAgo: number }[] = [
  { ending: "draft", vendor: "A", daysAgo: 3 },
  { ending: "screening", vendor: "B", daysAgo: 6 },
  { ending: "testing", vendor: "A", daysAgo: 20 },
  { ending: "review.voting", vendor: "B", level: "L2", daysAgo: 40 },
  { ending: "decision", vendor: "A", level: "L3", daysAgo: 60 },
  { ending: "certified", vendor: "B", level: "L2", daysAgo: 150 },
];

/** Stories told once, each in one category (index into the seeded schemes). */
const SPECIALS: { category: string; ending: Ending; level?: Level; vendor: "A" | "B"; daysAgo: number }[] = [
  { category: "phone", ending: "certified", level: "L3", vendor: "A", daysAgo: 200 },
  { category: "pc", ending: "certified", level: "L1", vendor: "A", daysAgo: 120 },
  { category: "tv", ending: "review.forming", level: "L2", vendor: "A", daysAgo: 35 },
  { category: "phone", ending: "denied", vendor: "B", daysAgo: 90 },
  { category: "car", ending: "appealed", vendor: "A", daysAgo: 100 },
  { category: "glasses", ending: "suspended", level: "L2", vendor: "A", daysAgo: 180 },
  { category: "speaker", ending: "overdue", level: "L2", vendor: "B", daysAgo: 240 },
  { category: "earphone", ending: "revoked", level: "L1", vendor: "B", daysAgo: 210 },
  { category: "pc", ending: "downgraded", level: "L3", vendor: "B", daysAgo: 190 },
  { category: "phone", ending: "changed", level: "L2", vendor: "A", daysAgo: 170 },
  { category: "tv", ending: "retesting", level: "L3", vendor: "B", daysAgo: 160 },
  { category: "car", ending: "complained", level: "L2", vendor: "B", daysAgo: 130 },
];

export type WorldSummary = { built: boolean; cases: number; seconds: number };

export async function buildDemoWorld(now: Date = new Date()): Promise<WorldSummary> {
  const started = Date.now();
  const database = db();
  if (await database.setting.findUnique({ where: { key: WORLD_SETTING } })) return { built: false, cases: 0, seconds: 0 };
  registerCertificateJobs();
  registerLetterJobs();

  const rows = await database.user.findMany({ where: { email: { endsWith: "@demo.zhiji" } }, include: { organization: true } });
  const user = (email: string): SessionUser => {
    const u = rows.find((r) => r.email === email);
    if (!u) throw new Error(`the demo user ${email} is missing: seed the demo data first`);
    return { id: u.id, email: u.email, name: u.name, role: u.role as Role, organizationId: u.organizationId, organizationName: u.organization.name };
  };
  const u = {
    vendorA: user("vendor-a@demo.zhiji"),
    vendorB: user("vendor-b@demo.zhiji"),
    lab1: user("lab-1@demo.zhiji"),
    lab2: user("lab-2@demo.zhiji"),
    experts: [1, 2, 3, 4, 5, 6, 7, 8].map((n) => user(`expert-${n}@demo.zhiji`)),
    secretariat: user("secretariat@demo.zhiji"),
    ministry1: user("ministry-1@demo.zhiji"),
    ministry2: user("ministry-2@demo.zhiji"),
  };
  const labTwoCategories = new Set(
    (await database.labAccreditation.findMany({ where: { labOrgId: u.lab2.organizationId }, select: { category: true } })).map((a) => a.category),
  );

  let cases = 0;
  let serial = 0;
  const tell = async (category: string, story: { ending: Ending; level?: Level; vendor: "A" | "B"; daysAgo: number }) => {
    const scheme = SEEDED_SCHEMES.find((s) => s.category === category)!;
    const vendor = story.vendor === "A" ? u.vendorA : u.vendorB;
    // Lab Two takes every other case in the categories it is accredited for.
    const lab = labTwoCategories.has(category) && serial % 2 === 1 ? u.lab2 : u.lab1;
    // Never expert-5 on a Vendor A case (its affiliation).
    const pool = u.experts.filter((e) => story.vendor === "B" || e.email !== "expert-5@demo.zhiji");
    serial++;
    let clock = now.getTime() - story.daysAgo * DAY;
    const step = (days = 1) => new Date((clock += days * DAY));
    let version = 1;
    const products = PRODUCTS[category] ?? { name: category, nameB: category };
    const softwareVersion = `${4 + (serial % 3)}.${serial % 10}.0`;
    const c = await createCase(
      vendor,
      {
        schemeId: scheme.id,
        product: {
          name: story.vendor === "A" ? products.name : products.nameB,
          model: `${category.toUpperCase().slice(0, 3)}-${2026}${String(serial).padStart(2, "0")}`,
          softwareVersion,
          // An on-device model and a cloud LLM; earphones run their assistant on the paired phone instead.
          models: category === "earphone" ? [{ ...SAMPLE_MODELS[0], name: "Aurora-Buds Assistant", deployment: "companion" as const }, SAMPLE_MODELS[1]] : SAMPLE_MODELS,
        },
        claimedLevel: story.level ?? "L2",
        application: APPLICATION,
      },
      new Date(clock),
    );
    cases++;
    // A run of events by the demo users, one after another, commits as one transaction through the
    // same door (applyEventInTx: the same checks and writes as applyEvent, which opens one per event).
    let batch: Tx | null = null;
    const together = (fn: () => Promise<void>) =>
      database.$transaction(
        async (tx) => {
          batch = tx;
          try {
            await fn();
          } finally {
            batch = null;
          }
        },
        { timeout: 120_000, maxWait: 30_000 },
      );
    const send = async (by: SessionUser, type: EventType, payload: Record<string, unknown> = {}, days = 1) => {
      const input = { caseId: c.id, type, expectedVersion: version, payload, at: step(days) };
      if (batch) await applyEventInTx(batch, by, input);
      else await applyEvent(by, input);
      version++; // the door's compare-and-set moves the version by one
    };
    const e = story.ending;
    if (e === "draft") return;
    await together(async () => {
      await send(vendor, "SUBMIT");
      if (e !== "screening") await send(u.secretariat, "ACCEPT", { labId: lab.organizationId }, 3);
    });
    if (e === "screening" || e === "testing") return;
    // A denied product meets no level: its one L1 item is measured short of the threshold.
    const results = e === "denied" || e === "appealed" ? meetingNoLevel(scheme.id) : resultsReaching(scheme.id, story.level ?? "L2");
    // The envelope of a sample of the version applied for, tested over the days before the report is submitted.
    const testedTo = new Date(clock + 8 * DAY).toISOString().slice(0, 10);
    await saveLabReport(lab, c.id, { ...sampleEnvelope(softwareVersion, testedTo), results });
    const noLevel = e === "denied" || e === "appealed";
    // From the report to the decision: one transaction.
    await together(async () => {
      await send(lab, "SUBMIT_REPORT", {}, 10);
      if (e === "review.forming") return;
      const panel = pool.slice(serial % 3, (serial % 3) + scheme.panelSize);
      await send(u.secretariat, "ASSIGN_PANEL", { expertIds: panel.map((p) => p.id) }, 2);
      for (const [i, expert] of panel.entries()) {
        if (e === "review.voting" && i >= 1) return;
        await send(
          expert,
          "VOTE",
          noLevel
            ? { verdict: "reject", rationale: "The report meets no level: an L1 item misses its threshold." }
            : { verdict: "approve", level: story.level ?? "L2", rationale: `The measurements support ${story.level ?? "L2"} on every element.` },
          1,
        );
      }
      if (e === "decision") return;
      if (noLevel) {
        await send(u.ministry1, "DENY", { reason: "The product does not meet L1: the items listed in the letter miss their thresholds." }, 3);
        if (e === "appealed") await send(vendor, "APPEAL", { grounds: "The noise test used the wrong room; we ask for a re-measurement." }, 5);
        return;
      }
      await send(u.ministry1, "AWARD", { level: story.level ?? "L2" }, 3);
    });
    if (e === "review.forming" || e === "review.voting" || e === "decision" || noLevel) return;
    await drainOutbox();
    if (e === "certified") return;
    if (e === "suspended" || e === "overdue") {
      // The overdue one was suspended long ago with a short deadline: a task on the ministry's home.
      const after = e === "overdue" ? 30 : 60;
      const correctBy = new Date(clock + (after + (e === "overdue" ? 20 : 120)) * DAY).toISOString();
      await send(u.ministry2, "SUSPEND", { reason: "Field reports: the assistant ignores the wake word in noise.", correctBy }, after);
      return;
    }
    if (e === "revoked") {
      await send(u.ministry2, "REVOKE", { reason: "The vendor shipped a build without the tested on-device model." }, 90);
      return;
    }
    if (e === "downgraded") {
      await send(u.ministry2, "DOWNGRADE", { level: "L2", reason: "Model update 5.1 lowered multi-step task completion." }, 60);
      await drainOutbox();
      return;
    }
    if (e === "changed") {
      // A minor software change (amended: revision R1), then a reported cloud-model change awaiting classification.
      const product = await database.case.findUniqueOrThrow({ where: { id: c.id }, select: { productSnapshot: true } });
      const from = (JSON.parse(product.productSnapshot) as { softwareVersion: string }).softwareVersion;
      const minor = await reportChange(vendor, c.id, { kind: "software", from, to: `${from}.1`, description: "Security patch; no AI component touched." }, step(40));
      await applyChangeEvent(u.secretariat, { changeId: minor.id, type: "CLASSIFY", expectedVersion: 1, payload: { classification: "minor", reason: "Security fixes only." }, at: step(2) });
      await drainOutbox();
      await reportChange(vendor, c.id, { kind: "cloud_model", from: "Hunyuan-Turbo", to: "Hunyuan-Turbo-2", description: "The cloud assistant moves to the next model version." }, step(20));
      return;
    }
    if (e === "retesting") {
      // A major on-device model change: the lab has saved part of its re-test, not yet submitted.
      const major = await reportChange(vendor, c.id, { kind: "on_device_model", from: "Pangu-Lite 3B", to: "Pangu-Lite 4B", description: "New on-device model." }, step(30));
      const items = ["intent_accuracy", "tokens_per_second"].filter((k) => scheme.elements.some((el) => el.items.some((i) => i.key === k)));
      await applyChangeEvent(u.secretariat, { changeId: major.id, type: "CLASSIFY", expectedVersion: 1, payload: { classification: "major", items, reason: "The model drives intent understanding and generation speed." }, at: step(2) });
      const l3 = resultsReaching(scheme.id, story.level ?? "L3").filter((r) => items.includes(r.item));
      await saveChangeReport(lab, major.id, { results: l3 }, step(3));
      return;
    }
    if (e === "complained") {
      const cert = await database.certificate.findFirstOrThrow({ where: { caseId: c.id } });
      await fileComplaint(
        { publicId: cert.publicId, subject: "Voice control fails while driving", text: "Since the last update the assistant often mishears navigation commands on the motorway." },
        { address: "198.51.100.7" },
        step(30),
      );
    }
  };

  // On SQLite (WAL), a commit need not wait for the disk while the world is built: synchronous=NORMAL
  // keeps the file consistent after a crash (only the last commits may be lost, and the world, whose
  // setting row is written last, is then built again). The connection's own setting comes back after.
  const sqlite = env().DATABASE_URL.startsWith("file:");
  const synchronous = sqlite ? ((await database.$queryRawUnsafe<{ synchronous: number | bigint }[]>("PRAGMA synchronous"))[0]?.synchronous ?? 2) : null;
  if (sqlite) await database.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  try {
    for (const scheme of SEEDED_SCHEMES) {
      for (const story of STORIES) await tell(scheme.category, story);
    }
    for (const s of SPECIALS) await tell(s.category, s);
    await drainOutbox();
    await pilotStories(u, now);
    await database.setting.create({ data: { key: WORLD_SETTING, value: JSON.stringify({ builtAt: now.toISOString(), cases }) } });
  } finally {
    if (synchronous !== null) await database.$executeRawUnsafe(`PRAGMA synchronous = ${Number(synchronous)}`);
  }
  return { built: true, cases, seconds: Math.round((Date.now() - started) / 100) / 10 };
}

/**
 * Pilots (docs/domain.md#pilots): the demo pilot gets its scope (every category) and an application
 * window around the stories; a closed pilot of last year and a draft awaiting the ministry's
 * approval go through the pilot door; and a few vendors publish their certified results
 * (docs/domain.md#published-results) so the registry's comparison is not empty.
 */
async function pilotStories(u: { vendorA: SessionUser; vendorB: SessionUser; secretariat: SessionUser; ministry1: SessionUser }, now: Date) {
  const database = db();
  const keys = (await database.category.findMany({ select: { key: true }, orderBy: { key: "asc" } })).map((c) => c.key);
  const demo = await database.pilot.findFirst({ where: { status: "open" }, orderBy: { startsAt: "asc" } });
  if (demo) {
    await database.pilot.update({
      where: { id: demo.id },
      data: {
        scope: JSON.stringify(keys),
        applicationsFrom: new Date(Math.min(demo.startsAt.getTime(), now.getTime() - 365 * DAY)),
        applicationsUntil: new Date(now.getTime() + 180 * DAY),
      },
    });
  }
  const day = (offset: number) => new Date(now.getTime() + offset * DAY);
  const closed = await createPilot(
    u.secretariat,
    { name: "Phones and PCs 2025 (preliminary)", nameZh: "2025年手机与电脑预试点", scope: ["pc", "phone"].filter((k) => keys.includes(k)), startsAt: day(-420).toISOString(), endsAt: day(-280).toISOString(), applicationsFrom: day(-420).toISOString(), applicationsUntil: day(-330).toISOString(), stageLimits: { screening: 10, testing: 45 } },
    day(-430),
  );
  await sendPilotEvent(u.ministry1, closed.id, { type: "APPROVE" }, day(-425));
  await sendPilotEvent(u.secretariat, closed.id, { type: "OPEN" }, day(-420));
  await sendPilotEvent(u.secretariat, closed.id, { type: "CLOSE" }, day(-280));
  await createPilot(
    u.secretariat,
    { name: "Cockpits and glasses 2027", nameZh: "2027年智能座舱与眼镜试点", scope: ["car", "glasses"].filter((k) => keys.includes(k)), startsAt: day(30).toISOString(), endsAt: day(400).toISOString(), applicationsFrom: day(30).toISOString(), applicationsUntil: day(200).toISOString(), stageLimits: { screening: 10, testing: 45, review: 20, decision: 10 } },
    day(-2),
  );
  // One certified product per category opts in, where its certificate is valid.
  const certified = await database.case.findMany({
    where: { state: "certified", certificates: { some: { supersededById: null, status: "valid" } } },
    select: { id: true, organizationId: true, schemeVersion: { select: { category: true } } },
    orderBy: { createdAt: "asc" },
  });
  const seen = new Set<string>();
  for (const c of certified) {
    if (seen.has(c.schemeVersion.category)) continue;
    seen.add(c.schemeVersion.category);
    const vendor = c.organizationId === u.vendorA.organizationId ? u.vendorA : u.vendorB;
    await setResultsPublication(vendor, c.id, { publish: true }, day(-1));
  }
}

/** Issues the certificates and letters waiting in the outbox (the portal's worker sends the mail later). */
async function drainOutbox() {
  for (let i = 0; i < 20; i++) if ((await runOutboxOnce()) === 0) return;
}

/** A scheme's L1 results with one L1 threshold missed: a complete report that meets no level. */
function meetingNoLevel(schemeId: string) {
  const scheme = SEEDED_SCHEMES.find((s) => s.id === schemeId)!;
  const item = scheme.elements.flatMap((el) => el.items).find((it) => it.thresholds.L1 !== undefined)!;
  const l1 = item.thresholds.L1!;
  const off = Math.max(1, Math.abs(l1) * 0.1);
  return resultsReaching(schemeId, "L1").map((r) => (r.item === item.key ? { ...r, value: item.better === "higher" ? l1 - off : l1 + off } : r));
}
