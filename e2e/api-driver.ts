// Drives a certification case through the HTTP API with the demo users' saved sessions, the way
// an integrator would: vendor applies, secretariat accepts and forms the panel, the lab reports,
// experts vote, the ministry awards. Reusable by any spec that needs a case in a given state.
import fs from "node:fs";
import path from "node:path";
import { expect, type APIRequestContext, type Browser, type BrowserContext } from "@playwright/test";
import { apiLogin, contextAs } from "./fixtures";

export const USERS = {
  vendor: "vendor-a@demo.zhiji",
  secretariat: "secretariat@demo.zhiji",
  lab: "lab-1@demo.zhiji",
  experts: ["expert-1@demo.zhiji", "expert-2@demo.zhiji", "expert-3@demo.zhiji"],
  ministry: "ministry-1@demo.zhiji",
} as const;

export const COMPLETE_APPLICATION = {
  onDeviceModel: "Pangu-Lite 3B int4",
  cloudModel: "none",
  declarations: { accurate: true, samplesAvailable: true, acceptsRules: true },
};

/** The models every driven case discloses (as SAMPLE_MODELS in lib/cases/models.ts; docs/domain.md#model-disclosure). */
export const DISCLOSED_MODELS = [
  { name: "Aurora-Nano", version: "3B-int4-2026.03", deployment: "on_device", parameters: "3B" },
  { name: "Aurora Cloud LLM", version: "2026-05", deployment: "cloud", provider: "Aurora Cloud Co., Ltd.", parameters: "70B", filingNumber: "Beijing-AuroraYun-20250312" },
];

/** The models the driven cases' samples run: the disclosed ones, as a lab records them (name, version, deployment). */
export const SAMPLE_RUNS = DISCLOSED_MODELS.map(({ name, version, deployment }) => ({ name, version, deployment }));

export type Target = "draft" | "screening" | "testing" | "review.forming" | "review.voting" | "decision" | "certified";
export type DrivenCase = {
  id: string;
  state: string;
  product: { name: string; model: string; softwareVersion: string };
  certificate: { number: string; publicId: string; status: string } | null;
};

type SchemeJson = {
  elements: { items: { key: string; unit: string; better: "higher" | "lower"; thresholds: Partial<Record<"L1" | "L2" | "L3", number>> }[] }[];
};

/** Lab results that reach exactly `level` under the seeded scheme (each threshold up to it met exactly). */
export function resultsReaching(schemeId: string, level: "L1" | "L2" | "L3") {
  const scheme = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "lib", "grading", "schemes", `${schemeId}.json`), "utf8")) as SchemeJson;
  const order = ["L1", "L2", "L3"] as const;
  const upto = order.slice(0, order.indexOf(level) + 1);
  return scheme.elements.flatMap((el) =>
    el.items.map((it) => {
      const ts = upto.map((l) => it.thresholds[l]).filter((v): v is number => v !== undefined);
      let value: number;
      if (ts.length) value = it.better === "higher" ? Math.max(...ts) : Math.min(...ts);
      else {
        const next = it.thresholds.L1 ?? it.thresholds.L2 ?? it.thresholds.L3;
        value = next === undefined ? 0 : it.better === "higher" ? Math.max(0, next - 1) : next + 1;
      }
      return { item: it.key, value, unit: it.unit };
    }),
  );
}

/**
 * A complete report envelope for a sample of `softwareVersion` (docs/domain.md#lab-evidence), as
 * lib/grading/sample-results.ts sampleEnvelope makes it: the API needs it before SUBMIT_REPORT.
 */
export function sampleEnvelope(softwareVersion: string, models: { name: string; version: string; deployment?: string }[] = []) {
  return {
    reportNumber: `TR-E2E-${softwareVersion}`,
    sample: {
      serials: ["SN-E2E-0001"],
      buildFingerprint: `zhiji/e2e/device:${softwareVersion}/REL/20260105:user/release-keys`,
      softwareVersion,
      // None listed by default (not compared); listed, they must be the case's disclosed models.
      models,
    },
    testedFrom: "2026-01-01",
    testedTo: "2026-01-05",
    environment: "23 ± 2 °C, 45 % RH",
    signatory: "E2E Signatory",
  };
}

async function ok<T>(res: Awaited<ReturnType<APIRequestContext["get"]>>, what: string): Promise<T> {
  if (!res.ok()) throw new Error(`${what}: HTTP ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The API as one demo user (a browser context with that user's saved session). */
export class ApiSession {
  private constructor(readonly ctx: BrowserContext, readonly email: string) {}
  static async open(browser: Browser, email: string) {
    const ctx = await contextAs(browser, email);
    // The saved sessions under e2e/.auth are shared by every Playwright run on this checkout: a
    // parallel run against another server may have replaced them. Sign in again when refused.
    if ((await ctx.request.get("/api/v1/me")).status() === 401) {
      const login = await apiLogin(ctx.request, email);
      if (!login.ok) throw new Error(`${email} could not sign in (${login.status} ${login.error ?? ""})`);
    }
    return new ApiSession(ctx, email);
  }
  get request() {
    return this.ctx.request;
  }
  me() {
    return this.request.get("/api/v1/me").then((r) => ok<{ id: string; organization: { id: string; name: string } }>(r, `GET /me as ${this.email}`));
  }
  getCase(id: string) {
    return this.request.get(`/api/v1/cases/${id}`).then((r) => ok<DrivenCase & { version: number }>(r, `GET case as ${this.email}`));
  }
  /** Sends an event with the version just read (the API's compare-and-set). */
  async event(id: string, type: string, payload: Record<string, unknown> = {}) {
    const { version } = await this.getCase(id);
    const res = await this.request.post(`/api/v1/cases/${id}/events`, { data: { type, expectedVersion: version, ...payload } });
    return ok<DrivenCase>(res, `${type} as ${this.email}`);
  }
  /** Uploads a small PDF as evidence (the lab's while testing, the vendor's corrective while suspended); returns its id. */
  async uploadEvidence(id: string, name = "corrective.pdf") {
    const res = await this.request.post(`/api/v1/cases/${id}/evidence`, {
      multipart: { file: { name, mimeType: "application/pdf", buffer: Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`) } },
    });
    return (await ok<{ id: string }>(res, `evidence as ${this.email}`)).id;
  }
  close() {
    return this.ctx.close();
  }
}

/** A date to correct by, `days` ahead (ISO): SUSPEND's deadline. */
export const correctByIn = (days = 30) => new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString();

/**
 * Creates a Vendor A case and drives it to `until` through the API. With "certified", waits
 * (polling the case) until the outbox has issued its certificate.
 */
export async function driveCase(
  browser: Browser,
  opts: { until: Target; level?: "L1" | "L2" | "L3"; schemeId?: string; productName?: string },
): Promise<DrivenCase> {
  const level = opts.level ?? "L3";
  const schemeId = opts.schemeId ?? "phone";
  const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const product = { name: opts.productName ?? `E2E Phone ${unique}`, model: `E2E-${unique.toUpperCase()}`, softwareVersion: "1.0.0", models: DISCLOSED_MODELS };
  const sessions: ApiSession[] = [];
  const as = async (email: string) => {
    const s = await ApiSession.open(browser, email);
    sessions.push(s);
    return s;
  };
  try {
    const vendor = await as(USERS.vendor);
    const created = await ok<DrivenCase>(
      await vendor.request.post("/api/v1/cases", { data: { schemeId, schemeVersion: "2026.1", product, claimedLevel: level, application: COMPLETE_APPLICATION } }),
      "create case",
    );
    const id = created.id;
    if (opts.until === "draft") return await vendor.getCase(id);
    await vendor.event(id, "SUBMIT");
    if (opts.until === "screening") return await vendor.getCase(id);

    const secretariat = await as(USERS.secretariat);
    const lab = await as(USERS.lab);
    const labOrg = (await lab.me()).organization.id;
    await secretariat.event(id, "ACCEPT", { labId: labOrg });
    if (opts.until === "testing") return await vendor.getCase(id);

    await ok(await lab.request.put(`/api/v1/cases/${id}/lab-report`, { data: { ...sampleEnvelope(product.softwareVersion, SAMPLE_RUNS), results: resultsReaching(schemeId, level) } }), "lab report");
    await lab.event(id, "SUBMIT_REPORT");
    if (opts.until === "review.forming") return await vendor.getCase(id);

    const experts = await Promise.all(USERS.experts.map((e) => as(e)));
    const expertIds = await Promise.all(experts.map(async (e) => (await e.me()).id));
    await secretariat.event(id, "ASSIGN_PANEL", { expertIds });
    if (opts.until === "review.voting") return await vendor.getCase(id);

    for (const e of experts) await e.event(id, "VOTE", { verdict: "approve", level, rationale: `Measurements support ${level}` });
    if (opts.until === "decision") return await vendor.getCase(id);

    const ministry = await as(USERS.ministry);
    await ministry.event(id, "AWARD", { level });
    return await waitForCertificate(vendor, id);
  } finally {
    await Promise.all(sessions.map((s) => s.close()));
  }
}

/** Polls the case until its certificate is issued (the outbox runs right after the award). */
export async function waitForCertificate(session: ApiSession, id: string, timeoutMs = 15_000): Promise<DrivenCase> {
  let latest: DrivenCase | null = null;
  await expect
    .poll(async () => {
      latest = await session.getCase(id);
      return latest.certificate?.publicId ?? null;
    }, { timeout: timeoutMs, intervals: [100, 250, 500] })
    .not.toBeNull();
  return latest!;
}
