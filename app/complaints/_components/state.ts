import type { ComplaintStatus } from "@/lib/complaints/schemas";

/** What the filing form's action returns: the reference and token once, or the refusal. */
export type FileState = {
  ok: boolean;
  reference?: string;
  token?: string;
  fieldErrors?: Record<string, string>;
  formError?: string;
  values?: Record<string, string>;
};

export type TrackState = { ok: boolean; status?: ComplaintStatus; fieldErrors?: Record<string, string>; formError?: string };
