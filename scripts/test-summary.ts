/**
 * Prints one closing line for the whole run ("tests: N passed, N failed, N skipped") from
 * Vitest's JSON reports, so CI can tell how many tests ran across both suites.
 */
import { existsSync, readFileSync } from 'node:fs';

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests?: number;
}

const suites = [
  ['unit', '.omnia-test/unit.json'],
  ['browser', '.omnia-test/e2e.json'],
] as const;

let passed = 0;
let failed = 0;
let skipped = 0;
for (const [name, file] of suites) {
  if (!existsSync(file)) {
    console.log(`${name}: no report (${file}) — the suite did not run`);
    failed++;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8')) as VitestJson;
  const pending = report.numPendingTests + (report.numTodoTests ?? 0);
  console.log(
    `${name}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${pending} skipped`,
  );
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += pending;
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 ? 1 : 0;
