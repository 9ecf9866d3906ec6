// The scope table covers every write route a token can reach, and nothing that does not exist.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { assertTokenScope, parseScopes, requiredScope, SCOPES_BY_ROLE, TOKEN_SCOPES, WRITE_ROUTE_SCOPES } from "./token-scopes";
import { ROLES } from "./permissions";

const API = path.join(__dirname, "..", "app", "api", "v1");

/** Every (method, path) a signed-in caller can write to, read from the route files themselves. */
function userWriteRoutes(): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const src = fs.readFileSync(full, "utf8");
        const route = "/api/v1/" + path.relative(API, dir).split(path.sep).map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/");
        for (const m of src.matchAll(/export const (POST|PUT|PATCH|DELETE)\s*=\s*(\w+)/g)) {
          if (m[2] !== "publicRoute") out.push({ method: m[1], path: route.replace(/\/$/, "") });
        }
      }
    }
  };
  walk(API);
  return out;
}

describe("token scopes", () => {
  it("every write route for signed-in callers has a scope in the table, and every table row is a real route", () => {
    const routes = userWriteRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(10);
    const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
    expect(routes.map(key).sort()).toEqual(WRITE_ROUTE_SCOPES.map(key).sort());
  });

  it("reads need read; writes need their scope; an unknown write needs a scope no token has", () => {
    expect(requiredScope("GET", "/api/v1/cases/abc")).toBe("read");
    expect(requiredScope("HEAD", "/api/v1/audit/export")).toBe("read");
    expect(requiredScope("POST", "/api/v1/cases")).toBe("cases:write");
    expect(requiredScope("PATCH", "/api/v1/cases/c1")).toBe("cases:write");
    expect(requiredScope("POST", "/api/v1/cases/c1/events")).toBe("cases:write");
    expect(requiredScope("PUT", "/api/v1/cases/c1/lab-report")).toBe("lab:report");
    expect(requiredScope("POST", "/api/v1/cases/c1/evidence")).toBe("lab:report");
    expect(requiredScope("POST", "/api/v1/findings/f1/close")).toBe("oversight:write");
    // Not a neighbour's scope by prefix or suffix.
    expect(requiredScope("POST", "/api/v1/cases/c1/events/extra")).toBeNull();
    expect(requiredScope("DELETE", "/api/v1/cases/c1")).toBeNull();
    const e = (() => {
      try {
        assertTokenScope([...TOKEN_SCOPES], "DELETE", "/api/v1/cases/c1");
      } catch (err) {
        return err as AppError;
      }
    })();
    expect(e?.status).toBe(403);
    expect(e?.details).toEqual({ reason: "TOKEN_SCOPE" });
  });

  it("stored scopes parse to known words only; every role is offered read", () => {
    expect(parseScopes("read  cases:write bogus")).toEqual(["read", "cases:write"]);
    expect(parseScopes(null)).toEqual([]);
    for (const role of ROLES) expect(SCOPES_BY_ROLE[role]).toContain("read");
  });
});
