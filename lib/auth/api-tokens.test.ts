// Personal API tokens: made only with the password, expiring (90 days by default, a year at most,
// legacy rows 90 days after creation), scoped (lib/token-scopes.ts, enforced at the API boundary),
// revoked by a password change, a set-password link and disabling; last use recorded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, resultsReaching, type World } from "@/test/world";
import { db } from "@/lib/db";
import { makeSessionUser } from "@/test/users";
import { disableUser } from "@/lib/admin/disable-user";
import { issueSetPasswordLink } from "@/lib/admin/issue-set-password-link";
import { uniqueSuffix } from "@/prisma/seed/factories";
import * as casesRoute from "@/app/api/v1/cases/route";
import * as eventsRoute from "@/app/api/v1/cases/[id]/events/route";
import * as labReportRoute from "@/app/api/v1/cases/[id]/lab-report/route";
import * as evidenceRoute from "@/app/api/v1/cases/[id]/evidence/route";
import * as meRoute from "@/app/api/v1/me/route";
import { createApiToken, listApiTokens, MAX_TOKEN_DAYS } from "./api-tokens";
import { hashToken, resolveBearer } from "./session";
import { changePassword } from "./change-password";
import { setPasswordWithLink } from "./set-password";
import { PAIR_POLICY } from "./throttle";
import { refusal } from "@/test/refusal";

const DEMO_PASSWORD = "zhiji-demo-2026";
const DAY = 24 * 60 * 60 * 1000;
let t: TestDatabase;
let w: World;
beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
}, 120_000);
afterAll(async () => t.drop());

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
function call(handler: unknown, token: string, path: string, init: RequestInit = {}, params: Record<string, string> = {}) {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${token}`);
  return (handler as Handler)(new Request(`http://localhost${path}`, { ...init, headers }), { params: Promise.resolve(params) });
}
const jsonBody = (method: string, body: unknown): RequestInit => ({ method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe(`API tokens (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite"})`, () => {
  it("are made only after re-entering the password; wrong passwords slow down and make nothing", async () => {
    const me = await makeSessionUser("vendor", { password: "my-own-password" });
    const wrong = await refusal(createApiToken(me, { name: "x", password: "not-mine" }));
    expect(wrong.code).toBe("INVALID_INPUT");
    expect(wrong.details).toEqual({ password: "passwordWrong" });
    expect((await refusal(createApiToken(me, { name: "x" }))).details).toEqual({ password: "required" });
    for (let i = 1; i < PAIR_POLICY.free; i++) await refusal(createApiToken(me, { name: "x", password: `guess-${i}` }));
    const slowed = await refusal(createApiToken(me, { name: "x", password: "my-own-password" }));
    expect(slowed.code).toBe("RATE_LIMITED");
    expect(slowed.details).toMatchObject({ reason: "THROTTLED", _: "throttled" });
    expect(await db().apiToken.count({ where: { userId: me.id } })).toBe(0);
  });

  it("expire after 90 days by default, or the chosen days up to a year; legacy rows 90 days after creation", async () => {
    const me = await makeSessionUser("lab", { password: "my-own-password" });
    const now = Date.now();
    const dflt = await createApiToken(me, { name: "default", password: "my-own-password" });
    expect(Math.round((dflt.expiresAt.getTime() - now) / DAY)).toBe(90);
    const week = await createApiToken(me, { name: "week", password: "my-own-password", expiresInDays: "7" });
    expect(Math.round((week.expiresAt.getTime() - now) / DAY)).toBe(7);
    for (const bad of [0, MAX_TOKEN_DAYS + 1, 1.5, "soon"]) {
      expect((await refusal(createApiToken(me, { name: "bad", password: "my-own-password", expiresInDays: bad }))).details).toEqual({ expiresInDays: "tokenDays" });
    }

    // A token past its expiry is refused with TOKEN_EXPIRED and listed as expired.
    await db().apiToken.update({ where: { id: week.id }, data: { expiresAt: new Date(now - 1000) } });
    const res = await call(meRoute.GET, week.token, "/api/v1/me");
    expect(res.status).toBe(401);
    expect((await res.json()).error).toMatchObject({ code: "UNAUTHENTICATED", details: { reason: "TOKEN_EXPIRED" } });
    expect((await listApiTokens(me)).find((x) => x.id === week.id)).toMatchObject({ expired: true });

    // Rows made before expiry existed (expiresAt null) live 90 days from creation.
    const legacy = `zj_${uniqueSuffix()}legacytoken0000000000`;
    const row = await db().apiToken.create({ data: { userId: me.id, name: "legacy", prefix: legacy.slice(0, 8), tokenHash: hashToken(legacy), createdAt: new Date(now - 89 * DAY) } });
    expect((await call(meRoute.GET, legacy, "/api/v1/me")).status).toBe(200);
    await db().apiToken.update({ where: { id: row.id }, data: { createdAt: new Date(now - 91 * DAY) } });
    expect(await resolveBearer(`Bearer ${legacy}`)).toEqual({ ok: false, reason: "TOKEN_EXPIRED" });
  });

  it("carry scopes: a read token reads but cannot write; scopes a role cannot use are refused", async () => {
    const vendor = w.users.vendorA;
    const reader = await createApiToken(vendor, { name: "reader", password: DEMO_PASSWORD, scopes: ["read"] });
    expect((await call(casesRoute.GET, reader.token, "/api/v1/cases")).status).toBe(200);
    const before = await db().case.count();
    const create = jsonBody("POST", { schemeId: "phone", product: { name: "Scoped phone", model: "SP-1", softwareVersion: "1.0" }, claimedLevel: "L2" });
    const refused = await call(casesRoute.POST, reader.token, "/api/v1/cases", create);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.details).toEqual({ reason: "TOKEN_SCOPE", scope: "cases:write" });
    expect(await db().case.count()).toBe(before);

    const writer = await createApiToken(vendor, { name: "writer", password: DEMO_PASSWORD, scopes: ["read", "cases:write"] });
    const created = await call(casesRoute.POST, writer.token, "/api/v1/cases", create);
    expect(created.status).toBe(201);
    const caseId = (await created.json()).id as string;
    const c = await db().case.findUniqueOrThrow({ where: { id: caseId } });
    const submit = jsonBody("POST", { type: "SUBMIT", expectedVersion: c.version });
    const noEvents = await call(eventsRoute.POST, reader.token, `/api/v1/cases/${caseId}/events`, submit, { id: caseId });
    expect(noEvents.status).toBe(403);
    expect((await db().case.findUniqueOrThrow({ where: { id: caseId } })).version).toBe(c.version);

    expect((await refusal(createApiToken(vendor, { name: "lab", password: DEMO_PASSWORD, scopes: ["read", "lab:report"] }))).details).toEqual({ scopes: "tokenScopeRole" });
    expect((await refusal(createApiToken(vendor, { name: "odd", password: DEMO_PASSWORD, scopes: ["admin"] }))).details).toEqual({ scopes: "tokenScope" });
    expect((await refusal(createApiToken(vendor, { name: "none", password: DEMO_PASSWORD, scopes: [] }))).details).toEqual({ scopes: "tokenScopeNone" });
    expect((await listApiTokens(vendor)).find((x) => x.name === "writer")?.scopes).toEqual(["read", "cases:write"]);
  });

  it("a lab token without lab:report cannot save the report or upload evidence; with it, it can", async () => {
    const caseId = await caseIn(w, "testing");
    const lab = w.users.lab1;
    const caseOnly = await createApiToken(lab, { name: "events only", password: DEMO_PASSWORD, scopes: ["read", "cases:write"] });
    const report = jsonBody("PUT", { results: resultsReaching("phone", "L2") });
    const refused = await call(labReportRoute.PUT, caseOnly.token, `/api/v1/cases/${caseId}/lab-report`, report, { id: caseId });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.details).toEqual({ reason: "TOKEN_SCOPE", scope: "lab:report" });
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array(Buffer.from("%PDF-1.4\n%%EOF\n"))], { type: "application/pdf" }), "r.pdf");
    expect((await call(evidenceRoute.POST, caseOnly.token, `/api/v1/cases/${caseId}/evidence`, { method: "POST", body: form }, { id: caseId })).status).toBe(403);
    expect(await db().labReport.count({ where: { caseId } })).toBe(0);

    const reporter = await createApiToken(lab, { name: "reporter", password: DEMO_PASSWORD, scopes: ["read", "lab:report"] });
    expect((await call(labReportRoute.PUT, reporter.token, `/api/v1/cases/${caseId}/lab-report`, report, { id: caseId })).status).toBe(200);
    // Sending the report on (an event) is cases:write, which this token lacks.
    const c = await db().case.findUniqueOrThrow({ where: { id: caseId } });
    const send = await call(eventsRoute.POST, reporter.token, `/api/v1/cases/${caseId}/events`, jsonBody("POST", { type: "SUBMIT_REPORT", expectedVersion: c.version }), { id: caseId });
    expect(send.status).toBe(403);
  });

  it("record when they were last used, shown on the account page's list", async () => {
    const me = await makeSessionUser("expert", { password: "my-own-password" });
    const made = await createApiToken(me, { name: "used", password: "my-own-password" });
    expect((await listApiTokens(me))[0].lastUsedAt).toBeNull();
    expect((await call(meRoute.GET, made.token, "/api/v1/me")).status).toBe(200);
    await expect.poll(async () => (await listApiTokens(me))[0].lastUsedAt).not.toBeNull();
  });

  it("are all revoked by a password change, a set-password link and disabling (TOKEN_REVOKED)", async () => {
    const admin = await makeSessionUser("admin");
    const me = await makeSessionUser("lab", { password: "my-own-password" });
    const a = await createApiToken(me, { name: "a", password: "my-own-password" });
    const b = await createApiToken(me, { name: "b", password: "my-own-password" });
    await changePassword(me, { currentPassword: "my-own-password", password: "my-new-password", confirm: "my-new-password" });
    for (const tk of [a, b]) expect(await resolveBearer(`Bearer ${tk.token}`)).toEqual({ ok: false, reason: "TOKEN_REVOKED" });
    const changed = await db().auditEvent.findFirst({ where: { type: "USER_PASSWORD_CHANGED", actorId: me.id } });
    expect(JSON.parse(changed!.payload)).toMatchObject({ tokensRevoked: 2 });

    const c = await createApiToken(me, { name: "c", password: "my-new-password" });
    const link = await issueSetPasswordLink(admin, { userId: me.id });
    // Outside strict production the link is handed back as well as mailed.
    expect(link.setPasswordUrl).toMatch(/\/set-password\//);
    await setPasswordWithLink(link.setPasswordUrl!.split("/set-password/")[1], { password: "a-third-password", confirm: "a-third-password" });
    expect(await resolveBearer(`Bearer ${c.token}`)).toEqual({ ok: false, reason: "TOKEN_REVOKED" });

    const d = await createApiToken(me, { name: "d", password: "a-third-password" });
    await disableUser(admin, { userId: me.id });
    expect(await resolveBearer(`Bearer ${d.token}`)).toEqual({ ok: false, reason: "TOKEN_REVOKED" });
    const res = await call(meRoute.GET, d.token, "/api/v1/me");
    expect((await res.json()).error.details).toEqual({ reason: "TOKEN_REVOKED" });
    expect(await db().apiToken.count({ where: { userId: me.id, revokedAt: null } })).toBe(0);
  });
});
