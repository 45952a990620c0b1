// n8n's verification scanner (@n8n/scan-community-package), run here as n8n runs it on a published
// version: its rules on the source a provenance attestation points at (package.json, nodes/,
// credentials/) and on the packed package (the .js n8n installs). Inline eslint-disable comments
// count for nothing there, as in n8n's scan. The provenance check itself needs a published version.
// Run: npm run scan (after npm run build).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const work = mkdtempSync(join(tmpdir(), 'picwish-scan-'));
// The scanner makes a temp folder of its own as it loads and never removes it: it goes in ours.
process.env.TMPDIR = work;
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(
	'@n8n/scan-community-package/scanner/scanner.mjs'
);
let failed = false;

function report(label, result) {
	console.log(
		`${result.passed ? 'passed' : 'FAILED'}: ${label}${result.message ? ` (${result.message})` : ''}`,
	);
	if (!result.passed) {
		failed = true;
		if (result.details) console.log(result.details);
	}
}

try {
	report(
		'the source (package.json, nodes/, credentials/)',
		await analyzePackage(root, SOURCE_FILE_PATTERNS),
	);
	const tarball = execFileSync(
		'npm',
		['pack', '--silent', '--ignore-scripts', '--pack-destination', work],
		{ cwd: root, encoding: 'utf8' },
	)
		.trim()
		.split('\n')
		.pop();
	execFileSync('tar', ['-xzf', join(work, tarball), '-C', work]);
	report(`the packed package (${tarball})`, await analyzePackage(join(work, 'package')));
} finally {
	rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
