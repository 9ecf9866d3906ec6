import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { db } from "@/lib/db";
import { ensureOrganization, ensureUser, uniqueSuffix } from "@/prisma/seed/factories";
import { checkSignIn, WRONG_CREDENTIALS } from "./sign-in";
import { PAIR_POLICY } from "./throttle";
import { resetEnvCache } from "@/lib/env";

let t: TestDatabase;
beforeAll(async () => {
  t = await useFreshDatabase();
});
afterAll(async () => t.drop());

async function makeUser(password = "correct-horse-battery") {
  const org = await ensureOrganization(db(), { name: `Org ${uniqueSuffix()}`, kind: "vendor" });
  return ensureUser(db(), { email: `u-${uniqueSuffix()}@test.zhiji`, name: "U", role: "vendor", organizationId: org.id, password });
}

describe("sign-in", () => {
  it("stores passwords as bcrypt hashes of cost 10 or more", async () => {
    const u = await makeUser();
    expect(u.passwordHash).toMatch(/^\$2[aby]\$(1\d|[2-9]\d)\$/);
  });

  it("accepts the right password and refuses a wrong one and an unknown email with the same message", async () => {
    const u = await makeUser();
    await expect(checkSignIn(u.email, "correct-horse-battery", "10.0.0.1")).resolves.toMatchObject({ id: u.id });
    await expect(checkSignIn(u.email, "wrong", "10.0.0.1")).rejects.toThrow(WRONG_CREDENTIALS);
    await expect(checkSignIn(`nobody-${uniqueSuffix()}@test.zhiji`, "wrong", "10.0.0.1")).rejects.toThrow(WRONG_CREDENTIALS);
  });

  it("slows guessing on one account from one address; the right password from another address still works", async () => {
    const u = await makeUser();
    for (let i = 0; i < PAIR_POLICY.free; i++) await expect(checkSignIn(u.email, "nope", "10.1.0.1")).rejects.toThrow(WRONG_CREDENTIALS);
    // The guesser now waits, even with the right password; a changed X-Forwarded-For is no other address.
    await expect(checkSignIn(u.email, "correct-horse-battery", "10.1.0.1")).rejects.toThrow(/^Too many failed sign-ins\. Try again in \d+ seconds?\.$/);
    // The owner, elsewhere, is not locked out by someone else's guesses.
    await expect(checkSignIn(u.email, "correct-horse-battery", "10.1.1.1")).resolves.toMatchObject({ id: u.id });
  });

  it("refuses demo users in production unless ZHIJI_ALLOW_DEMO=1", async () => {
    const org = await ensureOrganization(db(), { name: `Org ${uniqueSuffix()}`, kind: "vendor" });
    const demo = await ensureUser(db(), { email: `demo-${uniqueSuffix()}@demo.zhiji`, name: "D", role: "vendor", organizationId: org.id, password: "zhiji-demo-2026", isDemo: true });
    // A complete production configuration (lib/env.ts refuses an unsafe one before any sign-in).
    const production = {
      NODE_ENV: "production",
      ZHIJI_SESSION_SECRET: "x".repeat(40),
      ZHIJI_PUBLIC_URL: "https://zhiji.example.cn",
      ZHIJI_SIGNING_P12_PATH: "/etc/zhiji/signer.p12",
      ZHIJI_SIGNING_CA_PEM_PATH: "/etc/zhiji/ca.pem",
    };
    const saved = Object.fromEntries(["ZHIJI_ALLOW_DEMO", ...Object.keys(production)].map((k) => [k, process.env[k]]));
    const env = process.env as Record<string, string | undefined>;
    try {
      Object.assign(env, production);
      env.ZHIJI_ALLOW_DEMO = "0";
      resetEnvCache();
      await expect(checkSignIn(demo.email, "zhiji-demo-2026", "10.4.0.1")).rejects.toThrow("Demo accounts are disabled on this portal.");
      env.ZHIJI_ALLOW_DEMO = "1";
      resetEnvCache();
      await expect(checkSignIn(demo.email, "zhiji-demo-2026", "10.4.0.1")).resolves.toMatchObject({ id: demo.id });
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete env[k];
        else env[k] = v;
      }
      resetEnvCache();
    }
  });

  it("refuses a disabled account", async () => {
    const u = await makeUser();
    await db().user.update({ where: { id: u.id }, data: { disabled: true } });
    await expect(checkSignIn(u.email, "correct-horse-battery", "10.3.0.1")).rejects.toThrow(/disabled/);
  });
});
