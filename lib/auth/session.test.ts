// Sessions through the API boundary: a signed-out session (and every copy of its cookie) is
// refused on the server; malformed cookies and Authorization headers are an anonymous caller (401),
// never a 500.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { json, userRoute } from "@/lib/api/handler";
import { makeSessionUser } from "@/test/users";
import type { SessionUser } from "@/lib/permissions";
import { authOptions } from "./options";
import { revokeSession, SESSION_MAX_AGE_SECONDS } from "./session-revocation";

let t: TestDatabase;
let me: SessionUser;
beforeAll(async () => {
  t = await useFreshDatabase();
  me = await makeSessionUser("vendor", { password: "a-long-password" });
});
afterAll(async () => t.drop());

const COOKIE = "next-auth.session-token";
const whoAmI = userRoute(async (_req, user) => json({ id: user.id }));
const call = (headers: Record<string, string>) => whoAmI(new Request("http://localhost/api/v1/me", { headers }), { params: Promise.resolve({}) });

/** A session token as next-auth makes it at sign-in: the jwt callback's claims, encoded. */
async function signedInToken(user: SessionUser) {
  const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
  const jwt = authOptions().callbacks!.jwt!;
  const claims = await jwt({ token: { sub: user.id }, user: { id: user.id, email: user.email, sessionVersion: row.sessionVersion } as never, account: null, trigger: "signIn" });
  return { claims, cookie: await encode({ token: claims, secret: env().ZHIJI_SESSION_SECRET }) };
}

describe("sessions", () => {
  it("a session carries our own id and sign-in time, kept when next-auth re-encodes it", async () => {
    const { claims } = await signedInToken(me);
    expect(claims.sid).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(typeof claims.sst).toBe("number");
    const again = await authOptions().callbacks!.jwt!({ token: { ...claims }, user: undefined as never, account: null });
    expect(again.sid).toBe(claims.sid);
    expect(again.sst).toBe(claims.sst);
    const other = await signedInToken(me);
    expect(other.claims.sid).not.toBe(claims.sid);
  });

  it("signing out revokes the session on the server: a copied cookie stops working, other sessions go on", async () => {
    const a = await signedInToken(me);
    const b = await signedInToken(me);
    expect((await call({ cookie: `${COOKIE}=${a.cookie}` })).status).toBe(200);
    const copy = `${COOKIE}=${a.cookie}`;
    // next-auth's sign-out decodes the cookie and fires its signOut event.
    await authOptions().events!.signOut!({ token: a.claims, session: undefined as never });
    const refused = await call({ cookie: copy });
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe("UNAUTHENTICATED");
    expect((await call({ cookie: `${COOKIE}=${b.cookie}` })).status).toBe(200);
    const row = await db().revokedSession.findUniqueOrThrow({ where: { jti: a.claims.sid as string } });
    expect(row.userId).toBe(me.id);
    expect(row.expiresAt.getTime()).toBe(((a.claims.sst as number) + SESSION_MAX_AGE_SECONDS) * 1000);
    // Signing out twice is harmless.
    await authOptions().events!.signOut!({ token: a.claims, session: undefined as never });
  });

  it("revocations past their session's end are pruned", async () => {
    const { claims } = await signedInToken(me);
    await revokeSession({ ...claims, sst: Math.floor(Date.now() / 1000) - 2 * SESSION_MAX_AGE_SECONDS });
    const fresh = await signedInToken(me);
    await revokeSession(fresh.claims);
    expect(await db().revokedSession.findUnique({ where: { jti: claims.sid as string } })).toBeNull();
    expect(await db().revokedSession.findUnique({ where: { jti: fresh.claims.sid as string } })).not.toBeNull();
  });

  it("a session without our id, or older than its maximum age since sign-in, is refused", async () => {
    const { claims } = await signedInToken(me);
    const secret = env().ZHIJI_SESSION_SECRET;
    const noSid = await encode({ token: { ...claims, sid: undefined }, secret });
    expect((await call({ cookie: `${COOKIE}=${noSid}` })).status).toBe(401);
    const old = await encode({ token: { ...claims, sst: Math.floor(Date.now() / 1000) - SESSION_MAX_AGE_SECONDS - 5 }, secret });
    expect((await call({ cookie: `${COOKIE}=${old}` })).status).toBe(401);
    const future = await encode({ token: { ...claims, sst: Math.floor(Date.now() / 1000) + 3600 }, secret });
    expect((await call({ cookie: `${COOKIE}=${future}` })).status).toBe(401);
    const ok = await encode({ token: claims, secret });
    expect((await call({ cookie: `${COOKIE}=${ok}` })).status).toBe(200);
  });

  it("a cookie already seen stops working when its token expires (the decoded cookies kept in memory never outlive it)", async () => {
    const { claims } = await signedInToken(me);
    const short = await encode({ token: claims, secret: env().ZHIJI_SESSION_SECRET, maxAge: 60 });
    expect((await call({ cookie: `${COOKIE}=${short}` })).status).toBe(200);
    expect((await call({ cookie: `${COOKIE}=${short}` })).status).toBe(200);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 120_000 });
    try {
      expect((await call({ cookie: `${COOKIE}=${short}` })).status).toBe(401);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a small JSON answer says no-store, no-transform (not compressed); a large one does not", async () => {
    const small = json({ id: "x" });
    expect(small.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(small.headers.get("content-type")).toBe("application/json");
    expect(await small.json()).toEqual({ id: "x" });
    const large = json({ text: "x".repeat(2000) }, 201);
    expect(large.status).toBe(201);
    expect(large.headers.get("cache-control")).toBeNull();
  });

  it("malformed cookies are an anonymous caller (401), never a 500", async () => {
    const { cookie } = await signedInToken(me);
    for (const header of [
      `${COOKIE}=%E0%A4%A`,
      `${COOKIE}=%`,
      `${COOKIE}=not-a-jwt`,
      `${COOKIE}.0=%E0%A4%A; ${COOKIE}.1=x`,
      "=%E0%A4%A; ;;; a",
      `other=%E0%A4%A; ${COOKIE}=${cookie.slice(0, 40)}`,
    ]) {
      const res = await call({ cookie: header });
      expect(res.status, header).toBe(401);
      expect((await res.json()).error.code).toBe("UNAUTHENTICATED");
    }
    // A broken unrelated cookie does not spoil a good session.
    expect((await call({ cookie: `other=%E0%A4%A; ${COOKIE}=${cookie}` })).status).toBe(200);
  });

  it("a garbage Authorization header is 401 TOKEN_INVALID, never a 500 and never the cookie's user", async () => {
    const { cookie } = await signedInToken(me);
    for (const auth of ["Bearer", "Bearer    ", "Basic dXNlcjpwYXNz", "Bearer zj_short", "Bearer a b", `Bearer zj_${"x".repeat(5000)}`, "Bearer %E0%A4%A", "zj_abcdefghijklmnopqrstu"]) {
      const res = await call({ authorization: auth, cookie: `${COOKIE}=${cookie}` });
      expect(res.status, auth).toBe(401);
      expect((await res.json()).error.details).toEqual({ reason: "TOKEN_INVALID" });
    }
  });
});
