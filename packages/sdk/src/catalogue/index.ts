/**
 * The 一照通办 catalogue: the 172 matters of 大足府办发〔2022〕164号 (spec §6), their 17 departments,
 * the plan's tasks T1–T8, and matching a page or a query to a matter. Pure data and string work: runs
 * in browsers and Node alike.
 */
export type { Matter, MatterId, MatterKind, PlanTask } from './types.js';
export { MATTERS, PLAN_TASKS } from './matters.generated.js';
export { DEPARTMENTS, departmentsIn, findDepartment, type Department } from './departments.js';
export { kindOfName } from './kind.js';
export { normalizeText } from './normalize.js';
export {
  MATTER_MATCH_THRESHOLD,
  bestMatter,
  matchMatter,
  type MatchKind,
  type MatchOptions,
  type MatterCandidate,
} from './matcher.js';
export { searchCatalogue, type SearchField, type SearchOptions, type SearchResult } from './search.js';
export { getMatter, mattersOfDepartment, getTask } from './lookup.js';
