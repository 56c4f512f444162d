// Prints one plain closing line, "N passed, N failed[, N skipped]", from jest's own results, so
// CI (and a human) can see at a glance that tests ran. A run with zero tests prints "0 passed".
// The line also goes to .build/test-summary.txt so .ci/run can repeat it as its very last line
// (jest's own summary goes to stderr and may interleave after ours).
const fs = require("node:fs");
const path = require("node:path");

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `${results.numPassedTests} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : "");
    const note = results.numRuntimeErrorTestSuites > 0 ? `(${results.numRuntimeErrorTestSuites} suites failed to run)\n` : "";
    process.stdout.write(`\n${line}\n${note}`);
    const out = path.join(__dirname, "..", ".build", "test-summary.txt");
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${line}\n`);
  }
}
module.exports = SummaryReporter;
