import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { resetEnvCache } from "@/lib/env";
import { assertSameOriginWrite } from "./same-origin";

const saved = process.env.ZHIJI_PUBLIC_URL;
beforeAll(() => {
  process.env.ZHIJI_PUBLIC_URL = "https://zhiji.example.cn";
  resetEnvCache();
});
afterAll(() => {
  if (saved === undefined) delete process.env.ZHIJI_PUBLIC_URL;
  else process.env.ZHIJI_PUBLIC_URL = saved;
  resetEnvCache();
});

const req = (method: string, headers: Record<string, string>, body?: string) =>
  new Request("https://zhiji.example.cn/api/v1/cases", { method, headers, body });

function refusal(r: Request): AppError | null {
  try {
    assertSameOriginWrite(r);
    return null;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
}

describe("cookie-authenticated writes", () => {
  it("from the portal's own origin with a documented content type pass", () => {
    const origin = "https://zhiji.example.cn";
    expect(refusal(req("POST", { origin, "content-type": "application/json" }, "{}"))).toBeNull();
    expect(refusal(req("PUT", { origin, "content-type": "text/csv; charset=utf-8" }, "item,value,unit"))).toBeNull();
    expect(refusal(req("POST", { origin, "content-type": "multipart/form-data; boundary=x" }, "--x--"))).toBeNull();
    // No body at all (closing a finding): nothing to type.
    expect(refusal(req("POST", { origin }))).toBeNull();
  });

  it.each([
    ["no Origin", {}],
    ["another site", { origin: "https://evil.example" }],
    ["a look-alike", { origin: "https://zhiji.example.cn.evil.example" }],
    ["plain http", { origin: "http://zhiji.example.cn" }],
    ["a sandboxed page", { origin: "null" }],
  ])("%s is refused with 403 CROSS_ORIGIN", (_what, headers) => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const e = refusal(req(method, { ...headers, "content-type": "application/json" }, "{}"));
      expect(e?.status).toBe(403);
      expect(e?.details).toEqual({ reason: "CROSS_ORIGIN" });
    }
  });

  it("what a cross-site form can send is refused even with the right Origin", () => {
    const origin = "https://zhiji.example.cn";
    for (const type of ["text/plain", "application/x-www-form-urlencoded", ""]) {
      const e = refusal(req("POST", { origin, ...(type ? { "content-type": type } : {}) }, "a=b"));
      expect(e?.status).toBe(415);
      expect(e?.details).toEqual({ reason: "CONTENT_TYPE" });
    }
  });

  it("reads are not asked", () => {
    expect(refusal(req("GET", {}))).toBeNull();
    expect(refusal(req("HEAD", { origin: "https://evil.example" }))).toBeNull();
  });
});
