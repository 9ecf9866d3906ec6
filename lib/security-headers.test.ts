import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { COMMON_HEADERS, newNonce, OTHER_POLICY, pagePolicy, transportSecurity } from "./security-headers";

describe("security headers", () => {
  it("pages allow only the portal's own scripts, with this response's nonce, and no framing", () => {
    const nonce = newNonce();
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(nonce);
    const p = pagePolicy(nonce);
    expect(p).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(p).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(p).toContain("frame-ancestors 'none'");
    expect(p).toContain("object-src 'none'");
    expect(pagePolicy(nonce, true)).toContain("'unsafe-eval'");
  });

  it("HSTS only over https", () => {
    expect(transportSecurity("https://zhiji.example.cn")).toEqual({ "strict-transport-security": "max-age=31536000; includeSubDomains" });
    expect(transportSecurity("http://localhost:3000")).toEqual({});
    expect(transportSecurity(undefined)).toEqual({});
  });

  it("next.config.js sets the same headers for API answers and the build's files", async () => {
    const config = createRequire(import.meta.url)("../next.config.js") as { headers: () => Promise<{ source: string; headers: { key: string; value: string }[] }[]> };
    const rules = await config.headers();
    const of = (source: string) => Object.fromEntries(rules.find((r) => r.source === source)!.headers.map((h) => [h.key, h.value]));
    expect(of("/:path*")).toEqual(COMMON_HEADERS);
    expect(of("/api/:path*")).toEqual({ "content-security-policy": OTHER_POLICY });
    expect(of("/_next/:path*")).toEqual({ "content-security-policy": OTHER_POLICY });
  });
});
