import "server-only";
import bcrypt from "bcryptjs";

// bcrypt cost 10: ~70 ms per check here; the issue asks for at least 10.
export const BCRYPT_COST = 10;

export const hashPassword = (plain: string) => bcrypt.hash(plain, BCRYPT_COST);
export const checkPassword = (plain: string, hash: string | null | undefined) =>
  hash ? bcrypt.compare(plain, hash) : Promise.resolve(false);

// A hash of nothing in particular, compared against when the email is unknown so that an unknown
// account takes as long to refuse as a wrong password.
const DUMMY_HASH = "$2b$10$CwTycUXWue0Thq9StjUM0uJ8.Nq5J3fQ2Fz6p8nVZ9Qy6nX1f1v9C";
export const burnPasswordCheck = (plain: string) => bcrypt.compare(plain, DUMMY_HASH).then(() => false);

export function passwordProblem(plain: string): string | null {
  if (plain.length < 10) return "Password must be at least 10 characters";
  if (plain.length > 200) return "Password must be at most 200 characters";
  return null;
}
