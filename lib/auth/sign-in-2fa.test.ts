// Sign-in of an account with a second factor: the password alone answers TOTP_REQUIRED (the page
// then asks for the code), a wrong or replayed code TOTP_INVALID, the right one signs in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { makeSessionUser } from "@/test/users";
import { authOptions } from "./options";
import { confirmEnrolment, currentCode, startEnrolment } from "./totp";

let t: TestDatabase;
beforeAll(async () => {
  t = await useFreshDatabase();
});
afterAll(async () => t.drop());

type Authorize = (credentials: Record<string, string> | undefined, req: { headers: Record<string, string> }) => Promise<{ id: string } | null>;
const authorize = () => (authOptions().providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;
const req = { headers: { "x-forwarded-for": "10.9.0.1" } };

async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).message;
  }
  return "signed in";
}

describe("two-step sign-in", () => {
  it("asks for the code after a right password, refuses a wrong or reused one, accepts the current one", async () => {
    const password = "a-password-for-2fa";
    const user = await makeSessionUser("secretariat", { password });
    const { secret } = await startEnrolment(user);
    const now = Date.now();
    await confirmEnrolment(user, { code: await currentCode(secret, new Date(now - 60_000)) }, new Date(now - 60_000));

    const signIn = (extra: Record<string, string> = {}) => authorize()({ email: user.email, password, ...extra }, req);
    expect(await rejection(signIn())).toBe("TOTP_REQUIRED");
    expect(await rejection(signIn({ code: "" }))).toBe("TOTP_REQUIRED");
    const code = await currentCode(secret);
    const wrong = code === "123456" ? "654321" : "123456";
    expect(await rejection(signIn({ code: wrong }))).toBe("TOTP_INVALID");
    // A wrong password never reaches the code.
    expect(await rejection(authorize()({ email: user.email, password: "not-the-password", code }, req))).toMatch(/^Email or password/);

    await expect(signIn({ code })).resolves.toMatchObject({ id: user.id });
    expect(await rejection(signIn({ code }))).toBe("TOTP_INVALID");
  });

  it("an account without a second factor signs in with the password alone", async () => {
    const user = await makeSessionUser("vendor", { password: "plain-password-1" });
    await expect(authorize()({ email: user.email, password: "plain-password-1" }, req)).resolves.toMatchObject({ id: user.id });
  });
});
