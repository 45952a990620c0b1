/**
 * Tests leave no trace: every temp folder a run makes (n8n user folders, binary stores, e2e work
 * folders, and whatever the n8n processes it starts write to the temp dir) goes into one folder of
 * the run's own, by pointing TMPDIR at it before the test workers start. The reporter below removes
 * it when the run passed, and keeps it (and says where) when a test failed or KEEP_TEST_FILES=1.
 */
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

/** jest globalSetup: runs in jest's own process, before the workers are forked. */
async function createRunTempRoot() {
	const root = mkdtempSync(join(tmpdir(), 'picwish-test-'));
	process.env.PICWISH_TEST_TEMP = root;
	process.env.TMPDIR = root;
}

/** jest reporter: decides at the end of the run. */
class RunTempRootReporter {
	onRunComplete(_contexts, results) {
		const root = process.env.PICWISH_TEST_TEMP;
		if (!root) return;
		const failed =
			results.numFailedTests > 0 ||
			results.numFailedTestSuites > 0 ||
			results.numRuntimeErrorTestSuites > 0;
		if (failed || process.env.KEEP_TEST_FILES === '1') {
			process.stderr.write(
				`\nTest files kept in ${root} (${failed ? 'a test failed' : 'KEEP_TEST_FILES=1'}); remove it when done.\n`,
			);
		} else {
			rmSync(root, { recursive: true, force: true });
		}
	}
}

module.exports = RunTempRootReporter;
module.exports.createRunTempRoot = createRunTempRoot;
