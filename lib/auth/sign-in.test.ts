import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { db } from "@/lib/db";
import { ensureOrganization, ensureUser, uniqueSuffix } from "@/prisma/seed/factories";
import { checkSignIn, WRONG_CREDENTIALS } from "./sign-in";
import { THROTTLE_WINDOW_MS } from "./throttle";
import { lockedForMinutes, accountKey } from "./throttle";
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

  it("locks an account after five failures in 15 minutes, even from other addresses and with the right password", async () => {
    const u = await makeUser();
    for (let i = 0; i < 5; i++) await expect(checkSignIn(u.email, "nope", `10.1.0.${i}`)).rejects.toThrow(WRONG_CREDENTIALS);
    await expect(checkSignIn(u.email, "correct-horse-battery", "10.1.1.1")).rejects.toThrow(/^Too many failed sign-ins\. Try again in 1[45] minutes\.$/);
    // The lock lifts when the window has passed.
    const later = new Date(Date.now() + THROTTLE_WINDOW_MS + 1000);
    expect(await lockedForMinutes(db(), [accountKey(u.email)], later)).toBe(0);
  });

  it("locks an address after five failures across accounts", async () => {
    const users = await Promise.all([1, 2, 3, 4, 5, 6].map(() => makeUser()));
    for (const u of users.slice(0, 5)) await expect(checkSignIn(u.email, "nope", "10.2.0.1")).rejects.toThrow(WRONG_CREDENTIALS);
    await expect(checkSignIn(users[5].email, "correct-horse-battery", "10.2.0.1")).rejects.toThrow(/Too many failed sign-ins/);
    await expect(checkSignIn(users[5].email, "correct-horse-battery", "10.2.0.2")).resolves.toMatchObject({ id: users[5].id });
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
