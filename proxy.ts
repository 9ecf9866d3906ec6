// Not an authorisation check (every page and route checks for itself). For pages it passes the
// requested path to server components, so that sign-in can send a person back where they were,
// and sets the page's Content-Security-Policy with a fresh script nonce (Next reads it from the
// request and puts it on its own scripts) and HSTS over https (lib/security-headers.ts). The
// headers of API answers and the build's files are in next.config.js: this proxy does not run
// for /api, where it would buffer upload bodies.
import { NextResponse, type NextRequest } from "next/server";
import { newNonce, pagePolicy, transportSecurity } from "@/lib/security-headers";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/http/request-id";

export function proxy(req: NextRequest) {
  const csp = pagePolicy(newNonce(), process.env.NODE_ENV !== "production");
  const headers = new Headers(req.headers);
  headers.set("x-zhiji-path", req.nextUrl.pathname + req.nextUrl.search);
  headers.set("content-security-policy", csp);
  // Pages' log lines (lib/log.ts) carry this id: the reverse proxy's, or a new one.
  const requestId = requestIdFrom(req.headers.get(REQUEST_ID_HEADER));
  headers.set(REQUEST_ID_HEADER, requestId);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set(REQUEST_ID_HEADER, requestId);
  res.headers.set("content-security-policy", csp);
  for (const [k, v] of Object.entries(transportSecurity(process.env.ZHIJI_PUBLIC_URL))) res.headers.set(k, v);
  return res;
}

export const config = { matcher: ["/((?!api|_next|favicon.ico).*)"] };
