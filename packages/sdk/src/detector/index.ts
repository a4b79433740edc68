/**
 * Paper-demand detector (task 8 of 大足府办发〔2022〕164号): finds the places on a service page that
 * demand the paper business licence or a physical seal, or refuse the electronic ones. DOM
 * interfaces only; the caller brings the DOM (the browser's, or jsdom in Node).
 */
export { FRAGMENTS, RULES, TASK8, type DetectorRule, type PolicyCitation, type Severity, type UnitKind } from './rules.js';
export { normalizeShown, type NormalizedText } from './normalize.js';
export { compileRules, evaluateUnit, type CompiledRule, type UnitMatch } from './match.js';
export { cssPath, selectorOf, FRAME_JOIN } from './selector.js';
export { pageMatter, type PageMatter } from './matter.js';
export {
  createIncrementalScanner,
  detectorMessage,
  scanPage,
  type Finding,
  type IncrementalScanner,
  type PageScan,
  type ScanDelta,
  type ScanOptions,
} from './scan.js';
export { macrotask, yieldToPage, type SliceOptions } from './slice.js';
