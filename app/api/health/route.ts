import { NextResponse } from "next/server";

// Liveness (docs/deploy.md): the process is up and answers. Public, no database, no secrets.
export function GET() {
  return NextResponse.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
