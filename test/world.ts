// A seeded world for integration tests: the demo organisations, users and schemes in a fresh
// database, the users as the server sees them, and helpers to drive a case through the door.
import { db } from "@/lib/db";
import { seedDemo } from "@/prisma/seed/demo";
import type { Role, SessionUser } from "@/lib/permissions";
import { createCase } from "@/lib/cases/create-case";
import { applyEvent } from "@/lib/cases/apply-event";
import { saveLabReport } from "@/lib/cases/save-lab-report";
import { uploadEvidence } from "@/lib/cases/evidence";
import { SAMPLE_MODELS } from "@/lib/cases/models";
import { resultsReaching, sampleEnvelope, sampleReport } from "@/lib/grading/sample-results";
import type { EventType } from "@/workflows/certification";

export { resultsReaching, sampleEnvelope, sampleReport };
/** The software version of every product caseIn applies with (a report's sample must run it). */
export const WORLD_VERSION = "5.0.1";

export async function seedWorld() {
  const { orgs, pilot } = await seedDemo(db());
  const rows = await db().user.findMany({ include: { organization: true } });
  const user = (email: string): SessionUser => {
    const u = rows.find((r) => r.email === email);
    if (!u) throw new Error(`no user ${email}`);
    return { id: u.id, email: u.email, name: u.name, role: u.role as Role, organizationId: u.organizationId, organizationName: u.organization.name };
  };
  const users = {
    vendorA: user("vendor-a@demo.zhiji"),
    vendorB: user("vendor-b@demo.zhiji"),
    lab1: user("lab-1@demo.zhiji"),
    lab2: user("lab-2@demo.zhiji"),
    expert1: user("expert-1@demo.zhiji"),
    expert2: user("expert-2@demo.zhiji"),
    expert3: user("expert-3@demo.zhiji"),
    expert4: user("expert-4@demo.zhiji"),
    expert5: user("expert-5@demo.zhiji"),
    expert6: user("expert-6@demo.zhiji"),
    expert7: user("expert-7@demo.zhiji"),
    expert8: user("expert-8@demo.zhiji"),
    secretariat: user("secretariat@demo.zhiji"),
    ministry1: user("ministry-1@demo.zhiji"),
    ministry2: user("ministry-2@demo.zhiji"),
    admin: user("admin@demo.zhiji"),
  };
  return { orgs, pilot, users };
}
export type World = Awaited<ReturnType<typeof seedWorld>>;

export async function send(by: SessionUser | "system", caseId: string, type: EventType, payload: Record<string, unknown> = {}, at?: Date) {
  const c = await db().case.findUniqueOrThrow({ where: { id: caseId } });
  return applyEvent(by, { caseId, type, expectedVersion: c.version, payload, at });
}

export const COMPLETE_APPLICATION = {
  onDeviceModel: "Pangu-Lite 3B int4",
  cloudModel: "none",
  declarations: { accurate: true, samplesAvailable: true, acceptsRules: true },
};

/**
 * Uploads a small PDF as the vendor's corrective evidence of a suspended case (through the real
 * upload path) and returns its id: what REINSTATE cites.
 */
export async function uploadCorrective(by: SessionUser, caseId: string, name = "fix-report.pdf") {
  const form = new FormData();
  form.append("file", new Blob([`%PDF-1.4\n% corrective evidence ${name}\n%%EOF\n`], { type: "application/pdf" }), name);
  const req = new Request("http://localhost/api/v1/cases/x/evidence", { method: "POST", body: form });
  const ev = await uploadEvidence(by, caseId, req);
  return ev.id;
}

/** A date to correct by, `days` ahead of now (ISO). */
export const correctByIn = (days = 30) => new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString();

/** Drives a new phone case (Vendor A's, tested by Lab One, unless `opts` says otherwise) to the given state through the door. */
export async function caseIn(
  w: World,
  target: "draft" | "screening" | "testing" | "review.forming" | "review.voting" | "decision" | "certified",
  opts: { level?: "L1" | "L2" | "L3"; schemeId?: string; vendor?: SessionUser; lab?: "Lab One" | "Lab Two"; experts?: SessionUser[] } = {},
) {
  const { users } = w;
  const schemeId = opts.schemeId ?? "phone";
  // Vendor A, Lab One and experts 1–3 unless the test names others (another organisation's case).
  const vendor = opts.vendor ?? users.vendorA;
  const labName = opts.lab ?? "Lab One";
  const labUser = labName === "Lab One" ? users.lab1 : users.lab2;
  const experts = opts.experts ?? [users.expert1, users.expert2, users.expert3];
  const c = await createCase(vendor, {
    schemeId,
    product: { name: "Aurora X", model: `AX-${Math.random().toString(36).slice(2, 8)}`, softwareVersion: WORLD_VERSION, models: SAMPLE_MODELS },
    claimedLevel: "L3",
    application: COMPLETE_APPLICATION,
  });
  const id = c.id;
  if (target === "draft") return id;
  await send(vendor, id, "SUBMIT");
  if (target === "screening") return id;
  await send(users.secretariat, id, "ACCEPT", { labId: w.orgs[labName].id });
  if (target === "testing") return id;
  await saveLabReport(labUser, id, sampleReport(schemeId, opts.level ?? "L3", WORLD_VERSION));
  await send(labUser, id, "SUBMIT_REPORT");
  if (target === "review.forming") return id;
  await send(users.secretariat, id, "ASSIGN_PANEL", { expertIds: experts.map((e) => e.id) });
  if (target === "review.voting") return id;
  const level = opts.level ?? "L3";
  for (const e of experts) {
    await send(e, id, "VOTE", { verdict: "approve", level, rationale: `Measurements support ${level}` });
  }
  if (target === "decision") return id;
  await send(users.ministry1, id, "AWARD", { level });
  return id;
}
