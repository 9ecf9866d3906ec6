// The refusal a use case answers with, for tests: the AppError its promise rejects with.
import { AppError } from "@/lib/errors";

/** The AppError `p` rejects with; the test fails when it resolves or rejects with anything else. */
export async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected the call to be refused");
}
