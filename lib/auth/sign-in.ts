// Checks a sign-in: throttle first, then the password; one message for every kind of wrong.
import { db } from "@/lib/db";
import { checkPassword, burnPasswordCheck } from "@/lib/auth/password";
import { accountKey, addressKey, lockedForMinutes, recordAttempt } from "@/lib/auth/throttle";
import { demoUsersAllowed } from "@/lib/auth/demo";

export const WRONG_CREDENTIALS = "Email or password is incorrect.";

export class SignInRefused extends Error {}

export async function checkSignIn(emailRaw: string, password: string, address: string) {
  const email = emailRaw.trim().toLowerCase();
  const keys = [accountKey(email), addressKey(address)];
  const database = db();
  const wait = await lockedForMinutes(database, keys);
  if (wait > 0) {
    throw new SignInRefused(`Too many failed sign-ins. Try again in ${wait} minute${wait === 1 ? "" : "s"}.`);
  }
  const user = await database.user.findUnique({ where: { email }, include: { organization: true } });
  const ok = user ? await checkPassword(password, user.passwordHash) : await burnPasswordCheck(password);
  if (!user || !ok) {
    await recordAttempt(database, keys, false);
    throw new SignInRefused(WRONG_CREDENTIALS);
  }
  if (user.disabled) throw new SignInRefused("This account is disabled. Ask the portal's administrator.");
  if (user.isDemo && !demoUsersAllowed()) throw new SignInRefused("Demo accounts are disabled on this portal.");
  await recordAttempt(database, keys, true);
  return user;
}
