"use server";
// Thin: the public complaint forms. Filing takes the client address for the per-address limit and
// the signed-in person, if any; tracking takes the token from the POSTed form (never the URL).
// Refusals come back in the reader's language from their codes.
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { AppError } from "@/lib/errors";
import { getSessionUser } from "@/lib/auth/session";
import { clientAddress } from "@/lib/http/client-address";
import { fileComplaint } from "@/lib/complaints/file-complaint";
import { trackComplaint } from "@/lib/complaints/track-complaint";
import { errorTexts } from "@/app/(portal)/_lib/error-text";
import type { FileState, TrackState } from "./_components/state";

const FIELDS = ["publicId", "certificateNumber", "subject", "text", "contact"] as const;

function text(formData: FormData, name: string): string {
  const v = formData.get(name);
  return typeof v === "string" ? v : "";
}

async function refusal(e: unknown): Promise<{ fieldErrors: Record<string, string>; formError: string }> {
  if (!(e instanceof AppError)) throw e;
  const texts = await errorTexts();
  const t = await getTranslations("complaints.form");
  const fieldErrors = texts.fields(e);
  const formError = e.reason === "INVALID_REQUEST" ? t("checkFields") : (texts.message(e) ?? e.message);
  return { fieldErrors, formError };
}

export async function fileComplaintAction(_prev: FileState, formData: FormData): Promise<FileState> {
  const values = Object.fromEntries(FIELDS.map((f) => [f, text(formData, f)])) as Record<(typeof FIELDS)[number], string>;
  try {
    const [user, h] = await Promise.all([getSessionUser(), headers()]);
    const r = await fileComplaint(
      {
        publicId: values.publicId || undefined,
        certificateNumber: values.certificateNumber || undefined,
        subject: values.subject,
        text: values.text,
        contact: values.contact || undefined,
      },
      { address: clientAddress(h as unknown as Headers), user },
    );
    return { ok: true, reference: r.reference, token: r.trackingToken };
  } catch (e) {
    return { ok: false, ...(await refusal(e)), values };
  }
}

export async function trackComplaintAction(_prev: TrackState, formData: FormData): Promise<TrackState> {
  try {
    return { ok: true, status: await trackComplaint(text(formData, "reference"), text(formData, "token")) };
  } catch (e) {
    return { ok: false, ...(await refusal(e)) };
  }
}
