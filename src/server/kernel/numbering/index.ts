/** Case numbers per (module, year) and petitioner query codes. */
export {
  CASE_NO_PREFIX,
  caseNoCandidates,
  normalizeCaseNo,
  splitCaseNo,
  nextSequence,
  nextSequences,
  formatCaseNo,
  countyCodeOf,
  allocateCaseNo,
  newQueryCode,
  hashQueryCode,
  QUERY_CODE_ALPHABET,
} from './numbering.ts';
