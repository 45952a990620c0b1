/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * End to end in real n8n processes, on both n8n lines: the packed package installed as a
 * community package, the README's example workflows imported and executed with the n8n CLI
 * against the PicWish sandbox, and the credential test run through n8n's REST API.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

import { inspectImage } from '../../nodes/PicWish/helpers/image';
import { type Sandbox, startSandbox } from '../sandbox/server';
import {
	EXAMPLES_DIR,
	exampleFiles,
	SANDBOX_KEY,
	sandboxCredential,
	writeExampleInputs,
} from './dev';
import {
	ensureHost,
	executeWorkflow,
	freePort,
	hostEnv,
	HOSTS,
	importCredentials,
	importWorkflow,
	installPackage,
	nodeOutput,
	packPackage,
	type Host,
	setupOwner,
	startN8n,
	stopProcess,
} from './host';

const DEV_SANDBOX = 'http://127.0.0.1:8930';

/** A web server that is not PicWish: every path answers 200 with an HTML page. */
async function startWebPage(): Promise<{ url: string; close: () => Promise<void> }> {
	const server = createServer((_req, res) => {
		res.writeHead(200, { 'Content-Type': 'text/html' });
		res.end('<!DOCTYPE html><html><body><h1>Welcome</h1></body></html>');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

let tarball: string;
beforeAll(() => {
	tarball = packPackage(mkdtempSync(join(tmpdir(), 'picwish-pack-')));
});

describe.each([['2'], ['1']] as const)('n8n %s.x', (line) => {
	const host: Host = HOSTS[line];
	let sandbox: Sandbox;
	let env: NodeJS.ProcessEnv;
	let workDir: string;
	let filesDir: string;

	/** The examples as the README offers them, pointed at this test's sandbox and folder. */
	async function importExamples(): Promise<void> {
		const dir = join(workDir, 'examples');
		mkdirSync(dir, { recursive: true });
		for (const file of exampleFiles()) {
			const text = readFileSync(file, 'utf8')
				.replaceAll(DEV_SANDBOX, sandbox.url)
				.replaceAll(EXAMPLES_DIR, filesDir);
			writeFileSync(join(dir, basename(file)), text);
			await importWorkflow(host, env, join(dir, basename(file)));
		}
	}

	beforeAll(async () => {
		ensureHost(host);
		workDir = mkdtempSync(join(tmpdir(), `picwish-e2e-${line}-`));
		filesDir = join(workDir, 'files');
		sandbox = await startSandbox({ apiKeys: [SANDBOX_KEY], qps: 2, processingMs: 400 });
		installPackage(join(workDir, 'user'), tarball);
		env = hostEnv(host, join(workDir, 'user'), { N8N_RESTRICT_FILE_ACCESS_TO: filesDir });
		writeExampleInputs(filesDir);
		const credentials = join(workDir, 'credentials.json');
		writeFileSync(credentials, JSON.stringify(sandboxCredential(sandbox.url)));
		await importCredentials(host, env, credentials);
		await importExamples();
	});
	afterAll(async () => await sandbox?.close());
	beforeEach(() => sandbox.reset());

	it("every example imports and passes n8n's own checks (node types and versions, parameters, credentials, connections)", () => {
		// Run by this n8n's Node.js with its own n8n-workflow and n8n-nodes-base (test/e2e/validate-workflows.cjs).
		const modulesDir = dirname(dirname(host.n8nBin));
		const output = execFileSync(
			host.nodeBinDir ? join(host.nodeBinDir, 'node') : process.execPath,
			[
				join(__dirname, 'validate-workflows.cjs'),
				modulesDir,
				join(workDir, 'user/.n8n/nodes/node_modules/n8n-nodes-picwish'),
				...exampleFiles(),
			],
			{ env: { ...process.env, NODE_PATH: modulesDir }, encoding: 'utf8' },
		);
		const problems = JSON.parse(output) as Record<string, string[]>;
		expect(Object.keys(problems)).toEqual(exampleFiles().map((file) => basename(file)));
		expect(Object.entries(problems).filter(([, list]) => list.length)).toEqual([]);
	});

	it('files from disk → Remove Watermark (binary) → files to disk', async () => {
		const report = await executeWorkflow(host, env, 'pwExampleFiles01');
		expect(report.status).toBe('success');
		const items = nodeOutput(report, 'Remove Watermark');
		expect(items).toHaveLength(3);
		const inputs = readdirSync(join(filesDir, 'in')).sort();
		const outputs = readdirSync(join(filesDir, 'out')).sort();
		// Same names; the extension follows the result's real type (PicWish answers JPEGs).
		expect(outputs).toEqual(inputs.map((name) => name.replace(/\.\w+$/, '.jpg')));
		for (const [index, name] of outputs.entries()) {
			const written = readFileSync(join(filesDir, 'out', name));
			const original = readFileSync(join(filesDir, 'in', inputs[index]));
			const check = inspectImage(written);
			expect(check.ok).toBe(true);
			// The sandbox's band: a re-encoded image, not the input passed through.
			expect(written.equals(original)).toBe(false);
		}
		for (const item of items) {
			expect(item.json).toMatchObject({
				state: 1,
				taskStatus: 'completed',
				stateName: 'Completed',
			});
			expect(item.binary?.data).toMatchObject({ fileType: 'image' });
		}
		expect(sandbox.stats).toMatchObject({ creates: 3, downloads: 3 });
	});

	it('a list of image URLs → Remove Watermark (URL, Check Credits First) → result URLs only', async () => {
		const report = await executeWorkflow(host, env, 'pwExampleUrls001');
		expect(report.status).toBe('success');
		const items = nodeOutput(report, 'Remove Watermark');
		expect(items).toHaveLength(3);
		for (const item of items) {
			expect(item.json.file).toMatch(
				new RegExp(`^${sandbox.url}/results/[0-9a-f-]{36}\\.jpg\\?x-oss-credential=`),
			);
			expect(item.json.resultUrlExpiresAt).toMatch(/^\d{4}-\d\d-\d\dT/);
			expect(item.json.completedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
			expect(item.binary).toBeUndefined();
		}
		expect(sandbox.stats).toMatchObject({ creditChecks: 1, creates: 3, downloads: 0 });
	});

	it('Check Credits First stops an over-large batch before its first task', async () => {
		const { credits } = sandbox.options;
		sandbox.options.credits = 2;
		try {
			const report = await executeWorkflow(host, env, 'pwExampleUrls001');
			expect(report.status).toBe('error');
			// Watermark removal's price is not published: counted at 2 to be safe, at least 1.
			expect(report.output).toContain(
				'Not enough PicWish credits: up to 6 needed (at least 3), 2 left',
			);
			expect(sandbox.stats).toMatchObject({ creditChecks: 1, creates: 0 });
		} finally {
			sandbox.options.credits = credits;
		}
	});

	it('Account → Get Credits: the credits left and used, summed over the packages', async () => {
		await executeWorkflow(host, env, 'pwExampleUrls001');
		const report = await executeWorkflow(host, env, 'pwExampleCredit1');
		expect(report.status).toBe('success');
		const [credits] = nodeOutput(report, 'Get Credits');
		expect(credits.json).toMatchObject({
			remaining_credits: sandbox.options.credits - 3,
			used_credits: 3,
		});
		expect(credits.json.packages).toHaveLength(2);
	});

	it('Create Task, then Get Task', async () => {
		const report = await executeWorkflow(host, env, 'pwExampleTasks01');
		expect(report.status).toBe('success');
		const [created] = nodeOutput(report, 'Create Task');
		expect(Object.keys(created.json)).toEqual(['task_id']);
		const [fetched] = nodeOutput(report, 'Get Task');
		expect(fetched.json).toMatchObject({ task_id: created.json.task_id, taskStatus: 'completed' });
		// PicWish's results are JPEGs whatever the input.
		expect(fetched.binary?.data).toMatchObject({
			fileName: `${String(created.json.task_id)}.jpg`,
			mimeType: 'image/jpeg',
		});
	});

	it('a mixed batch with continue-on-fail keeps the good items, in order', async () => {
		const report = await executeWorkflow(host, env, 'pwExampleMixed01');
		expect(report.status).toBe('success');
		const items = nodeOutput(report, 'Remove Watermark');
		expect(items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(items[0].json.taskStatus).toBe('completed');
		expect(items[1].json.error).toMatch(/Invalid image file \(state -7\) \[task_id /);
		expect(items[2].json.error).toBe('"not a url" is not a valid URL [item 2]');
		expect(items[3].json.error).toMatch(/Could not download the image URL \(state -3\)/);
		expect(items[4].json.taskStatus).toBe('completed');
		expect(report.output).not.toContain(SANDBOX_KEY);
	});

	it('a batch of 20 images: every image cleaned once, no 429 surfaced', async () => {
		const report = await executeWorkflow(host, env, 'pwExampleBatch20');
		expect(report.status).toBe('success');
		const items = nodeOutput(report, 'Remove Watermark');
		expect(items).toHaveLength(20);
		expect(items.every((item) => item.json.taskStatus === 'completed')).toBe(true);
		// A 429 the sandbox's clock causes now and then is absorbed: nothing lost, nothing created
		// twice. The pacing itself is tested on the pacer's own record (test/nodes/PicWish/scheduling),
		// the 429s a real clock costs are a benchmark figure (docs/benchmarks.md).
		expect(sandbox.stats.creates).toBe(20);
	});

	it('product photos → Remove Background (URL only) → Generate Background from its result URL: two images per product', async () => {
		const report = await executeWorkflow(host, env, 'pwExampleBgGen01');
		expect(report.status).toBe('success');
		const items = nodeOutput(report, 'Generate Background');
		expect(items.map((item) => [item.pairedItem, item.json.imageIndex])).toEqual([
			[{ item: 0 }, 1],
			[{ item: 0 }, 2],
			[{ item: 1 }, 1],
			[{ item: 1 }, 2],
		]);
		const names = readdirSync(join(filesDir, 'out')).filter((name) =>
			name.includes('-background-'),
		);
		expect(names.sort()).toEqual([
			'ceramic-mug-background-1.jpg',
			'ceramic-mug-background-2.jpg',
			'linen-shirt-background-1.jpg',
			'linen-shirt-background-2.jpg',
		]);
		// Chained by URL: n8n downloaded only the four generated images; the sandbox, as PicWish does,
		// fetched each cutout from its result URL itself (two more downloads of its own results).
		expect(sandbox.stats).toMatchObject({ creates: 4, downloads: 4 + 2 });
	});

	it('scanned invoices from disk → Document OCR (Excel) → workbooks named after the scans', async () => {
		const report = await executeWorkflow(host, env, 'pwExampleOcrXls1');
		expect(report.status).toBe('success');
		const items = nodeOutput(report, 'Convert to Excel');
		expect(items.map((item) => item.binary?.data?.fileName)).toEqual([
			'invoice-17.xlsx',
			'invoice-18-640x900.xlsx',
		]);
		for (const name of ['invoice-17.xlsx', 'invoice-18-640x900.xlsx']) {
			const workbook = readFileSync(join(filesDir, 'out', name));
			expect(workbook.subarray(0, 2).toString('latin1')).toBe('PK');
			expect(workbook.toString('latin1')).toContain('xl/');
		}
		expect(sandbox.stats).toMatchObject({ creates: 2, downloads: 2 });
	});

	it("n8n's credential test passes only a key PicWish checked: sandbox, strict gateway, a host without the credits endpoint, a web page", async () => {
		const port = await freePort();
		const n8n = await startN8n(host, env, port);
		const strict = await startSandbox({ apiKeys: [SANDBOX_KEY], strictTaskIds: true });
		const withoutCredits = await startSandbox({ apiKeys: [SANDBOX_KEY], creditsEndpoint: false });
		const page = await startWebPage();
		try {
			const cookie = await setupOwner(port, {
				email: 'e2e@example.com',
				password: 'E2e-password-1',
			});
			expect(cookie).toBeDefined();
			const test = async (apiKey: string, baseUrl: string) => {
				const response = await fetch(`http://127.0.0.1:${port}/rest/credentials/test`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json', Cookie: cookie, 'browser-id': 'e2e' },
					body: JSON.stringify({
						credentials: {
							id: 'picwish-sandbox',
							name: 'PicWish Sandbox',
							type: 'picWishApi',
							data: { apiKey, baseUrl, requestsPerSecond: 2 },
						},
					}),
				});
				return ((await response.json()) as { data: { status: string; message: string } }).data;
			};
			const passed = { status: 'OK', message: 'Connection successful!' };
			// n8n 1.x words a failed HTTP request itself; 2.x applies the credential's per-status messages.
			const rejected = {
				status: 'Error',
				message:
					line === '2'
						? 'PicWish rejected the API key (401): check it and that the service is enabled'
						: 'Authorization failed - please check your credentials',
			};
			expect(await test(SANDBOX_KEY, sandbox.url)).toEqual(passed);
			expect(await test('wrong-key', sandbox.url)).toEqual(rejected);
			// A gateway that answers 404 to a malformed task ID before it looks at the key.
			expect(await test(SANDBOX_KEY, strict.url)).toEqual(passed);
			expect(await test('wrong-key', strict.url)).toEqual(rejected);
			// Nothing there can prove the key: the test says so instead of passing.
			expect(await test(SANDBOX_KEY, withoutCredits.url)).toEqual({
				status: 'Error',
				message:
					line === '2'
						? expect.stringMatching(
								/^This host has no credits endpoint \(404\), so the key could not be checked/,
							)
						: 'The resource you are requesting could not be found',
			});
			expect(await test(SANDBOX_KEY, page.url)).toEqual({
				status: 'Error',
				message: expect.stringMatching(/^The Base URL did not answer like the PicWish API/),
			});
			for (const api of [sandbox, strict, withoutCredits])
				expect(api.stats).toMatchObject({ creates: 0, queries: 0 });
		} finally {
			await strict.close();
			await withoutCredits.close();
			await page.close();
			await stopProcess(n8n);
		}
	});
});
