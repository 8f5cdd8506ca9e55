/**
 * The quality gate of self-reported hazards (issue 14): refuses a description that says nothing and suggests
 * the hazard category. The rest of the safety module uses it only through this file.
 */
export {
  assessHazardText,
  suggestHazardCategories,
  knownHazardCategoryNames,
  USABLE_DESCRIPTION_HINT,
  type HazardTextInput,
  type HazardTextAssessment,
  type HazardCategorySuggestion,
} from './assess.ts';
export { scoreHazardCsv, ScoreFileError, type ScoredFile, type ScoredRow, type QualityFigures, type CategoryFigures } from './score-file.ts';
