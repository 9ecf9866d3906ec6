// Body limits, through the real route handlers: 413 PAYLOAD_TOO_LARGE naming the limit for JSON,
// CSV, PDF and multipart bodies (also when no Content-Length is sent, or a false one), the JSON
// shape checks, and the lab report's row bound and error cap. Nothing is changed by a refusal.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, resultsReaching, type World } from "@/test/world";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/auth/session";
import type { SessionUser } from "@/lib/permissions";
import { craftByteRangePdf } from "@/lib/certificates/hostile-pdf";
import { sendEvent } from "@/lib/cases/send-event";
import { recordFinding } from "@/lib/audit/findings/record-finding";
import { MAX_REPORTED_ERRORS, maxReportRows } from "@/lib/grading/lab-report";
import { seededScheme } from "@/lib/grading/schemes";
import { BODY_LIMITS, MULTIPART_OVERHEAD, checkJsonShape, limitedBodyStream, readBodyBytes, readJsonBody } from "./body";
import * as casesRoute from "@/app/api/v1/cases/route";
import * as eventsRoute from "@/app/api/v1/cases/[id]/events/route";
import * as labReportRoute from "@/app/api/v1/cases/[id]/lab-report/route";
import * as evidenceRoute from "@/app/api/v1/cases/[id]/evidence/route";
import * as verifyRoute from "@/app/api/v1/verify/route";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

let t: TestDatabase;
let w: World;
let caseId: string;
const tokens = new Map<string, string>();
const DB = process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite";

async function tokenFor(user: SessionUser) {
  const token = `zj_${crypto.randomBytes(32).toString("base64url")}`;
  await db().apiToken.create({
    data: { userId: user.id, name: "bounds", prefix: token.slice(0, 8), tokenHash: hashToken(token), scopes: "read cases:write lab:report oversight:write" },
  });
  tokens.set(user.id, token);
}

/** A body of `size` bytes sent as a stream, without Content-Length (or with a false one). */
function streamed(size: number, fill = "a", chunk = 256 * 1024): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(c) {
      if (sent >= size) return c.close();
      const n = Math.min(chunk, size - sent);
      sent += n;
      c.enqueue(new Uint8Array(Buffer.alloc(n, fill)));
    },
  });
}

// The real path of each route (token scopes are decided by it).
const PATHS = new Map<unknown, string>([
  [casesRoute.POST, "/cases"],
  [eventsRoute.POST, "/cases/{id}/events"],
  [labReportRoute.PUT, "/cases/{id}/lab-report"],
  [evidenceRoute.POST, "/cases/{id}/evidence"],
  [verifyRoute.POST, "/verify"],
]);

function call(handler: unknown, as: SessionUser | null, init: RequestInit & { duplex?: "half" }, params: Record<string, string> = {}) {
  const headers = new Headers(init.headers);
  if (as) headers.set("authorization", `Bearer ${tokens.get(as.id)}`);
  const path = PATHS.get(handler)!.replace("{id}", params.id ?? "");
  return (handler as Handler)(new Request(`http://localhost/api/v1${path}`, { ...init, headers }), { params: Promise.resolve(params) });
}

async function state() {
  const [cases, events, reports, evidence] = await Promise.all([
    db().case.count(),
    db().auditEvent.count(),
    db().labReport.count(),
    db().evidence.count(),
  ]);
  return { cases, events, reports, evidence };
}

beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
  caseId = await caseIn(w, "testing");
  for (const u of [w.users.vendorA, w.users.lab1]) await tokenFor(u);
}, 120_000);
afterAll(async () => t?.drop());

describe(`request body limits (${DB})`, () => {
  it("JSON above 256 KB is 413 with the limit, whether declared, undeclared or falsely declared; nothing is created", async () => {
    const before = await state();
    const big = JSON.stringify({ schemeId: "phone", claimedLevel: "L2", product: { name: "x".repeat(BODY_LIMITS.json), model: "m", softwareVersion: "1" } });
    const declared = await call(casesRoute.POST, w.users.vendorA, { method: "POST", headers: { "content-type": "application/json" }, body: big });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({
      error: { code: "PAYLOAD_TOO_LARGE", message: "The request body is larger than 256 KB, the limit for this request", details: { limit: BODY_LIMITS.json } },
    });
    const undeclared = await call(casesRoute.POST, w.users.vendorA, { method: "POST", headers: { "content-type": "application/json" }, body: streamed(BODY_LIMITS.json + 1), duplex: "half" });
    expect(undeclared.status).toBe(413);
    const lying = await call(casesRoute.POST, w.users.vendorA, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": "10" },
      body: streamed(4 * BODY_LIMITS.json),
      duplex: "half",
    });
    expect(lying.status).toBe(413);
    expect(await state()).toEqual(before);
  });

  it("a JSON event body over the limit is 413 and the case does not move", async () => {
    const c = await db().case.findUniqueOrThrow({ where: { id: caseId } });
    const body = JSON.stringify({ type: "WITHDRAW", expectedVersion: c.version, reason: "r".repeat(BODY_LIMITS.json) });
    const res = await call(eventsRoute.POST, w.users.vendorA, { method: "POST", body }, { id: caseId });
    expect(res.status).toBe(413);
    expect((await db().case.findUniqueOrThrow({ where: { id: caseId } })).version).toBe(c.version);
  });

  it("a CSV lab report above 2 MB is 413 while it streams; one with far more rows than the scheme has items is one TOO_MANY_ROWS error", async () => {
    const before = await state();
    const csv = await call(labReportRoute.PUT, w.users.lab1, { method: "PUT", headers: { "content-type": "text/csv" }, body: streamed(BODY_LIMITS.labReport + 1, "1"), duplex: "half" }, { id: caseId });
    expect(csv.status).toBe(413);
    expect((await csv.json()).error.details).toEqual({ limit: BODY_LIMITS.labReport });

    const rows = Array.from({ length: 50_000 }, (_, i) => `item_${i},1,%`).join("\n");
    expect(Buffer.byteLength(rows)).toBeLessThan(BODY_LIMITS.labReport);
    const many = await call(labReportRoute.PUT, w.users.lab1, { method: "PUT", headers: { "content-type": "text/csv" }, body: `item,value,unit\n${rows}` }, { id: caseId });
    expect(many.status).toBe(422);
    const body = await many.json();
    expect(body.error.details.errors).toEqual([expect.objectContaining({ code: "TOO_MANY_ROWS", field: "csv" })]);
    expect(await state()).toEqual(before);
  });

  it("a report with many bad rows lists the first 50 errors and counts them all", async () => {
    const good = resultsReaching("phone", "L2");
    // Every item with a wrong unit (one error each), then unknown items with very long names up to the row limit.
    const rows = good.map((r) => `${r.item},${r.value},parsecs`);
    const total = maxReportRows(seededScheme("phone")!);
    expect(total).toBeGreaterThan(MAX_REPORTED_ERRORS);
    while (rows.length < total) rows.push(`${"u".repeat(10_000)}${rows.length},1,%`);
    const res = await call(labReportRoute.PUT, w.users.lab1, { method: "PUT", headers: { "content-type": "text/csv" }, body: `item,value,unit\n${rows.join("\n")}` }, { id: caseId });
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.reason).toBe("LAB_REPORT_INVALID");
    expect(error.params).toEqual({ errorCount: total });
    expect(error.message).toBe(`The lab report has ${total} error(s); nothing was saved.`);
    expect(error.details.errorCount).toBe(total);
    expect(error.details.errors).toHaveLength(MAX_REPORTED_ERRORS);
    expect(error.details.omitted).toBe(total - MAX_REPORTED_ERRORS);
    // The long cell is quoted back shortened, not whole.
    expect(JSON.stringify(error).length).toBeLessThan(100_000);
  });

  it("a JSON lab report above 2 MB is 413; the same results as JSON under it still save", async () => {
    const over = await call(labReportRoute.PUT, w.users.lab1, { method: "PUT", headers: { "content-type": "application/json" }, body: streamed(BODY_LIMITS.labReport + 1, " "), duplex: "half" }, { id: caseId });
    expect(over.status).toBe(413);
    const ok = await call(labReportRoute.PUT, w.users.lab1, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ results: resultsReaching("phone", "L2") }) }, { id: caseId });
    expect(ok.status).toBe(200);
  });

  it("a PDF above 5 MB is 413 with the limit, raw or as a multipart file; the crafted many-/ByteRange PDF is answered `malformed`", async () => {
    const raw = await call(verifyRoute.POST, null, { method: "POST", headers: { "content-type": "application/pdf" }, body: streamed(BODY_LIMITS.verifyPdf + 1, "%"), duplex: "half" });
    expect(raw.status).toBe(413);
    expect((await raw.json()).error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", details: { limit: BODY_LIMITS.verifyPdf } });
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array(BODY_LIMITS.verifyPdf + 1)], { type: "application/pdf" }), "big.pdf");
    expect((await call(verifyRoute.POST, null, { method: "POST", body: form })).status).toBe(413);
    // Many small parts around no file at all: the whole body is bounded too.
    const parts = new FormData();
    for (let i = 0; i < 10; i++) parts.append(`f${i}`, new Blob([new Uint8Array(BODY_LIMITS.verifyPdf / 4)]), "x.bin");
    expect((await call(verifyRoute.POST, null, { method: "POST", body: parts })).status).toBe(413);

    const crafted = await call(verifyRoute.POST, null, { method: "POST", headers: { "content-type": "application/pdf" }, body: new Uint8Array(craftByteRangePdf(1024 * 1024)) });
    expect(crafted.status).toBe(200);
    expect(await crafted.json()).toMatchObject({ valid: false, reasonCode: "malformed" });
  });

  it("an evidence upload whose body runs past the limit is 413 and leaves no file or row; a multipart body without a boundary is 422", async () => {
    const before = await state();
    const noBoundary = await call(evidenceRoute.POST, w.users.lab1, { method: "POST", headers: { "content-type": "multipart/form-data" }, body: "x" }, { id: caseId });
    expect(noBoundary.status).toBe(422);
    const declared = await call(
      evidenceRoute.POST,
      w.users.lab1,
      { method: "POST", headers: { "content-type": "multipart/form-data; boundary=b", "content-length": String(BODY_LIMITS.evidence + MULTIPART_OVERHEAD + 1) }, body: streamed(1024), duplex: "half" },
      { id: caseId },
    );
    expect(declared.status).toBe(413);
    expect((await declared.json()).error.details).toEqual({ limit: BODY_LIMITS.evidence + MULTIPART_OVERHEAD });
    expect(await state()).toEqual(before);
  });
});

describe(`text that cannot be stored (${DB})`, () => {
  it("an event or finding with a NUL or a lone surrogate is 422 through the use cases too (forms), and nothing changes", async () => {
    const before = await state();
    const c = await db().case.findUniqueOrThrow({ where: { id: caseId } });
    for (const reason of ["a\u0000b", "\ud800"]) {
      await expect(sendEvent(w.users.vendorA, caseId, { type: "WITHDRAW", expectedVersion: c.version, reason })).rejects.toMatchObject({ code: "INVALID_INPUT" });
      await expect(recordFinding(w.users.ministry1, { caseId, severity: "low", text: reason })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    }
    expect(await state()).toEqual(before);
    expect((await db().case.findUniqueOrThrow({ where: { id: caseId } })).state).toBe("testing");
  });
});

describe("the body readers", () => {
  const req = (body: BodyInit | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
    new Request("http://x/", { method: "POST", body, headers, duplex: "half" } as RequestInit);

  it("read up to the limit exactly and stop one byte past it", async () => {
    expect((await readBodyBytes(req(streamed(1000)), 1000)).length).toBe(1000);
    await expect(readBodyBytes(req(streamed(1001)), 1000)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE", details: { limit: 1000 } });
  });

  it("stop pulling a stream once it is over the limit", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(1024));
      },
    });
    await expect(readBodyBytes(req(endless), 10 * 1024)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect(pulled).toBeLessThan(20);
    const stream = limitedBodyStream(req(streamed(10 * 1024 * 1024, "a", 1024)), 10 * 1024);
    const error = await new Promise((resolve) => stream.on("error", resolve).resume());
    expect(error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", details: { limit: 10 * 1024 } });
  });

  it("refuse JSON that is not UTF-8, nests too deep, carries prototype keys, NUL or lone surrogates, with a reason", async () => {
    const reason = async (body: BodyInit) => {
      try {
        await readJsonBody(req(body));
        return "accepted";
      } catch (e) {
        return (e as { details?: { reason?: string } }).details?.reason;
      }
    };
    expect(await reason(new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]))).toBe("INVALID_UTF8");
    expect(await reason("{")).toBe("INVALID_JSON");
    expect(await reason("[".repeat(10_000) + "]".repeat(10_000))).toBe("TOO_DEEP");
    expect(await reason('{"a":{"__proto__":{"admin":true}}}')).toBe("FORBIDDEN_KEY");
    expect(await reason('{"constructor":{"prototype":{}}}')).toBe("FORBIDDEN_KEY");
    expect(await reason('{"a":"x\\u0000y"}')).toBe("INVALID_TEXT");
    expect(await reason('{"a":["\\ud800"]}')).toBe("INVALID_TEXT");
    expect(await reason('{"\\udc00":1}')).toBe("INVALID_TEXT");
    expect(await reason('{"a":["😀 智级", 1, null, {"b": [true]}]}')).toBe("accepted");
    expect(() => checkJsonShape(Array.from({ length: 10_000 }, () => ({ a: "b" })))).not.toThrow();
  });
});
