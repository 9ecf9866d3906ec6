// Grading schemes as versioned data: list, read, draft, edit, compare, analyse impact, and govern
// (propose, comment, answer, approve, publish: docs/domain.md#scheme-governance).
export { listSchemes, type SchemeSummary } from "./list-schemes";
export { getScheme } from "./get-scheme";
export { createDraft } from "./create-draft";
export { updateDraft } from "./update-draft";
export { updateDraftItem } from "./update-draft-item";
export { addDraftItem } from "./add-draft-item";
export { removeDraftItem } from "./remove-draft-item";
export { compareVersions, type VersionComparison } from "./compare-versions";
export { draftImpact, IMPACT_STATES, type DraftImpact, type DraftCaseImpact } from "./draft-impact";
export { proposeScheme } from "./propose-scheme";
export { setCommentPeriod } from "./set-comment-period";
export { commentOnScheme } from "./comment-on-scheme";
export { answerComment } from "./answer-comment";
export { approveScheme } from "./approve-scheme";
export { publishScheme } from "./publish-scheme";
export { listComments, type SchemeCommentView } from "./list-comments";
export { COMMENT_MAX } from "./governance";
export { compareVersionStrings, VERSION_PATTERN, SCHEME_STATUSES, type SchemeVersionView, type SchemeStatus } from "./versions";
export type { ItemPatch, NewItem } from "./schemas";
