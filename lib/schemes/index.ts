// Grading schemes as versioned data: list, read, draft, edit, compare, analyse impact, publish.
export { listSchemes, type SchemeSummary } from "./list-schemes";
export { getScheme } from "./get-scheme";
export { createDraft } from "./create-draft";
export { updateDraft } from "./update-draft";
export { updateDraftItem } from "./update-draft-item";
export { addDraftItem } from "./add-draft-item";
export { removeDraftItem } from "./remove-draft-item";
export { compareVersions, type VersionComparison } from "./compare-versions";
export { draftImpact, IMPACT_STATES, type DraftImpact, type DraftCaseImpact } from "./draft-impact";
export { publishDraft } from "./publish-draft";
export { compareVersionStrings, VERSION_PATTERN, type SchemeVersionView, type SchemeStatus } from "./versions";
export type { ItemPatch, NewItem } from "./schemas";
