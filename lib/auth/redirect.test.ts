import { describe, expect, it } from "vitest";
import { safeRedirect } from "./redirect";

const PUBLIC = "https://zhiji.example.cn";

describe("sign-in redirects stay on the portal", () => {
  it.each([
    "/\\evil.example",
    "\\\\evil.example",
    "/\tevil.example",
    "/\t/evil.example",
    "\t//evil.example",
    "//evil.example",
    "///evil.example",
    "https://evil.example/",
    "http://zhiji.example.cn/", // another scheme is another origin
    "https://zhiji.example.cn.evil.example/",
    "https://zhiji.example.cn@evil.example/",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "/\nevil",
    "",
    "x".repeat(3000),
  ])("%j falls back to the home", (raw) => {
    expect(safeRedirect(raw, PUBLIC)).toBe("/");
    expect(safeRedirect(raw, PUBLIC, "/", { absolute: true })).toBe(`${PUBLIC}/`);
  });

  it("what a decoded query parameter turns into is judged after decoding", () => {
    // ?callbackUrl=/%5Cevil.example and ?callbackUrl=/%09/evil.example arrive decoded.
    expect(safeRedirect(decodeURIComponent("/%5Cevil.example"), PUBLIC)).toBe("/");
    expect(safeRedirect(decodeURIComponent("/%09/evil.example"), PUBLIC)).toBe("/");
    // Still encoded (double-encoded in the query): a harmless path on the portal.
    expect(safeRedirect("/%5Cevil.example", PUBLIC)).toBe("/%5Cevil.example");
  });

  it("non-strings fall back", () => {
    expect(safeRedirect(undefined, PUBLIC)).toBe("/");
    expect(safeRedirect(["/cases"], PUBLIC)).toBe("/");
  });

  it("paths and full URLs on the portal are kept", () => {
    expect(safeRedirect("/cases/abc?tab=panel#votes", PUBLIC)).toBe("/cases/abc?tab=panel#votes");
    expect(safeRedirect(`${PUBLIC}/ministry`, PUBLIC)).toBe("/ministry");
    expect(safeRedirect("/ministry", PUBLIC, "/", { absolute: true })).toBe(`${PUBLIC}/ministry`);
    expect(safeRedirect("cases", PUBLIC)).toBe("/cases");
  });
});
