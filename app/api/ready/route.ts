import { NextResponse } from "next/server";
import { readiness } from "@/lib/ops/readiness";

// Readiness (docs/deploy.md): database, migrations, storage, signing key. 200 when all pass, 503
// naming the failing checks. Public; the checks are bounded and cached for a few seconds
// (lib/ops/readiness.ts), and the answer carries no messages, paths or secrets.
export async function GET() {
  const r = await readiness();
  return NextResponse.json(r, { status: r.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
