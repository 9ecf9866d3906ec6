// What a personal API token may be used for: the one table of scopes, next to the role table
// (lib/permissions.ts). A scope never adds a permission — the caller's role and the case rules still
// decide — it only narrows what a token can do. lib/api/handler.ts enforces it on every /api/v1
// route a signed-in caller reaches; a session cookie (a person in the browser) has every scope.
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/permissions";

export const TOKEN_SCOPES = ["read", "cases:write", "lab:report", "oversight:write"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** Each scope's message key under account.tokens.scopes (message keys cannot hold ":"). */
export const SCOPE_MESSAGE_KEYS: Record<TokenScope, string> = {
  read: "read",
  "cases:write": "casesWrite",
  "lab:report": "labReport",
  "oversight:write": "oversightWrite",
};

/** Scopes of a token made without choosing (and of tokens made before scopes existed). */
export const DEFAULT_TOKEN_SCOPES: readonly TokenScope[] = ["read"];

/**
 * The scopes worth offering each role: those of the write routes its permissions can reach.
 * Creating a token with a scope outside this list is refused (it could never be used).
 */
export const SCOPES_BY_ROLE: Record<Role, readonly TokenScope[]> = {
  vendor: ["read", "cases:write"],
  lab: ["read", "cases:write", "lab:report"],
  expert: ["read", "cases:write"],
  secretariat: ["read", "cases:write", "oversight:write"],
  ministry: ["read", "cases:write", "oversight:write"],
  admin: ["read"],
};

/**
 * Every /api/v1 route that changes something, with the scope a token needs for it. Reading
 * (GET, HEAD) needs `read`. A write route missing here is refused to every token (closed by
 * default); lib/token-scopes.test.ts fails when a route file has a write the table lacks.
 *   read             every GET: cases, events, evidence, schemes, pilots, audit, findings, me
 *   cases:write      create and edit an application, send any case event (SUBMIT … REVOKE, VOTE),
 *                    report a change or open a surveillance, send any change event
 *   lab:report       the lab's report and re-test report (PUT lab-report) and evidence uploads
 *   oversight:write  findings, audit checkpoints, pilot stage limits, complaint handling
 */
export const WRITE_ROUTE_SCOPES: readonly { method: string; path: string; scope: TokenScope }[] = [
  { method: "POST", path: "/api/v1/cases", scope: "cases:write" },
  { method: "PATCH", path: "/api/v1/cases/{id}", scope: "cases:write" },
  { method: "POST", path: "/api/v1/cases/{id}/events", scope: "cases:write" },
  { method: "PUT", path: "/api/v1/cases/{id}/lab-report", scope: "lab:report" },
  { method: "POST", path: "/api/v1/cases/{id}/evidence", scope: "lab:report" },
  { method: "POST", path: "/api/v1/findings", scope: "oversight:write" },
  { method: "POST", path: "/api/v1/findings/{id}/answer", scope: "oversight:write" },
  { method: "POST", path: "/api/v1/findings/{id}/close", scope: "oversight:write" },
  { method: "POST", path: "/api/v1/audit/checkpoints", scope: "oversight:write" },
  { method: "PUT", path: "/api/v1/pilots/{id}/stage-limits", scope: "oversight:write" },
  { method: "POST", path: "/api/v1/pilots", scope: "oversight:write" },
  { method: "POST", path: "/api/v1/pilots/{id}/events", scope: "oversight:write" },
  // A vendor publishes or withdraws its certified case's results: written like its case work.
  { method: "POST", path: "/api/v1/cases/{id}/results-publication", scope: "cases:write" },
  // Scheme governance (docs/domain.md#scheme-governance): comments are the participants' work,
  // proposing, answering, approving and publishing the secretariat's and the ministry's.
  { method: "POST", path: "/api/v1/schemes/{id}/{version}/propose", scope: "oversight:write" },
  { method: "POST", path: "/api/v1/schemes/{id}/{version}/comment-period", scope: "oversight:write" },
  { method: "POST", path: "/api/v1/schemes/{id}/{version}/comments", scope: "cases:write" },
  { method: "POST", path: "/api/v1/schemes/{id}/{version}/comments/{commentId}/answer", scope: "oversight:write" },
  { method: "POST", path: "/api/v1/schemes/{id}/{version}/approve", scope: "oversight:write" },
  { method: "POST", path: "/api/v1/schemes/{id}/{version}/publish", scope: "oversight:write" },
  // An expert's conflict declarations bar it from panels: written like case work.
  { method: "POST", path: "/api/v1/me/conflicts", scope: "cases:write" },
  { method: "DELETE", path: "/api/v1/me/conflicts/{id}", scope: "cases:write" },
  { method: "POST", path: "/api/v1/complaints/{reference}/events", scope: "oversight:write" },
  // After-care (docs/domain.md#after-care): reporting a change or opening a surveillance and the
  // change events are case work; the re-test results are the lab's report.
  { method: "POST", path: "/api/v1/cases/{id}/changes", scope: "cases:write" },
  { method: "POST", path: "/api/v1/changes/{id}/events", scope: "cases:write" },
  { method: "PUT", path: "/api/v1/changes/{id}/lab-report", scope: "lab:report" },
  // Proficiency testing (docs/domain.md#proficiency-testing): rounds are oversight, values the lab's results.
  { method: "POST", path: "/api/v1/proficiency", scope: "oversight:write" },
  { method: "POST", path: "/api/v1/proficiency/{id}/close", scope: "oversight:write" },
  { method: "PUT", path: "/api/v1/proficiency/{id}/values", scope: "lab:report" },
];

const compiled = WRITE_ROUTE_SCOPES.map((r) => ({
  ...r,
  pattern: new RegExp(`^${r.path.replace(/\{[^}]+\}/g, "[^/]+")}/?$`),
}));

/** The scope a request needs, or null when no token may make it. */
export function requiredScope(method: string, pathname: string): TokenScope | null {
  const m = method.toUpperCase();
  if (m === "GET" || m === "HEAD") return "read";
  return compiled.find((r) => r.method === m && r.pattern.test(pathname))?.scope ?? null;
}

/** The stored, space-separated scopes of a token; unknown words are dropped. */
export function parseScopes(stored: string | null | undefined): TokenScope[] {
  const words = new Set((stored ?? "").split(/\s+/));
  return TOKEN_SCOPES.filter((s) => words.has(s));
}

export const formatScopes = (scopes: readonly TokenScope[]) => TOKEN_SCOPES.filter((s) => scopes.includes(s)).join(" ");

/** Refuses a token request outside the token's scopes: 403 with details.reason TOKEN_SCOPE. */
export function assertTokenScope(scopes: readonly TokenScope[], method: string, pathname: string) {
  const needed = requiredScope(method, pathname);
  if (needed && scopes.includes(needed)) return;
  throw new AppError(
    "FORBIDDEN",
    needed ? `This API token lacks the scope ${needed}` : "API tokens may not make this request",
    { reason: "TOKEN_SCOPE", ...(needed ? { scope: needed } : {}) },
  );
}
