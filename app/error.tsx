"use client";
// An unexpected error in a page outside the portal's chrome (sign-in, registry, verify): the
// root layout still stands, so the message is translated.
import { ErrorView } from "@/app/_components/error-view";

export default function RootError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-6xl px-4 py-10">
      <ErrorView digest={error.digest} retry={reset} />
    </main>
  );
}
