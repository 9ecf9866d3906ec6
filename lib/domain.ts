// The app's one door to the pure domain in workflows/: pages, actions and components import the
// certification vocabulary from here, never from workflows/ directly (eslint.config.mjs enforces
// it). Keep this module free of the database and of secrets: client components import it too, so it
// re-exports the pure modules one by one (not the XState machine).
import "./zod-jitless";

export {
  LEVELS,
  levelRank,
  compareLevels,
  isLevel,
  levelsUpTo,
  USER_ROLES,
  ROLES,
  PANEL_BAR_REASONS,
  type Level,
  type Role,
  type UserRole,
  type Actor,
  type CaseContext,
  type EventType,
  type Recommendation,
  type Verdict,
} from "@/workflows/certification/types";
export {
  DAY_MS,
  EVENT_ROLES,
  mayRoleSend,
  reportRound,
  APPEAL_WINDOW_DAYS,
  SUSPENSION_MAX_DAYS,
  appealDeadline,
  STAGES,
  stageOf,
  parseStageLimits,
  stageDue,
  type Stage,
  type StageLimits,
} from "@/workflows/certification/policy";
export { EVENT_TYPES, EVENT_SOURCES, STATES, FINAL_STATES, type StateString } from "@/workflows/certification/rules";
export {
  DOMAIN_CODES,
  DOMAIN_ERRORS,
  englishMessage,
  isDomainCode,
  zodIssueRef,
  zodFields,
  type DomainCode,
  type DomainParams,
  type DomainRef,
  type ParamValue,
} from "@/workflows/errors";
// The events' payload schemas: the case page's forms validate with them in the browser too.
export { eventPayloadSchemas } from "@/workflows/certification/schemas";
export { AUDIT_EVENT_TYPES, isAuditEventType, type AuditEventType } from "@/workflows/audit-events";
export { COMPLAINT_OUTCOMES, COMPLAINT_STATES, type ComplaintOutcome, type ComplaintState } from "@/workflows/complaint/types";
// After-care's vocabulary and the bounds its forms check in the browser (docs/domain.md#after-care).
export {
  CHANGE_KINDS,
  REPORTED_CHANGE_KINDS,
  CHANGE_STATES,
  CHANGE_OPEN_STATES,
  CHANGE_FINAL_STATES,
  CHANGE_EVENT_TYPES,
  CHANGE_CLASSIFICATIONS,
  CHANGE_OUTCOMES,
  type ChangeKind,
  type ChangeState,
  type ChangeEventType,
  type ChangeOutcome,
} from "@/workflows/aftercare/types";
export { CHANGE_TEXT_MAX, CHANGE_VERSION_MAX, CHANGE_ITEMS_MAX } from "@/workflows/aftercare/rules";
