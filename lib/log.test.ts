import { describe, expect, it, vi } from "vitest";
import pino from "pino";
import { log, logFor, requestLog } from "./log";
import { requestIdFrom } from "./http/request-id";
import { errorResponse } from "./api/handler";

describe("structured logs", () => {
  it("are silent under Vitest unless LOG_LEVEL says otherwise", () => {
    expect(process.env.LOG_LEVEL ? log.level : "silent").toBe(log.level);
  });

  it("keep a request id a proxy set, and make one for a missing or hostile value", () => {
    expect(requestIdFrom("req-42.abc")).toBe("req-42.abc");
    for (const bad of [null, undefined, "", "two words", "a\r\nInjected: 1", "x".repeat(129)]) {
      const id = requestIdFrom(bad);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("a request's logger carries its id, the case id and the component on every line", () => {
    const l = requestLog(new Headers({ "x-request-id": "req-7" }), { caseId: "case-1" });
    expect(l.bindings()).toMatchObject({ component: "api", reqId: "req-7", caseId: "case-1" });
    expect(logFor("outbox", { workerId: "w" }).bindings()).toMatchObject({ component: "outbox", workerId: "w" });
  });

  it("writes one line of JSON per event with the fields, and never a password", () => {
    const lines: string[] = [];
    const child = log.child({ component: "test" });
    const previous = child.level;
    child.level = "info";
    // pino writes through its stream; capture what it would print.
    const stream = (log as unknown as Record<symbol, { write: (s: string) => void }>)[pino.symbols.streamSym];
    const write = vi.spyOn(stream, "write").mockImplementation((s: string) => void lines.push(s));
    try {
      child.info({ caseId: "c9", reqId: "r1", password: "hunter2" }, "something happened");
    } finally {
      write.mockRestore();
      child.level = previous;
    }
    expect(lines).toHaveLength(1);
    expect(lines[0].trim().split("\n")).toHaveLength(1);
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({ level: 30, component: "test", caseId: "c9", reqId: "r1", msg: "something happened", password: "[redacted]" });
    expect(typeof entry.time).toBe("string");
  });

  it("an unexpected error in an API route answers 500 with the request id and no detail of the error", async () => {
    const res = errorResponse(new Error("secret internals"), new Request("http://localhost/api/v1/cases/c-1/events", { method: "POST", headers: { "x-request-id": "req-500" } }));
    expect(res.status).toBe(500);
    expect(res.headers.get("x-request-id")).toBe("req-500");
    const body = await res.text();
    expect(body).not.toContain("secret internals");
    expect(JSON.parse(body)).toEqual({ error: { code: "INTERNAL", message: "Something went wrong on the server" } });
  });
});
