// The thin boundary of every /api/v1 route: resolve the caller, run, and map typed errors to the
// one JSON error format of docs/domain.md#http-api. A stack trace never reaches the client.
import { NextResponse } from "next/server";
import { ZodError, type ZodType } from "zod";
import { AppError, invalidRequest } from "@/lib/errors";
import { requireApiCaller } from "@/lib/auth/session";
import { assertSameOriginWrite } from "@/lib/api/same-origin";
import { assertTokenScope } from "@/lib/token-scopes";
import type { SessionUser } from "@/lib/permissions";
import { readJsonBody } from "@/lib/http/body";
import { requestLog } from "@/lib/log";

type Ctx<P> = { params: Promise<P> };

export function errorResponse(e: unknown, req?: Request): NextResponse {
  if (e instanceof AppError) {
    const retry = e.code === "RATE_LIMITED" ? e.details?.retryAfterSeconds : undefined;
    return NextResponse.json(e.toJSON(), { status: e.status, headers: retry ? { "retry-after": String(retry) } : undefined });
  }
  if (e instanceof ZodError) {
    return NextResponse.json(invalidRequest(e.issues).toJSON(), { status: 422 });
  }
  const path = req ? new URL(req.url).pathname : undefined;
  const reqLog = requestLog(req?.headers, { caseId: path?.match(/^\/api\/v1\/cases\/([^/]+)/)?.[1] });
  reqLog.error({ err: e, method: req?.method, path }, "unexpected error in an API route");
  const reqId = (reqLog.bindings() as { reqId: string }).reqId;
  return NextResponse.json({ error: { code: "INTERNAL", message: "Something went wrong on the server" } }, { status: 500, headers: { "x-request-id": reqId } });
}

/** A route anyone may call. */
export function publicRoute<P = Record<string, string>>(fn: (req: Request, params: P) => Promise<Response>) {
  return async (req: Request, ctx: Ctx<P>) => {
    try {
      return await fn(req, (await ctx?.params) ?? ({} as P));
    } catch (e) {
      return errorResponse(e, req);
    }
  };
}

/** A route for signed-in callers (session cookie or Bearer token; a token only within its scopes, lib/token-scopes.ts). */
export function userRoute<P = Record<string, string>>(fn: (req: Request, user: SessionUser, params: P) => Promise<Response>) {
  return publicRoute<P>(async (req, params) => {
    const caller = await requireApiCaller(req);
    // A session cookie (no token) writes only from the portal's own pages (lib/api/same-origin.ts).
    if (!caller.scopes) assertSameOriginWrite(req);
    if (caller.scopes) assertTokenScope(caller.scopes, req.method, new URL(req.url).pathname);
    return fn(req, caller.user, params);
  });
}

/** A JSON body within BODY_LIMITS.json (413 above it, 422 for bad JSON), then checked by `schema`. */
export async function readJson<T>(req: Request, schema: ZodType<T>): Promise<T> {
  const body = await readJsonBody(req);
  const r = schema.safeParse(body);
  if (!r.success) throw invalidRequest(r.error.issues);
  return r.data;
}

/**
 * Below this many bytes a JSON answer is sent as is: gzip would save a few hundred bytes at most, and
 * a compression stream per answer cost about a tenth of a small request's CPU (docs/performance.md,
 * "The door"). The server compresses only answers that do not say `no-transform`.
 */
const COMPRESS_FROM_BYTES = 1024;

/** A JSON answer; a small one says `no-store, no-transform` so that it is neither kept nor compressed. */
export const json = (data: unknown, status = 200) => {
  const body = JSON.stringify(data);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (Buffer.byteLength(body) < COMPRESS_FROM_BYTES) headers["cache-control"] = "no-store, no-transform";
  return new NextResponse(body, { status, headers });
};
