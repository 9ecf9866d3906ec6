import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";

/** A page's data, or the 404 page when the use case says it does not exist for this user. */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (e) {
    if (e instanceof AppError && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) notFound();
    throw e;
  }
}
