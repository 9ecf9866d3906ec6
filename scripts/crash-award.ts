// Helper of lib/certificates/crash.test.ts: sends AWARD through the one door, announces that the
// transaction committed, then waits to be killed — so the test can stop the process with SIGKILL
// after the award and before any certificate was issued (run with ZHIJI_WORKER=0).
//   node --import tsx scripts/crash-award.ts <caseId> <ministryUserId> <level>
import "../lib/outside-next";
import { db } from "../lib/db";
import { applyEvent } from "../lib/cases/apply-event";
import type { Role, SessionUser } from "../lib/permissions";

async function main() {
  const [caseId, userId, level] = process.argv.slice(2);
  if (!caseId || !userId || !level) throw new Error("usage: crash-award.ts <caseId> <ministryUserId> <level>");
  const u = await db().user.findUniqueOrThrow({ where: { id: userId }, include: { organization: true } });
  const user: SessionUser = { id: u.id, email: u.email, name: u.name, role: u.role as Role, organizationId: u.organizationId, organizationName: u.organization.name };
  const c = await db().case.findUniqueOrThrow({ where: { id: caseId } });
  const result = await applyEvent(user, { caseId, type: "AWARD", expectedVersion: c.version, payload: { level } });
  process.stdout.write(`AWARD_COMMITTED pid=${process.pid} state=${result.state}\n`);
  // Hold the process (and its database connection) open until the test kills it.
  setInterval(() => {}, 60_000);
}

main().catch((e) => {
  process.stderr.write(`crash-award failed: ${e instanceof Error ? e.stack : e}\n`);
  process.exit(1);
});
