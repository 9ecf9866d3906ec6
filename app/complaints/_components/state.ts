import type { ComplaintStatus } from "@/lib/complaints/schemas";
import type { FormResult } from "@/app/(portal)/_lib/form-reply";

/** What the filing form's action returns: the reference and token once, or the refusal's codes. */
export type FileState = FormResult & { reference?: string; token?: string };

/** What the tracking form's action returns: the complaint's public status, or the refusal's codes. */
export type TrackState = FormResult & { complaint?: ComplaintStatus };
