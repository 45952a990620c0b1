/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * `npm run check:new-api` (in `npm run verify`): the proof that a new PicWish API is one folder, one
 * registry entry and one sandbox entry (docs/architecture.md, "Where a new thing goes").
 *
 * In a copy of the project (node_modules linked, nothing else shared) it adds a throw-away Sky
 * Replacement resource exactly as the checklist says, and nothing more:
 *
 * 1. the folder nodes/PicWish/actions/skyReplacement/ (its api.ts and index.ts);
 * 2. the registry entry in nodes/PicWish/actions/index.ts (its import and one line in `resources`);
 * 3. the sandbox's stand-in in test/sandbox/apis.ts (its import and one `standIn({...})`);
 *
 * then runs `npm run docs` there, checks that no other file changed but README.md's operations table
 * and the codex's aliases (PicWish.node.json), and runs every unit test that goes over the registry
 * (the test files that read the registry, the resources' examples, the sandbox's stand-ins or the
 * node's whole description, found by what they import) with jest there. They must pass, with the new
 * resource among their cases. The copy is removed when all passed, and kept (its path printed) when not.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	cpSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
/** What the copy needs of the project: the node, its tests and what `npm run docs` writes. */
const COPIED = ['nodes', 'credentials', 'test', 'package.json', 'tsconfig.json', 'README.md'];

const VALUE = 'skyReplacement';
const FOLDER = `nodes/PicWish/actions/${VALUE}`;
const REGISTRY = 'nodes/PicWish/actions/index.ts';
const SANDBOX = 'test/sandbox/apis.ts';
/** What `npm run docs` writes. */
const DOCS = ['README.md', 'nodes/PicWish/PicWish.node.json'];

const API_TS = `/** How a Sky Replacement API is called and spoken of (a throw-away resource: npm run check:new-api). */
import { UNPUBLISHED_LIMITS } from '../../helpers/image';
import { imageApi } from '../shared/imageApi';

export const skyReplacementApi = imageApi({
	taskPath: '/api/tasks/visual/sky-replacement',
	limits: UNPUBLISHED_LIMITS,
	facts: { queryPath: 'inferred', results: 'inferred', price: 'inferred', limits: 'inferred' },
	wording: { service: 'sky replacement', failed: 'could not replace the sky', resultSuffix: 'new-sky' },
});
`;

const INDEX_TS = `/** Resource "Sky Replacement" (a throw-away resource: npm run check:new-api). */
import { taskResource } from '../shared/taskResource';
import { skyReplacementApi } from './api';

export const skyReplacement = taskResource({
	value: '${VALUE}',
	name: 'Sky Replacement',
	api: skyReplacementApi,
	operation: {
		name: 'Replace Sky',
		value: 'replaceSky',
		action: 'Replace the sky in an image',
		description: 'Put a new sky into an outdoor photo',
	},
	toolSummary: 'Puts a new sky into an outdoor photo on the web with PicWish',
	resultNoun: 'the photo with its new sky',
	aliases: ['sky replacement'],
	options: [
		{
			property: {
				displayName: 'Sky',
				name: 'sky',
				type: 'options',
				options: [
					{ name: 'Blue', value: 'blue' },
					{ name: 'Starry', value: 'starry' },
					{ name: 'Sunset', value: 'sunset' },
				],
				default: 'blue',
				description: 'Which sky to put in',
			},
			field: 'sky_type',
		},
		{
			property: { displayName: 'Crop to Horizon', name: 'crop', type: 'boolean', default: false, description: 'Whether to crop the result to the horizon' },
			field: 'crop',
		},
	],
	price: { credits: () => 3, text: '3 credits per image' },
});
`;

const REGISTRY_IMPORT = `import { ${VALUE} } from './${VALUE}';`;
const REGISTRY_ENTRY = `\t${VALUE},`;
const SANDBOX_IMPORT = `import { skyReplacementApi } from '../../nodes/PicWish/actions/${VALUE}/api';`;
const SANDBOX_ENTRY = `
// Sky replacement (a throw-away stand-in: npm run check:new-api): the top of the photo cut out onto transparency.
standIn<{ crop: boolean }>({
	name: 'sky replacement',
	path: skyReplacementApi.taskPath,
	minimalTask: { price: 3, kind: 'png', size: [120, 80] },
	resultFields: ['image'],
	returnTypes: [1, 2],
	input: UNPUBLISHED,
	parse(form) {
		choice(form, 'sky_type', ['blue', 'starry', 'sunset'], 'blue');
		return { crop: option(form, 'crop', [0, 1], 0) === 1 };
	},
	price: () => 3,
	async render(plan, source) {
		const picture = cutout(source.picture, fractionRect(source, 0.25, 0.3, 0.5, 0.6));
		return { image: await encodeAs(plan.crop ? crop(picture, subjectCrop(picture)) : picture, 'png') };
	},
});
`;

/** The unit tests that go over the registry: found by what they import or read. */
const GOES_OVER_THE_REGISTRY = [
	/from '(\.\.\/)+nodes\/PicWish\/actions'/, // the registry
	/support\/examples'/, // the registry's task resources and their examples
	/from '\.\/(apis|live)'/, // the sandbox's stand-ins; the live run over the registry
	/new PicWish(Tool)?\(\)\.description|\{ description \} = new PicWish\(\)/, // the node's whole description
	/const SOURCES = \[/, // the layout of the source folders (architecture.test.ts)
];

class CheckFailed extends Error {}

function check(condition: boolean, message: string): asserts condition {
	if (!condition) throw new CheckFailed(message);
}

function filesUnder(root: string, dir = root): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (name === 'node_modules' || name === '.jest-cache' || name === 'tmp') return [];
		return statSync(path).isDirectory() ? filesUnder(root, path) : [relative(root, path)];
	});
}

/** Every file of the copy and a hash of its content. */
function snapshot(root: string): Map<string, string> {
	return new Map(
		filesUnder(root).map((file) => [
			file,
			createHash('sha1')
				.update(readFileSync(join(root, file)))
				.digest('hex'),
		]),
	);
}

/** `text` with `line` inserted before the first line that matches `before`, after the first that matches `from` (if given). */
function insertLine(
	text: string,
	line: string,
	before: RegExp,
	what: string,
	from?: RegExp,
): string {
	const lines = text.split('\n');
	const start = from ? lines.findIndex((candidate) => from.test(candidate)) : 0;
	const at =
		start < 0
			? -1
			: lines.findIndex((candidate, index) => index >= start && before.test(candidate));
	check(
		at >= 0,
		`${what}: the place to add it was not found; update test/verification/new-api.ts to the file's new shape`,
	);
	lines.splice(at, 0, line);
	return lines.join('\n');
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
	const result = spawnSync(command, args, {
		cwd,
		env,
		encoding: 'utf8',
		maxBuffer: 256 * 1024 * 1024,
	});
	return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

interface JestReport {
	success: boolean;
	numTotalTests: number;
	numFailedTests: number;
	numFailedTestSuites: number;
	numRuntimeErrorTestSuites: number;
	testResults: Array<{
		name: string;
		status: string;
		assertionResults: Array<{ fullName: string; status: string }>;
	}>;
}

function main(): number {
	const started = Date.now();
	const copy = mkdtempSync(join(tmpdir(), 'picwish-new-api-'));
	let passed = false;
	try {
		for (const entry of COPIED) cpSync(join(ROOT, entry), join(copy, entry), { recursive: true });
		symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
		const before = snapshot(copy);

		// 1. The folder.
		mkdirSync(join(copy, FOLDER));
		writeFileSync(join(copy, FOLDER, 'api.ts'), API_TS);
		writeFileSync(join(copy, FOLDER, 'index.ts'), INDEX_TS);
		// 2. The registry entry.
		let registry = readFileSync(join(copy, REGISTRY), 'utf8');
		registry = insertLine(registry, REGISTRY_IMPORT, /^import /, `${REGISTRY}'s import`);
		registry = insertLine(
			registry,
			REGISTRY_ENTRY,
			/^\};$/,
			`${REGISTRY}'s entry in resources`,
			/^export const resources\b/,
		);
		writeFileSync(join(copy, REGISTRY), registry);
		// 3. The sandbox's stand-in.
		const sandbox = insertLine(
			readFileSync(join(copy, SANDBOX), 'utf8'),
			SANDBOX_IMPORT,
			/^import /,
			`${SANDBOX}'s import`,
		);
		writeFileSync(join(copy, SANDBOX), `${sandbox.trimEnd()}\n${SANDBOX_ENTRY}`);

		const docs = run('npm', ['run', '--silent', 'docs'], copy);
		check(docs.status === 0, `npm run docs failed in the copy:\n${docs.output}`);
		console.log(`npm run docs in the copy:\n${docs.output.trim()}`);

		// Nothing else changed: the three places and what npm run docs writes.
		const after = snapshot(copy);
		const added = [...after.keys()].filter((file) => !before.has(file)).sort();
		const removed = [...before.keys()].filter((file) => !after.has(file)).sort();
		const changed = [...after.keys()]
			.filter((file) => before.has(file) && before.get(file) !== after.get(file))
			.sort();
		check(removed.length === 0, `files removed: ${removed.join(', ')}`);
		check(
			JSON.stringify(added) === JSON.stringify([`${FOLDER}/api.ts`, `${FOLDER}/index.ts`]),
			`files added: ${added.join(', ')}`,
		);
		check(
			JSON.stringify(changed) === JSON.stringify([...DOCS, REGISTRY, SANDBOX].sort()),
			`files changed: ${changed.join(', ')}`,
		);
		const readme = readFileSync(join(copy, 'README.md'), 'utf8');
		check(
			readme.includes(`| Sky Replacement (\`${VALUE}\`) | **Replace Sky** (\`replaceSky\`)`),
			"README.md's operations table has no row for the new resource",
		);
		check(
			JSON.parse(readFileSync(join(copy, DOCS[1]), 'utf8')).alias.includes('sky replacement'),
			"the codex's aliases lack the new resource's",
		);
		console.log(`Changed: ${changed.join(', ')}; added: ${added.join(', ')}.`);

		const tests = filesUnder(copy, join(copy, 'test'))
			.filter((file) => file.endsWith('.test.ts') && !file.startsWith('test/e2e/'))
			.filter((file) =>
				GOES_OVER_THE_REGISTRY.some((pattern) =>
					pattern.test(readFileSync(join(copy, file), 'utf8')),
				),
			)
			.sort();
		for (const expected of [
			'test/nodes/PicWish/actions/resources.test.ts',
			'test/sandbox/apis.test.ts',
			'test/docs/docs.test.ts',
			'test/nodes/PicWish/description.test.ts',
		]) {
			check(
				tests.includes(expected),
				`${expected} was not found among the tests that go over the registry: update GOES_OVER_THE_REGISTRY`,
			);
		}
		console.log(`Running ${tests.length} test files in the copy: ${tests.join(', ')}`);
		const temp = join(copy, 'tmp');
		mkdirSync(temp);
		const report = join(temp, 'jest.json');
		const jest = run(
			process.execPath,
			[
				join(copy, 'node_modules/jest/bin/jest.js'),
				'--config',
				'test/jest.config.js',
				'--cacheDirectory',
				join(copy, '.jest-cache'),
				'--json',
				'--outputFile',
				report,
				...tests,
			],
			copy,
			{ ...process.env, TMPDIR: temp, KEEP_TEST_FILES: '' },
		);
		const results = JSON.parse(readFileSync(report, 'utf8')) as JestReport;
		check(
			jest.status === 0 &&
				results.success &&
				results.numFailedTests === 0 &&
				results.numFailedTestSuites === 0,
			`jest failed in the copy:\n${jest.output}`,
		);
		check(
			results.testResults.length === tests.length,
			`jest ran ${results.testResults.length} of ${tests.length} test files`,
		);
		// The new resource is among the cases of the tests that list the resources by name.
		const titles = results.testResults.flatMap((file) =>
			file.assertionResults.map((test) => `${relative(copy, file.name)} ${test.fullName}`),
		);
		for (const file of [
			'test/nodes/PicWish/actions/resources.test.ts',
			'test/sandbox/apis.test.ts',
			'test/nodes/PicWish/actions/tool.test.ts',
		]) {
			check(
				titles.some((title) => title.startsWith(file) && title.includes(VALUE)),
				`${file} ran no test of ${VALUE}`,
			);
		}
		const mentioned = titles.filter(
			(title) => title.includes(VALUE) || title.includes('sky replacement'),
		).length;
		console.log(
			`check:new-api: passed in ${Math.round((Date.now() - started) / 1000)} s: ${results.numTotalTests} tests in ${tests.length} files, ${mentioned} of them naming ${VALUE}; no file but the folder, the registry, the sandbox and what npm run docs writes changed.`,
		);
		passed = true;
		return 0;
	} catch (error) {
		console.error(
			`check:new-api: FAILED: ${error instanceof CheckFailed ? error.message : (error as Error).stack}\nThe copy is kept in ${copy}; remove it when done.`,
		);
		return 1;
	} finally {
		if (passed) rmSync(copy, { recursive: true, force: true });
	}
}

process.exitCode = main();
