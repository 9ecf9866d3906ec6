// Set-password links go to the person by mail; a production portal never shows them to the
// administrator; the audit chain names who issued a link and ties the password set with it to them.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { verifyAuditChain } from "@/lib/audit/chain";
import type { SessionUser } from "@/lib/permissions";
import { uniqueSuffix } from "@/prisma/seed/factories";
import { makeOrg, makeSessionUser } from "@/test/users";
import { createUser } from "./create-user";
import { issueSetPasswordLink } from "./issue-set-password-link";
import { setPasswordWithLink } from "@/lib/auth/set-password";

let t: TestDatabase;
let admin: SessionUser;
beforeAll(async () => {
  t = await useFreshDatabase();
  admin = await makeSessionUser("admin");
});
afterAll(async () => t.drop());

const PRODUCTION = {
  NODE_ENV: "production",
  ZHIJI_SESSION_SECRET: "p".repeat(40),
  ZHIJI_PUBLIC_URL: "https://zhiji.example.cn",
  ZHIJI_SIGNING_P12_PATH: "/etc/zhiji/signer.p12",
  ZHIJI_SIGNING_CA_PEM_PATH: "/etc/zhiji/ca.pem",
  ZHIJI_ALLOW_DEMO: "0",
};
const saved = Object.fromEntries(Object.keys(PRODUCTION).map((k) => [k, process.env[k]]));
function asProduction(demo = false) {
  Object.assign(process.env, PRODUCTION, demo ? { ZHIJI_ALLOW_DEMO: "1" } : {});
  resetEnvCache();
}
afterEach(() => {
  const env = process.env as Record<string, string | undefined>;
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  resetEnvCache();
});

async function mailsTo(email: string) {
  const jobs = await db().outboxJob.findMany({ where: { kind: "mail" }, orderBy: { createdAt: "asc" } });
  return jobs.map((j) => JSON.parse(j.payload) as { to: string; subject: string; text: string }).filter((m) => m.to === email);
}

const tokenIn = (text: string) => text.match(/\/set-password\/([A-Za-z0-9_-]{43})/)?.[1];

async function newPerson() {
  const org = await makeOrg("vendor");
  const u = await db().user.create({ data: { email: `p-${uniqueSuffix()}@test.zhiji`, name: "Pat", role: "vendor", organizationId: org.id } });
  return u;
}

describe("set-password links", () => {
  it("in production the link is mailed to the person, never returned to the admin, and the chain says who issued it", async () => {
    const person = await newPerson();
    asProduction();
    const r = await issueSetPasswordLink(admin, { userId: person.id });
    expect(r).not.toHaveProperty("setPasswordUrl");
    expect(r.mailedTo).toBe(person.email);

    const mails = await mailsTo(person.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).not.toMatch(/[\r\n]/);
    const token = tokenIn(mails[0].text);
    expect(token).toBeDefined();
    expect(mails[0].text).toContain(`https://zhiji.example.cn/set-password/${token}`);

    const issued = await db().auditEvent.findFirstOrThrow({ where: { type: "ADMIN_SET_PASSWORD_LINK_ISSUED" }, orderBy: { seq: "desc" } });
    expect(issued.actorId).toBe(admin.id);
    expect(issued.actorRole).toBe("admin");
    const payload = JSON.parse(issued.payload);
    expect(payload).toMatchObject({ userId: person.id, email: person.email, delivery: "mail" });
    // The audit record names the link without carrying it.
    expect(issued.payload).not.toContain(token!);

    // The person sets the password: recorded as their act, through the link that admin issued.
    await setPasswordWithLink(token!, { password: "a-new-password-1", confirm: "a-new-password-1" });
    const set = await db().auditEvent.findFirstOrThrow({ where: { type: "USER_PASSWORD_SET" }, orderBy: { seq: "desc" } });
    expect(set.actorId).toBe(person.id);
    expect(JSON.parse(set.payload)).toMatchObject({ userId: person.id, via: "set-password link", linkIssuedBy: admin.id, linkIssuedInSeq: issued.seq });
  });

  it("a new account's first link is mailed too, and not returned in production", async () => {
    asProduction();
    const org = await makeOrg("lab");
    const email = `new-${uniqueSuffix()}@test.zhiji`;
    const r = await createUser(admin, { email, name: "Lee", role: "lab", organizationId: org.id });
    expect(r).not.toHaveProperty("setPasswordUrl");
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(1);
    const token = tokenIn(mails[0].text)!;
    await setPasswordWithLink(token, { password: "first-password-1", confirm: "first-password-1" });
    const set = await db().auditEvent.findFirstOrThrow({ where: { type: "USER_PASSWORD_SET" }, orderBy: { seq: "desc" } });
    expect(JSON.parse(set.payload)).toMatchObject({ userId: r.user.id, linkIssuedBy: admin.id });
  });

  it("the demo still shows the link (and mails it)", async () => {
    const person = await newPerson();
    asProduction(true);
    const r = await issueSetPasswordLink(admin, { userId: person.id });
    expect(r.setPasswordUrl).toMatch(/\/set-password\/[A-Za-z0-9_-]{43}$/);
    const mails = await mailsTo(person.email);
    expect(mails.map((m) => tokenIn(m.text))).toEqual([r.setPasswordUrl!.split("/set-password/")[1]]);
    const issued = await db().auditEvent.findFirstOrThrow({ where: { type: "ADMIN_SET_PASSWORD_LINK_ISSUED" }, orderBy: { seq: "desc" } });
    expect(JSON.parse(issued.payload)).toMatchObject({ userId: person.id, delivery: "mail and screen" });
  });

  it("leaves the audit chain whole", async () => {
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });
});
