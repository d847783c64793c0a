/**
 * Says which suites were skipped because PostgreSQL, Redis or MariaDB was not configured, so a
 * skip is never mistaken for a pass. With GOVGRAPH_REQUIRE_SERVICES=1 (set by .ci/run)
 * any such skip fails the run.
 */
class ServicesReporter {
  constructor() {
    this.error = undefined;
  }

  onRunComplete(_contexts, results) {
    const skipped = new Map();
    for (const file of results.testResults) {
      for (const test of file.testResults) {
        const match = /\[skipped: ([\w-]+) is (?:not set|missing)\]/.exec(test.fullName);
        if (match && (test.status === 'pending' || test.status === 'skipped')) {
          skipped.set(match[1], (skipped.get(match[1]) ?? 0) + 1);
        }
      }
    }
    if (skipped.size === 0) return;
    const lines = [...skipped].map(([variable, count]) => `  ${count} test(s) skipped: ${variable} is not set or missing`);
    process.stderr.write(`\nSuites skipped for a missing service or browser (set the URL, install Chromium):\n${lines.join('\n')}\n`);
    if (process.env.GOVGRAPH_REQUIRE_SERVICES === '1') {
      this.error = new Error('GOVGRAPH_REQUIRE_SERVICES=1 but services suites were skipped');
      process.stderr.write(`${this.error.message}\n`);
    }
  }

  getLastError() {
    return this.error;
  }
}

module.exports = ServicesReporter;
