// The one vocabulary of refusals: every domain code, the HTTP-level code it is sent with, its
// parameters and its English message (the API's `message`). People read the same code rendered
// from messages/<locale>/errors.json with the same parameters; a test keeps both in step.
// Pure: no I/O, no imports from lib/.

/** The HTTP-level codes (lib/errors.ts maps them to statuses). */
export type HttpErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "INVALID_INPUT"
  | "RATE_LIMITED"
  | "INTERNAL";

type Spec = { http: HttpErrorCode; en: string; params: readonly string[] };

const spec = <const P extends readonly string[]>(http: HttpErrorCode, en: string, params: P) => ({ http, en, params });

export const DOMAIN_ERRORS = {
  // --- who may send an event -------------------------------------------------------------
  NO_ACTOR: spec("FORBIDDEN", "The event has no actor.", []),
  ROLE_MAY_NOT_SEND: spec("FORBIDDEN", "Your role ({role}) may not send {event}.", ["role", "event"]),
  NOT_PERMITTED: spec("FORBIDDEN", "Your role ({role}) may not do this ({permission}).", ["role", "permission"]),
  SIGN_IN_REQUIRED: spec("UNAUTHENTICATED", "Sign in first.", []),
  NOT_CASE_VENDOR: spec("FORBIDDEN", "This case belongs to another organisation.", []),
  LAB_NOT_ASSIGNED: spec("FORBIDDEN", "Your lab is not assigned to this case.", []),
  NOT_ACTIVE_PANELIST: spec("FORBIDDEN", "You are not an active member of this case's panel.", []),
  DECIDER_ON_PANEL: spec("FORBIDDEN", "A member of the case's panel may not decide it.", []),
  APPEAL_JUDGE_DENIED: spec("FORBIDDEN", "The ministry user who took the decision appealed may not decide its appeal.", []),
  // --- the state of the case ----------------------------------------------------------------
  UNKNOWN_EVENT: spec("CONFLICT", "Unknown event {event}.", ["event"]),
  EVENT_NOT_ALLOWED_IN_STATE: spec("CONFLICT", "{event} is not possible while the case is in {state}.", ["event", "state"]),
  VERSION_MISMATCH: spec(
    "CONFLICT",
    "The case changed since you loaded it (version {currentVersion}, you sent {sentVersion}); reload and try again.",
    ["currentVersion", "sentVersion"],
  ),
  CASE_CHANGED: spec("CONFLICT", "The case changed while your request was being handled; reload and try again.", []),
  ALREADY_VOTED: spec("CONFLICT", "You have already voted in this round.", []),
  NO_LAB_LEVEL: spec("CONFLICT", "The case has no lab-determined level.", []),
  CERTIFICATE_STILL_VALID: spec("CONFLICT", "The certificate is valid until {validUntil}.", ["validUntil"]),
  ALREADY_APPEALED: spec("CONFLICT", "This decision has already been appealed; each decision may be appealed once.", []),
  NOTHING_TO_APPEAL: spec(
    "CONFLICT",
    "There is no decision to appeal: a denial, a screening rejection, an award below the level applied for, a downgrade, a suspension or a revocation can be appealed.",
    [],
  ),
  APPEAL_WINDOW_CLOSED: spec("CONFLICT", "The {days}-day appeal window closed on {deadline}.", ["days", "deadline"]),
  PRODUCT_FROZEN: spec(
    "CONFLICT",
    "This product is part of a submitted or certified application and can no longer be changed; start a new application to describe a new version.",
    [],
  ),
  // --- payload and facts ----------------------------------------------------------------------
  INVALID_REQUEST: spec("INVALID_INPUT", "The request is not valid.", []),
  INVALID_EVENT_TIME: spec("INVALID_INPUT", "The event has no valid time.", []),
  FIELD_REQUIRED: spec("INVALID_INPUT", "Required.", []),
  FIELD_INVALID: spec("INVALID_INPUT", "This value is not valid.", []),
  ONE_LINE: spec("INVALID_INPUT", "One line of text, without line breaks or control characters.", []),
  DRAFT_ONLY: spec("CONFLICT", "Only a draft application can be edited.", []),
  APPLICATION_INCOMPLETE: spec("INVALID_INPUT", "The application is incomplete.", []),
  CORRECT_BY_IN_PAST: spec("INVALID_INPUT", "The date to correct by must be after the suspension.", []),
  CORRECT_BY_TOO_FAR: spec("INVALID_INPUT", "The date to correct by may be at most {days} days ahead (until {latest}).", ["days", "latest"]),
  EVIDENCE_NOT_NOW: spec(
    "CONFLICT",
    "Evidence is added by the assigned lab while the case is in testing, or by the vendor while it is suspended (it is {state}).",
    ["state"],
  ),
  REINSTATE_NEEDS_EVIDENCE: spec("INVALID_INPUT", "Reinstatement needs at least one piece of the vendor's corrective evidence.", []),
  EVIDENCE_NOT_CORRECTIVE: spec(
    "INVALID_INPUT",
    "Evidence {evidenceId} is not corrective evidence uploaded for this case since its suspension.",
    ["evidenceId"],
  ),
  LEVEL_NOT_BELOW_AWARDED: spec("INVALID_INPUT", "A downgrade must be below the level awarded ({awardedLevel}); {level} is not.", ["level", "awardedLevel"]),
  NO_LEVEL_MET: spec("INVALID_INPUT", "The lab report meets no level: the panel may recommend only reject or retest.", []),
  LAB_NOT_ACCREDITED: spec("INVALID_INPUT", "The lab is not accredited for category {category}.", ["category"]),
  LAB_IS_VENDOR: spec("INVALID_INPUT", "The lab may not be the vendor's own organisation.", []),
  LAB_UNKNOWN: spec("INVALID_INPUT", "{labId} is not a test lab.", ["labId"]),
  REPORT_INCOMPLETE: spec("INVALID_INPUT", "The lab report is incomplete.", []),
  REPORT_LEVEL_UNKNOWN: spec("INVALID_INPUT", "The lab report has no valid level.", []),
  LAB_REPORT_INVALID: spec("INVALID_INPUT", "The lab report has {errorCount} error(s); nothing was saved.", ["errorCount"]),
  // --- the report envelope and the lab's scope (docs/domain.md#lab-evidence) -----------------
  REPORT_ENVELOPE_INCOMPLETE: spec("INVALID_INPUT", "The report cannot be submitted yet: {missing}.", ["missing"]),
  ENVELOPE_FIELD_REQUIRED: spec("INVALID_INPUT", "The report's {field} is missing.", ["field"]),
  SAMPLE_VERSION_MISMATCH: spec("INVALID_INPUT", "The sample tested runs software {sampleVersion}, but the application is for {appliedVersion}.", ["sampleVersion", "appliedVersion"]),
  SAMPLE_MODELS_MISMATCH: spec("INVALID_INPUT", "The sample tested runs the models {sampleModels}, but the application discloses {disclosedModels}.", ["sampleModels", "disclosedModels"]),
  TEST_DATES_REVERSED: spec("INVALID_INPUT", "Testing ended ({testedTo}) before it began ({testedFrom}).", ["testedFrom", "testedTo"]),
  TEST_DATE_FUTURE: spec("INVALID_INPUT", "Testing cannot end after today ({today}); it ends {testedTo}.", ["testedTo", "today"]),
  LAB_SCOPE_EXCLUDES_ITEM: spec("INVALID_INPUT", "Your lab's accreditation does not cover {item} (test set {testSet}).", ["item", "testSet"]),
  ACCREDITATION_DATES_ORDER: spec("INVALID_INPUT", "The accreditation must end after it begins.", []),
  LAB_REPORT_NOT_FOUND: spec("NOT_FOUND", "The case has no submitted lab report yet.", []),
  PANEL_NOT_ASSIGNABLE: spec("INVALID_INPUT", "The panel cannot be assigned as proposed.", []),
  EXPERT_LISTED_TWICE: spec("INVALID_INPUT", "An expert is listed twice.", []),
  PANEL_TOO_SMALL: spec("INVALID_INPUT", "At least {needed} experts are needed, got {got}.", ["needed", "got"]),
  EXPERT_UNKNOWN: spec("INVALID_INPUT", "Unknown expert {expertId}.", ["expertId"]),
  EXPERT_NOT_ACTIVE: spec("INVALID_INPUT", "{expertId} is not an active expert.", ["expertId"]),
  EXPERT_AFFILIATED_VENDOR: spec("INVALID_INPUT", "Expert {expertId} is affiliated with the vendor.", ["expertId"]),
  EXPERT_AFFILIATED_LAB: spec("INVALID_INPUT", "Expert {expertId} is affiliated with the lab.", ["expertId"]),
  EXPERT_RECUSED: spec(
    "INVALID_INPUT",
    "Expert {expertId} recused from this case and may never sit on its panel again.",
    ["expertId"],
  ),
  EXPERT_ON_APPEALED_PANEL: spec(
    "INVALID_INPUT",
    "Expert {expertId} sat on a panel of this case before its appeal and may not sit on a later one.",
    ["expertId"],
  ),
  EXPERT_DECLARED_CONFLICT: spec(
    "INVALID_INPUT",
    "Expert {expertId} declared a conflict of interest with the vendor or the lab of this case.",
    ["expertId"],
  ),
  CONFLICT_ORG_UNKNOWN: spec("INVALID_INPUT", "{organizationId} is not a vendor or a lab organisation.", ["organizationId"]),
  CONFLICT_DATES_INVALID: spec("INVALID_INPUT", "The end date of a conflict must be after its start date.", []),
  CONFLICT_NOT_FOUND: spec("NOT_FOUND", "No such conflict declaration of yours.", []),
  CONFLICT_ALREADY_WITHDRAWN: spec("CONFLICT", "This conflict declaration was already withdrawn.", []),
  DECISION_LETTER_NOT_FOUND: spec("NOT_FOUND", "This case has no decision letter.", []),
  EXPERT_FORMER_PANELIST: spec(
    "INVALID_INPUT",
    "Expert {expertId} sat on an earlier panel of this case; an upheld appeal needs a new panel.",
    ["expertId"],
  ),
  VOTE_NEEDS_LEVEL: spec("INVALID_INPUT", "An approving vote needs a level.", []),
  VOTE_LEVEL_ONLY_ON_APPROVE: spec("INVALID_INPUT", "Only an approving vote carries a level.", []),
  LEVEL_ABOVE_LAB: spec("INVALID_INPUT", "The level {level} may not exceed the lab-determined level {labLevel}.", ["level", "labLevel"]),
  JUSTIFICATION_REQUIRED: spec(
    "INVALID_INPUT",
    "A justification is required when the award differs from the panel's recommendation.",
    [],
  ),
  // --- grading schemes ----------------------------------------------------------------------
  NOT_A_NUMBER: spec("INVALID_INPUT", "must be a number", []),
  NOT_TEXT: spec("INVALID_INPUT", "contains characters that are not text", []),
  SCHEME_THRESHOLD_IMPOSSIBLE: spec(
    "INVALID_INPUT",
    "{item}: threshold {value} {unit} at {level} is an impossible value ({range})",
    ["item", "value", "unit", "level", "range"],
  ),
  SCHEME_THRESHOLD_BELOW_PREVIOUS: spec(
    "INVALID_INPUT",
    "{item}: higher is better, so the {level} threshold ({value}) may not be below the {previous} threshold ({previousValue})",
    ["item", "level", "value", "previous", "previousValue"],
  ),
  SCHEME_THRESHOLD_ABOVE_PREVIOUS: spec(
    "INVALID_INPUT",
    "{item}: lower is better, so the {level} threshold ({value}) may not be above the {previous} threshold ({previousValue})",
    ["item", "level", "value", "previous", "previousValue"],
  ),
  CATEGORY_KEY_FORMAT: spec("INVALID_INPUT", "A category key is 2–31 lower-case letters, digits or \"_\", starting with a letter.", []),
  CATEGORY_CODE_FORMAT: spec("INVALID_INPUT", "A certificate code is 2–10 upper-case letters or digits, starting with a letter.", []),
  CATEGORY_NAME_LENGTH: spec("INVALID_INPUT", "A category name is 1–40 characters.", []),
  CATEGORY_KEY_TAKEN: spec("INVALID_INPUT", "The category {key} already exists.", ["key"]),
  CATEGORY_CODE_TAKEN: spec("INVALID_INPUT", "The certificate code {code} is already used by another category.", ["code"]),
  CATEGORY_NAME_TAKEN: spec("INVALID_INPUT", "Another category is already called {name}.", ["name"]),
  CATEGORY_UNKNOWN: spec("INVALID_INPUT", "There is no category {key}.", ["key"]),
  SCHEME_ID_TAKEN: spec("INVALID_INPUT", "A scheme {schemeId} already exists; draft its next version from it instead.", ["schemeId"]),
  SCHEME_VERSION_TAKEN: spec("INVALID_INPUT", "{schemeId} {version} already exists; choose another version", ["schemeId", "version"]),
  SCHEME_QUALIFYING_UNKNOWN: spec("INVALID_INPUT", "qualifying for {level} names \"{item}\", which is no item of the scheme", ["item", "level"]),
  SCHEME_QUALIFYING_NO_THRESHOLD: spec(
    "INVALID_INPUT",
    "{item} qualifies for {level} but has no threshold at {level}",
    ["item", "level"],
  ),
  SCHEME_VERSION_FORMAT: spec("INVALID_INPUT", "a version looks like 2026.2: the year, a dot, and the revision number", []),
  SCHEME_NOT_EDITABLE: spec(
    "CONFLICT",
    "Scheme {schemeId} version {version} is {status} and can no longer change; create a new version from it.",
    ["schemeId", "version", "status"],
  ),
  SCHEME_CHANGED_MEANWHILE: spec("CONFLICT", "Scheme {schemeId} version {version} changed meanwhile (it is {status} now); nothing was saved.", ["schemeId", "version", "status"]),
  SCHEME_IDENTITY_FIXED: spec("INVALID_INPUT", "A draft keeps its scheme id ({schemeId}), version ({version}) and category ({category}).", ["schemeId", "version", "category"]),
  SCHEME_ELEMENT_NOT_FOUND: spec("INVALID_INPUT", "The draft has no element \"{elementKey}\".", ["elementKey"]),
  SCHEME_DEFINITION_NOT_JSON: spec("INVALID_INPUT", "The definition is not valid JSON.", []),
  // --- complaints (workflows/complaint) ---------------------------------------------------------
  COMPLAINT_NOT_FOUND: spec("NOT_FOUND", "No complaint with this reference and tracking token.", []),
  COMPLAINT_TARGET_REQUIRED: spec("INVALID_INPUT", "Name the certificate: its number or its public id.", []),
  COMPLAINT_TARGET_UNKNOWN: spec("INVALID_INPUT", "No certificate has this number or public id.", []),
  COMPLAINT_RATE_LIMITED: spec("RATE_LIMITED", "Too many complaints from your address; try again in {minutes} minutes.", ["minutes"]),
  COMPLAINT_EVENT_NOT_ALLOWED: spec("CONFLICT", "{event} is not possible while the complaint is {state}.", ["event", "state"]),
  COMPLAINT_VERSION_MISMATCH: spec(
    "CONFLICT",
    "The complaint changed since you loaded it (version {currentVersion}, you sent {sentVersion}); reload and try again.",
    ["currentVersion", "sentVersion"],
  ),
  COMPLAINT_CHANGED: spec("CONFLICT", "The complaint changed while your request was being handled; reload and try again.", []),
  NOT_COMPLAINT_HANDLER: spec("FORBIDDEN", "Only the complaint's assigned handler may close it.", []),
  HANDLER_NOT_ELIGIBLE: spec("INVALID_INPUT", "{handlerId} is not an active secretariat or ministry user.", ["handlerId"]),
  HANDLER_OF_CASE_ORG: spec("INVALID_INPUT", "{handlerId} belongs to the vendor or the lab of the case complained about.", ["handlerId"]),
  HANDLER_ON_PANEL: spec("INVALID_INPUT", "{handlerId} sat on a panel of the case complained about.", ["handlerId"]),
  HANDLER_DECIDED_CASE: spec("INVALID_INPUT", "{handlerId} took a decision on the case complained about.", ["handlerId"]),
  HANDLER_ACTED_ON_CASE: spec("INVALID_INPUT", "{handlerId} acted on the case complained about (its audit trail names them).", ["handlerId"]),
  TEXT_TOO_LONG: spec("INVALID_INPUT", "At most {max} characters.", ["max"]),
  // --- after-care (workflows/aftercare) ------------------------------------------------------------
  CHANGE_NOT_FOUND: spec("NOT_FOUND", "No such change case.", []),
  CHANGE_EVENT_NOT_ALLOWED: spec("CONFLICT", "{event} is not possible while the change case is {state}.", ["event", "state"]),
  CHANGE_VERSION_MISMATCH: spec("CONFLICT", "The change case changed since you loaded it (version {currentVersion}, you sent {sentVersion}); reload and try again.", ["currentVersion", "sentVersion"]),
  CHANGE_CHANGED: spec("CONFLICT", "The change case changed while your request was being handled; reload and try again.", []),
  CHANGE_NEEDS_CERTIFIED: spec("CONFLICT", "Changes are reported, and surveillance opened, only for a certified product (this case is {state}).", ["state"]),
  TOO_MANY_OPEN_CHANGES: spec("CONFLICT", "This case already has {max} open change cases; wait until one is concluded.", ["max"]),
  CHANGE_KIND_NOT_YOURS: spec("FORBIDDEN", "Your role ({role}) may not open a change of kind {kind}.", ["role", "kind"]),
  CHANGE_FROM_MISMATCH: spec("INVALID_INPUT", "The certificate covers software version {covered}, not {from}.", ["covered", "from"]),
  CHANGE_ITEMS_REQUIRED: spec("INVALID_INPUT", "A major change lists at least one item to re-test.", []),
  CHANGE_ITEMS_NOT_FOR_MINOR: spec("INVALID_INPUT", "A minor change re-tests nothing: list no items.", []),
  CHANGE_ITEM_UNKNOWN: spec("INVALID_INPUT", "The case's scheme has no item \"{item}\".", ["item"]),
  CHANGE_ITEM_REPEATED: spec("INVALID_INPUT", "An item is listed twice.", []),
  SURVEILLANCE_NO_ITEMS: spec("INVALID_INPUT", "The scheme names no surveillance items: list the items to re-test.", []),
  CHANGE_REPORT_MISSING: spec("CONFLICT", "The re-test report is missing or incomplete: upload results for every listed item first.", []),
  CHANGE_REPORT_ITEM_MISSING: spec("INVALID_INPUT", "The re-test report has no result for the listed item {item}.", ["item"]),
  CHANGE_REPORT_ITEM_NOT_LISTED: spec("INVALID_INPUT", "{item} is not one of the items to re-test; report exactly the listed items.", ["item"]),
  CHANGE_NOT_OVERDUE: spec("CONFLICT", "Only an overdue surveillance is concluded by the system.", []),
  RETEST_BELOW_AWARDED: spec("INVALID_INPUT", "The re-test supports {retestLevel}, below the level awarded ({awardedLevel}): downgrade or suspend instead.", ["retestLevel", "awardedLevel"]),
  CHANGE_LEVEL_REQUIRED: spec("INVALID_INPUT", "Choose the level to downgrade to.", []),
  LEVEL_ABOVE_RETEST: spec("INVALID_INPUT", "{level} is above what the re-test supports ({retestLevel}).", ["level", "retestLevel"]),
  CORRECT_BY_REQUIRED: spec("INVALID_INPUT", "A suspension needs the date to correct by.", []),
  SURVEILLANCE_NOT_WITHDRAWABLE: spec("CONFLICT", "A surveillance cannot be withdrawn.", []),
  CHANGE_REPORT_NOT_NOW: spec("CONFLICT", "The re-test report can be changed only while the change case is being re-tested (it is {state}).", ["state"]),
  // --- proficiency testing (docs/domain.md#proficiency-testing) -----------------------------------
  PT_ROUND_NOT_FOUND: spec("NOT_FOUND", "No such proficiency-testing round.", []),
  PT_NOT_INVITED: spec("NOT_FOUND", "No such round, or your lab is not invited to it.", []),
  PT_SCHEME_UNKNOWN: spec("INVALID_INPUT", "No published scheme {scheme}.", ["scheme"]),
  PT_ITEM_UNKNOWN: spec("INVALID_INPUT", "The scheme has no item \"{item}\".", ["item"]),
  PT_REPEATED: spec("INVALID_INPUT", "An entry is listed twice.", []),
  PT_TOO_MANY: spec("INVALID_INPUT", "At most {max}.", ["max"]),
  PT_TOO_FEW_LABS: spec("INVALID_INPUT", "Invite at least {min} labs.", ["min"]),
  PT_LAB_NOT_ELIGIBLE: spec("INVALID_INPUT", "{labId} is not a lab accredited for {category}.", ["labId", "category"]),
  PT_DEADLINE_NOT_FUTURE: spec("INVALID_INPUT", "The deadline must be in the future.", []),
  PT_DEADLINE_PASSED: spec("CONFLICT", "The deadline ({deadline}) has passed; results can no longer be submitted.", ["deadline"]),
  PT_ROUND_CLOSED: spec("CONFLICT", "The round is closed.", []),
  PT_ITEM_NOT_IN_ROUND: spec("INVALID_INPUT", "{item} is not an item of this round.", ["item"]),
  PT_VALUE_MISSING: spec("INVALID_INPUT", "Give a value for {item}.", ["item"]),
  PT_RESULTS_NOT_READY: spec("CONFLICT", "The results are shown once the round is closed or its deadline ({deadline}) has passed.", ["deadline"]),
  // --- requests, sessions and tokens (lib/ raises these; the vocabulary is shared) ----------
  INVALID_JSON: spec("INVALID_INPUT", "The body must be JSON.", []),
  USER_NOT_FOUND: spec("NOT_FOUND", "No such user.", []),
  USER_NOT_LINKED: spec("CONFLICT", "This user has no institutional account linked.", []),
  ORGANIZATION_NOT_FOUND: spec("NOT_FOUND", "No such organisation.", []),
  AFFILIATION_NOT_FOUND: spec("NOT_FOUND", "No such affiliation.", []),
  ACCREDITATION_NOT_FOUND: spec("NOT_FOUND", "No such accreditation.", []),
  EVIDENCE_NOT_FOUND: spec("NOT_FOUND", "No such evidence file.", []),
  STORED_FILE_MISSING: spec("NOT_FOUND", "The stored file is missing from the portal's storage.", []),
  STORED_FILE_CORRUPT: spec("INTERNAL", "The stored file does not match the SHA-256 recorded when it was written, so it is not served.", []),
  FILE_REQUIRED: spec("INVALID_INPUT", "No file was sent.", []),
  FILE_EMPTY: spec("INVALID_INPUT", "The file is empty.", []),
  FILE_TOO_LARGE: spec("PAYLOAD_TOO_LARGE", "The file is larger than {limit}, the limit here.", ["limit"]),
  PDF_CONTENT_TYPE: spec("UNSUPPORTED_MEDIA_TYPE", "Send the PDF as application/pdf, or as multipart/form-data with the field \"file\".", []),
  REQUESTS_THROTTLED: spec("RATE_LIMITED", "Too many requests; try again in {seconds} s.", ["seconds"]),
  REQUEST_FAILED: spec("INTERNAL", "The request could not be handled. Try again later.", []),
  MULTIPART_REQUIRED: spec("UNSUPPORTED_MEDIA_TYPE", "Send the file as multipart/form-data (field name: file).", []),
  EVIDENCE_TYPE_NOT_ACCEPTED: spec("UNSUPPORTED_MEDIA_TYPE", "This kind of file is not accepted as evidence: send {types}.", ["types"]),
  BAD_MULTIPART: spec("INVALID_INPUT", "The multipart body is not valid.", []),
  CONTENT_TYPE: spec("UNSUPPORTED_MEDIA_TYPE", "This content type is not accepted here.", []),
  CROSS_ORIGIN: spec("FORBIDDEN", "The request did not come from the portal's own pages.", []),
  TOKEN_INVALID: spec("UNAUTHENTICATED", "The API token is not valid.", []),
  TOKEN_REVOKED: spec("UNAUTHENTICATED", "The API token was revoked.", []),
  TOKEN_EXPIRED: spec("UNAUTHENTICATED", "The API token has expired.", []),
  TOKEN_ACCOUNT_DISABLED: spec("UNAUTHENTICATED", "The API token's account is disabled.", []),
  TOKEN_SCOPE: spec("FORBIDDEN", "The API token's scopes do not cover this request.", []),
  REAUTH_REQUIRED: spec("FORBIDDEN", "Enter your password again to do this.", []),
  THROTTLED: spec("RATE_LIMITED", "Too many attempts; try again in {minutes} minutes.", ["minutes"]),
  TOTP_ENROLMENT_REQUIRED: spec("FORBIDDEN", "Set up two-factor sign-in on your account page first.", []),
  TOTP_REQUIRED: spec("FORBIDDEN", "Two-factor sign-in is required for your role on this portal.", []),
  TOTP_ALREADY_ENABLED: spec("CONFLICT", "Two-factor sign-in is on already.", []),
  TOTP_NOT_STARTED: spec("CONFLICT", "Start the set-up first.", []),
  TOTP_NOT_ENABLED: spec("CONFLICT", "Two-factor sign-in is off.", []),
  TOTP_THROTTLED: spec("RATE_LIMITED", "Too many wrong codes; wait a little.", []),
  // --- things that do not exist, applications (lib/ raises these) -------------------------
  CASE_NOT_FOUND: spec("NOT_FOUND", "No such case.", []),
  CERTIFICATE_NOT_FOUND: spec("NOT_FOUND", "No certificate has this id.", []),
  PILOT_NOT_FOUND: spec("NOT_FOUND", "No such pilot.", []),
  FINDING_NOT_FOUND: spec("NOT_FOUND", "No such finding.", []),
  // --- audit findings and stage limits (lib/audit/findings, lib/pilots) --------------------
  FINDING_ALREADY_ANSWERED: spec("CONFLICT", "This finding is answered already; only an open finding can be answered.", []),
  FINDING_CLOSED: spec("CONFLICT", "This finding is closed already.", []),
  FINDING_NOT_ANSWERED: spec("CONFLICT", "This finding has not been answered yet: it can be closed only after the secretariat answers it.", []),
  FINDING_CHANGED: spec("CONFLICT", "This finding changed meanwhile; reload and try again.", []),
  STAGE_LIMIT_DAYS: spec("INVALID_INPUT", "A stage limit is a whole number of days from 1 to 365, or empty for none.", []),
  CHECKPOINT_NOT_FOUND: spec("NOT_FOUND", "No such checkpoint.", []),
  SCHEME_VERSION_NOT_FOUND: spec("NOT_FOUND", "Scheme {schemeId} version {version} does not exist.", ["schemeId", "version"]),
  SCHEME_ITEM_NOT_FOUND: spec("NOT_FOUND", "The draft has no item \"{itemKey}\".", ["itemKey"]),
  SCHEME_NOT_PUBLISHED: spec("INVALID_INPUT", "No published grading scheme has the id {schemeId}.", ["schemeId"]),
  SCHEME_VERSION_NOT_PUBLISHED: spec("INVALID_INPUT", "Version {version} of scheme {schemeId} is not published.", ["schemeId", "version"]),
  SCHEME_DEFINITION_BROKEN: spec("INTERNAL", "Scheme {schemeId} {version} is invalid.", ["schemeId", "version"]),
  // --- scheme governance (docs/domain.md#scheme-governance) --------------------------------------
  SCHEME_VERSION_NOT_IN_FORCE: spec(
    "INVALID_INPUT",
    "Version {version} of scheme {schemeId} is not in force; choose one in force ({inForce}).",
    ["schemeId", "version", "inForce"],
  ),
  SCHEME_NOT_DRAFT: spec("CONFLICT", "Scheme {schemeId} {version} is {status}; only a draft can be proposed.", ["schemeId", "version", "status"]),
  SCHEME_NOT_PROPOSED: spec("CONFLICT", "Scheme {schemeId} {version} is {status}, not proposed for comment.", ["schemeId", "version", "status"]),
  SCHEME_NOT_APPROVED: spec("CONFLICT", "Scheme {schemeId} {version} is {status}; only an approved version can be published.", ["schemeId", "version", "status"]),
  SCHEME_COMMENT_PERIOD_OVER: spec("CONFLICT", "The comment period ended on {until}.", ["until"]),
  SCHEME_COMMENT_PERIOD_OPEN: spec("CONFLICT", "The comment period runs until {until}; a version is approved only after it ends.", ["until"]),
  SCHEME_COMMENTS_UNANSWERED: spec("CONFLICT", "{count} comment(s) have no answer yet; every comment is answered before approval.", ["count"]),
  SCHEME_COMMENT_NOT_FOUND: spec("NOT_FOUND", "This version has no such comment.", []),
  SCHEME_COMMENT_ALREADY_ANSWERED: spec("CONFLICT", "This comment has already been answered.", []),
  SCHEME_COMMENT_LIMIT: spec("CONFLICT", "You have made {max} comments on this version, the most one person may.", ["max"]),
  SCHEME_COMMENT_TARGET_UNKNOWN: spec("INVALID_INPUT", "\"{target}\" is no item or element of this scheme.", ["target"]),
  SCHEME_DATE_FORMAT: spec("INVALID_INPUT", "A date looks like 2026-12-31.", []),
  SCHEME_COMMENTS_UNTIL_RANGE: spec("INVALID_INPUT", "The comment period ends today or later, at most {max} days ahead.", ["max"]),
  SCHEME_COMMENTS_UNTIL_PAST: spec("INVALID_INPUT", "{day} has passed (today is {today}); the comment period ends today or later.", ["day", "today"]),
  SCHEME_COMMENTS_UNTIL_BEFORE_PROPOSAL: spec("INVALID_INPUT", "The comment period cannot end before the version was proposed ({proposed}).", ["proposed"]),
  SCHEME_TEST_SET_INCOMPLETE: spec("INVALID_INPUT", "Name the test set whole: its id, version and size (or none of them).", []),
  SCHEME_POSITIVE_WHOLE: spec("INVALID_INPUT", "A whole number above 0.", []),
  SCHEME_COMMENTS_UNTIL_NOT_LATER: spec("INVALID_INPUT", "The comment period already runs until {until}; it may only be extended to a later day.", ["until"]),
  SCHEME_EFFECTIVE_FROM_RANGE: spec("INVALID_INPUT", "The version takes effect today or later, at most {max} days ahead.", ["max"]),
  SCHEME_TRANSITION_REQUIRED: spec(
    "INVALID_INPUT",
    "Version {previous} is in force: say until when applications may still choose it (the transition).",
    ["previous"],
  ),
  SCHEME_TRANSITION_BEFORE_EFFECTIVE: spec("INVALID_INPUT", "The transition may not end before the new version takes effect ({effectiveFrom}).", ["effectiveFrom"]),
  SCHEME_TRANSITION_TOO_LONG: spec("INVALID_INPUT", "The transition ends at most {max} days after the new version takes effect.", ["max"]),
  PILOT_UNKNOWN: spec("INVALID_INPUT", "No pilot has the id {pilotId}.", ["pilotId"]),
  NO_OPEN_PILOT: spec("INVALID_INPUT", "No pilot is open for applications.", []),
  PILOT_CLOSED: spec("INVALID_INPUT", "That pilot is closed to new applications.", []),
  // --- pilot management, applications into a pilot, published results (lib/pilots) ------
  PILOT_NOT_OPEN: spec("INVALID_INPUT", "Pilot {pilot} is not open for applications (it is {status}).", ["pilot", "status"]),
  PILOT_WINDOW_NOT_YET: spec("INVALID_INPUT", "Pilot {pilot} takes applications from {from}.", ["pilot", "from"]),
  PILOT_WINDOW_CLOSED: spec("INVALID_INPUT", "Pilot {pilot} took applications until {until}; its window has closed.", ["pilot", "until"]),
  PILOT_CATEGORY_OUT_OF_SCOPE: spec("INVALID_INPUT", "Pilot {pilot} does not take applications for {category}.", ["pilot", "category"]),
  NO_OPEN_PILOT_FOR_CATEGORY: spec("INVALID_INPUT", "No open pilot takes applications for {category} now.", ["category"]),
  PILOT_NAME_TAKEN: spec("CONFLICT", "A pilot named {name} exists already.", ["name"]),
  PILOT_CATEGORY_UNKNOWN: spec("INVALID_INPUT", "There is no category {category}.", ["category"]),
  PILOT_DATES_ORDER: spec("INVALID_INPUT", "The end must be after the start.", []),
  PILOT_WINDOW_OUTSIDE: spec("INVALID_INPUT", "The application window must lie within the pilot's period.", []),
  PILOT_DATE_RANGE: spec("INVALID_INPUT", "Use a date between 2020 and 2100.", []),
  PILOT_EVENT_NOT_ALLOWED: spec("CONFLICT", "{event} is not possible while the pilot is {status}.", ["event", "status"]),
  PILOT_CHANGED: spec("CONFLICT", "The pilot changed meanwhile; reload and try again.", []),
  REPORT_PERIOD_TOO_LONG: spec("INVALID_INPUT", "A report covers at most {days} days.", ["days"]),
  RESULTS_NOT_PUBLISHABLE: spec("CONFLICT", "Only a certified case with a valid certificate may publish its results.", []),
  RESULTS_ALREADY_PUBLISHED: spec("CONFLICT", "The results are published already.", []),
  RESULTS_NOT_PUBLISHED: spec("CONFLICT", "The results are not published.", []),
  PRODUCT_UNKNOWN: spec("INVALID_INPUT", "No such product in your organisation.", []),
  PRODUCT_CATEGORY_MISMATCH: spec("INVALID_INPUT", "The product is a {category}; the scheme is for {schemeCategory}.", ["category", "schemeCategory"]),
  PRODUCT_REQUIRED: spec("INVALID_INPUT", "Describe the product or choose one.", []),
  // --- model disclosure (docs/domain.md#model-disclosure) ------------------------------------
  MODELS_REQUIRED: spec("INVALID_INPUT", "Disclose at least one model the product uses.", []),
  MODELS_TOO_MANY: spec("INVALID_INPUT", "Disclose at most {max} models.", ["max"]),
  MODEL_DEPLOYMENT_UNKNOWN: spec("INVALID_INPUT", "Where the model runs: on the device, in the cloud or on a companion device.", []),
  MODEL_PROVIDER_REQUIRED: spec("INVALID_INPUT", "A cloud model needs its provider.", []),
  MODEL_FILING_NUMBER_FORMAT: spec(
    "INVALID_INPUT",
    "Not a filing number: a generative AI service filing reads like Beijing-Service-20240101 (province, service, date), an algorithm filing like 网信算备 followed by 21 digits and 号.",
    [],
  ),
} as const satisfies Record<string, Spec>;

export type DomainCode = keyof typeof DOMAIN_ERRORS;
export const DOMAIN_CODES = Object.keys(DOMAIN_ERRORS) as DomainCode[];

export type ParamValue = string | number;
/** The parameters a code's message needs, by name. */
export type DomainParams<C extends DomainCode> = { [K in (typeof DOMAIN_ERRORS)[C]["params"][number]]: ParamValue };

/** A code with its parameters: what a refusal carries for the whole request or for one field. */
export type DomainRef<C extends DomainCode = DomainCode> = C extends DomainCode ? { reason: C; params: DomainParams<C> } : never;

export function isDomainCode(value: unknown): value is DomainCode {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(DOMAIN_ERRORS, value);
}

export function domainRef<C extends DomainCode>(
  reason: C,
  ...params: (typeof DOMAIN_ERRORS)[C]["params"] extends readonly [] ? [] : [DomainParams<C>]
): DomainRef<C> {
  return { reason, params: (params[0] ?? {}) as DomainParams<C> } as DomainRef<C>;
}

/** The English message of a code: `{name}` replaced by its parameter (a missing one stays visible). */
export function englishMessage(reason: DomainCode, params: Record<string, ParamValue> = {}): string {
  return DOMAIN_ERRORS[reason].en.replace(/\{(\w+)\}/g, (all, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : all,
  );
}

export function httpCodeOf(reason: DomainCode): HttpErrorCode {
  return DOMAIN_ERRORS[reason].http;
}

const BY_ENGLISH = new Map<string, DomainCode>(
  DOMAIN_CODES.filter((c) => DOMAIN_ERRORS[c].params.length === 0 && !["FIELD_REQUIRED", "FIELD_INVALID"].includes(c)).map((c) => [DOMAIN_ERRORS[c].en, c]),
);

export type ZodIssueLike = { code?: string; path: readonly PropertyKey[]; message: string; params?: unknown; minimum?: unknown };

/** A zod issue's code for people: a custom check names its own (`params`: `reason` and the code's parameters), a missing value is FIELD_REQUIRED. */
export function zodIssueRef(issue: ZodIssueLike): DomainRef {
  const { reason: own, ...params } = (issue.params ?? {}) as { reason?: unknown } & Record<string, ParamValue>;
  if (isDomainCode(own)) return { reason: own, params } as DomainRef;
  // A check whose message is a parameterless code's English message (e.g. ONE_LINE) names that code.
  const named = BY_ENGLISH.get(issue.message);
  if (named) return { reason: named, params: {} } as DomainRef;
  if (issue.code === "invalid_type" && /received undefined/.test(issue.message)) return domainRef("FIELD_REQUIRED");
  if (issue.code === "too_small" && Number(issue.minimum) === 1) return domainRef("FIELD_REQUIRED");
  return domainRef("FIELD_INVALID");
}

/** zod issues as the API's `{ "field.path": "message" }` and the people's `{ "field.path": code }`. */
export function zodFields(issues: readonly ZodIssueLike[]): {
  messages: Record<string, string>;
  fields: Record<string, DomainRef>;
} {
  const messages: Record<string, string> = {};
  const fields: Record<string, DomainRef> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_";
    if (key in messages) continue;
    messages[key] = issue.message;
    fields[key] = zodIssueRef(issue);
  }
  return { messages, fields };
}
