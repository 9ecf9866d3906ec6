// The complainant's status page (public): the reference from the address, the token from a POSTed
// form. Nothing is shown before the token is given, so a reference alone reveals nothing.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Header } from "@/app/_components/header";
import { getSessionUser } from "@/lib/auth/session";
import { normalizeReference, REFERENCE_PATTERN } from "@/lib/complaints/secrets";
import { TrackForm } from "../_components/track-form";

type Props = { params: Promise<{ reference: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations("complaints.track");
  return { title: `${t("title", { reference: normalizeReference(decodeURIComponent((await params).reference)) })} — Zhiji 智级`, robots: { index: false } };
}

export default async function ComplaintStatusPage({ params }: Props) {
  const reference = normalizeReference(decodeURIComponent((await params).reference));
  // Only the shape is checked here: whether it exists is told only with the right token.
  if (!REFERENCE_PATTERN.test(reference)) notFound();
  const [user, t] = await Promise.all([getSessionUser(), getTranslations("complaints.track")]);
  return (
    <>
      <Header user={user} />
      <main className="mx-auto max-w-2xl px-4 py-6">
        <h1 className="mb-4 break-all text-2xl font-bold" data-testid="complaint-title">{t("title", { reference })}</h1>
        <TrackForm reference={reference} />
      </main>
    </>
  );
}
