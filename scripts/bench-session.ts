// The benchmarks' way into a running portal: sign in as a demo user through next-auth's own
// endpoints and call /api/v1 with that session cookie (and the Origin a browser would send).
export const BASE = (process.env.BASE_URL ?? "http://localhost:3000").replace(/\/$/, "");
export const PASSWORD = process.env.DEMO_PASSWORD ?? "zhiji-demo-2026";

export class Session {
  constructor(readonly cookie: string) {}
  async call(method: string, path: string, body?: unknown) {
    const res = await fetch(`${BASE}/api/v1${path}`, {
      method,
      // A cookie-authenticated write needs the portal's own Origin, as a browser sends it.
      headers: { cookie: this.cookie, origin: new URL(BASE).origin, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await res.json();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(data)}`);
    return data;
  }
}

export async function signIn(email: string): Promise<Session> {
  const csrfRes = await fetch(`${BASE}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]);
  const res = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: "true" }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.includes("session-token"));
  if (!session) throw new Error(`could not sign in as ${email} (status ${res.status})`);
  return new Session(session);
}
