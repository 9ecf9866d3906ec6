"use server";
// Thin: the public complaint forms. Filing takes the client address for the per-address limit and
// the signed-in person, if any; tracking takes the token from the POSTed form (never the URL).
// Each parses its form with the schema the browser validated with (./_components/schemas.ts);
// refusals come back as codes, read in the reader's language (docs/decisions/0009-forms-conform-zod.md).
import { headers } from "next/headers";
import { getSessionUser } from "@/lib/auth/session";
import { clientAddress } from "@/lib/http/client-address";
import { fileComplaint } from "@/lib/complaints/file-complaint";
import { trackComplaint } from "@/lib/complaints/track-complaint";
import { parseForm } from "@/app/_components/ui/form-codes";
import { refusalReply } from "@/app/(portal)/_lib/form-reply";
import { FileComplaintFields, TrackComplaintFields } from "./_components/schemas";
import type { FileState, TrackState } from "./_components/state";

export async function fileComplaintAction(_prev: FileState | undefined, formData: FormData): Promise<FileState> {
  const submission = parseForm(formData, FileComplaintFields);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  const v = submission.value;
  try {
    const [user, h] = await Promise.all([getSessionUser(), headers()]);
    const r = await fileComplaint(
      {
        publicId: v.publicId || undefined,
        certificateNumber: v.certificateNumber || undefined,
        subject: v.subject,
        text: v.text,
        contact: v.contact || undefined,
      },
      { address: clientAddress(h as unknown as Headers), user },
    );
    return { ...submission.reply({ resetForm: true }), ok: true, reference: r.reference, token: r.trackingToken };
  } catch (e) {
    return refusalReply(submission, e);
  }
}

export async function trackComplaintAction(_prev: TrackState | undefined, formData: FormData): Promise<TrackState> {
  const submission = parseForm(formData, TrackComplaintFields);
  if (submission.status !== "success") return { ...submission.reply({ hideFields: ["token"] }), ok: false };
  try {
    const status = await trackComplaint(submission.value.reference, submission.value.token);
    return { ...submission.reply({ hideFields: ["token"] }), ok: true, complaint: status };
  } catch (e) {
    return refusalReply(submission, e, { hideFields: ["token"] });
  }
}
