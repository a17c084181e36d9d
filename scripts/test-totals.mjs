// Prints one closing line for every test the run executed, Jest and Playwright
// together: "tests: N passed, N failed, N skipped". Exits 1 when a report is
// missing, so that a runner that crashed before writing one cannot look green.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

// Usage: test-totals.mjs JEST_REPORT PLAYWRIGHT_REPORT... (the browser tests
// run twice: on `yarn start`, and the production end-to-end test).
const [jestReport, ...playwrightReports] = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
let missing = false;

function read(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    console.error(`test-totals: no readable report at ${file}`);
    missing = true;
    return undefined;
  }
}

const jest = read(jestReport);
if (jest) {
  totals.passed += jest.numPassedTests;
  totals.failed += jest.numFailedTests + (jest.numRuntimeErrorTestSuites ?? 0);
  totals.skipped += jest.numPendingTests + jest.numTodoTests;
  console.log(
    `jest: ${jest.numPassedTests} passed, ${jest.numFailedTests} failed in ${jest.numTotalTestSuites} suites`,
  );
}
for (const playwrightReport of playwrightReports) {
  const e2e = read(playwrightReport);
  if (!e2e) continue;
  const s = e2e.stats;
  totals.passed += s.expected + (s.flaky ?? 0);
  totals.failed += s.unexpected;
  totals.skipped += s.skipped;
  console.log(
    `browser (${basename(playwrightReport)}): ${s.expected} passed, ${
      s.unexpected
    } failed`,
  );
}
const line = `tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
console.log(line);
// .ci/run repeats this line last, where CI reads the totals.
writeFileSync(join(dirname(jestReport), 'totals.txt'), `${line}\n`);
process.exit(missing ? 1 : 0);
