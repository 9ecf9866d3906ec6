// Every type of event the audit chain records, as one typed list: appendAuditEvent takes only
// these, and the audit explorer offers all of them as filters. Pure.
import { EVENT_TYPES } from "./certification/rules";

export const AUDIT_EVENT_TYPES = [
  // A case's life: its creation, its lifecycle events (the machine's), and its side records.
  "CASE_CREATED",
  "APPLICATION_UPDATED",
  ...EVENT_TYPES,
  "LAB_REPORT_SAVED",
  "EVIDENCE_ADDED",
  "CERTIFICATE_ISSUED",
  "DECISION_LETTER_ISSUED",
  // Experts' conflict declarations (no case: caseId null).
  "CONFLICT_DECLARED",
  "CONFLICT_WITHDRAWN",
  // Complaints (workflows/complaint): on the case complained about, the reference in the payload.
  "COMPLAINT_RECEIVED",
  "COMPLAINT_TRIAGED",
  "COMPLAINT_CLOSED",
  // After-care (workflows/aftercare): on the certified case, the change case's id in the payload.
  "CHANGE_REPORTED",
  "SURVEILLANCE_OPENED",
  "CHANGE_CLASSIFIED",
  "CHANGE_REPORT_SAVED",
  "CHANGE_REPORT_SUBMITTED",
  "CHANGE_CONCLUDED",
  "CHANGE_WITHDRAWN",
  // Proficiency testing (no case: caseId null; the round's id in the payload).
  "PT_ROUND_CREATED",
  "PT_RESULT_SUBMITTED",
  "PT_ROUND_CLOSED",
  // Oversight.
  "FINDING_RECORDED",
  "FINDING_ANSWERED",
  "FINDING_CLOSED",
  "PILOT_STAGE_LIMITS_SET",
  // Pilot management (docs/domain.md#pilots; no case: caseId null, the pilot's id in the payload).
  "PILOT_CREATED",
  "PILOT_APPROVED",
  "PILOT_OPENED",
  "PILOT_CLOSED",
  // Opt-in publication of a certified case's results (on the case).
  "RESULTS_PUBLISHED",
  "RESULTS_WITHDRAWN",
  "SCHEME_DRAFT_CREATED",
  // A terminal category added by the secretariat (docs/domain.md#categories; the key in the payload).
  "CATEGORY_ADDED",
  "SCHEME_DRAFT_UPDATED",
  // Scheme governance (docs/domain.md#scheme-governance; no case: schemeId and version in the payload).
  "SCHEME_PROPOSED",
  "SCHEME_COMMENT_PERIOD_SET",
  "SCHEME_COMMENTED",
  "SCHEME_COMMENT_ANSWERED",
  "SCHEME_APPROVED",
  "SCHEME_PUBLISHED",
  // Sign-in, accounts and tokens.
  "SIGN_IN",
  "SIGN_IN_FAILED",
  "SECOND_FACTOR_FAILED",
  "USER_PASSWORD_CHANGED",
  "USER_PASSWORD_SET",
  "USER_TOTP_ENABLED",
  "USER_TOTP_DISABLED",
  "USER_RECOVERY_CODE_USED",
  "USER_RECOVERY_CODES_RENEWED",
  "API_TOKEN_CREATED",
  "API_TOKEN_REVOKED",
  // Administration.
  "ADMIN_USER_CREATED",
  "ADMIN_USER_DISABLED",
  "ADMIN_USER_ENABLED",
  "ADMIN_USER_OIDC_UNLINKED",
  "ADMIN_ROLE_CHANGED",
  "ADMIN_SET_PASSWORD_LINK_ISSUED",
  "ADMIN_ORG_CREATED",
  "ADMIN_ORG_RENAMED",
  "ADMIN_AFFILIATION_ADDED",
  "ADMIN_AFFILIATION_REMOVED",
  "ADMIN_ACCREDITATION_SET",
  "ADMIN_ACCREDITATION_REMOVED",
  "ADMIN_OUTBOX_JOB_RETRIED",
] as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

export function isAuditEventType(value: unknown): value is AuditEventType {
  return typeof value === "string" && (AUDIT_EVENT_TYPES as readonly string[]).includes(value);
}
