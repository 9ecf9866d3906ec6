// Grading: schemes as data, the determination engine, lab reports, scheme diffs and impact.
export { LEVELS, LEVEL_NAMES, compareLevels, levelRank, isLevel, type Level } from "./levels";
export {
  SchemeSchema,
  UNITS,
  UNIT_NAMES,
  UNIT_BOUNDS,
  parseScheme,
  formatPath,
  itemBounds,
  withinBounds,
  describeRange,
  schemeItems,
  gradedLevels,
  type Unit,
  type Bilingual,
  type Scheme,
  type SchemeInput,
  type SchemeElement,
  type SchemeItem,
  type SchemeError,
  type ParseSchemeResult,
} from "./scheme";
export {
  determine,
  meets,
  failedThreshold,
  describeRequirement,
  MissingItemError,
  InvalidMeasurementError,
  type Results,
  type Blocker,
  type Determination,
} from "./engine";
export {
  parseLabReport,
  previewLabReport,
  type LabReportRow,
  type LabReportInput,
  type LabReportError,
  type LabReportErrorCode,
  type LabReportResult,
  type LabReportPreview,
  type ItemCheck,
} from "./lab-report";
export {
  diffSchemes,
  describeDiff,
  type SchemeDiff,
  type ItemRef,
  type ItemChange,
  type ItemFieldChange,
  type SchemeFieldChange,
} from "./diff";
export { impactOf, type Impact, type ImpactCase, type CaseImpact, type ImpactOptions } from "./impact";
export { SEEDED_SCHEMES, SEEDED_CATEGORIES, seededScheme, type SeededCategory } from "./schemes";
