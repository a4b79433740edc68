/**
 * Prints the closing line of `npm test` from vitest's JSON report, in the plain form CI reads:
 * "tests: N passed, N failed, N skipped". Skipped suites (no Chromium, no PostgreSQL) show here too.
 */
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2] ?? '.tmp/vitest-report.json', 'utf8'));
console.log(`tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests + report.numTodoTests} skipped`);
process.exitCode = report.numFailedTests > 0 || report.numTotalTests === 0 ? 1 : 0;
