"use client";
// An unexpected error in a portal page: the header and navigation stay, the page says so.
import { ErrorView } from "@/app/_components/error-view";

export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorView digest={error.digest} retry={reset} />;
}
