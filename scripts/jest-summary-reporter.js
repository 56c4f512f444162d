// Prints one plain closing line, "N passed, N failed[, N skipped]", from jest's own results, so
// CI (and a human) can see at a glance that tests ran. A run with zero tests prints "0 passed".
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const suiteNote = results.numRuntimeErrorTestSuites > 0 ? ` (${results.numRuntimeErrorTestSuites} suites failed to run)` : "";
    process.stdout.write(
      `\n${results.numPassedTests} passed, ${results.numFailedTests + results.numRuntimeErrorTestSuites} failed` +
        (skipped ? `, ${skipped} skipped` : "") +
        `\n` +
        (suiteNote ? `${suiteNote.trim()}\n` : ""),
    );
  }
}
module.exports = SummaryReporter;
