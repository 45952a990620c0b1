/* eslint-disable @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * Reuse Results (issue #20, "never pay twice for the same image") in real n8n processes, on both
 * n8n lines: the packed package installed as a community package, workflows built here, imported
 * and executed with the n8n CLI (one process per run), and a webhook workflow served by
 * `n8n start` (one process for many executions) against the sandbox. A remembered result whose URL
 * stopped working (the sandbox revokes it, as OSS expires a link) is made again once, in the call.
 *
 * Every item's output is checked against the image the sandbox makes for *that* item's input
 * (its watermark "removal" is deterministic: test/sandbox/mark.ts), so a task shared between
 * items that were not the same image would show. Each test uses sample names of its own: the
 * node's memory of recent tasks lives as long as the n8n process.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type ImageLimits, inspectImage } from '../../nodes/PicWish/helpers/image';
import { markImage } from '../sandbox/mark';
import { type Sandbox, startSandbox } from '../sandbox/server';
import { sampleImage } from '../sandbox/samples';
import { SANDBOX_KEY, sandboxCredential } from './dev';
import {
	ensureHost,
	executeWorkflow,
	type ExecutionReport,
	freePort,
	hostEnv,
	HOSTS,
	importCredentials,
	importWorkflow,
	installPackage,
	nodeOutput,
	packPackage,
	runCli,
	startN8n,
	stopProcess,
	waitForWebhook,
	type Host,
	type RunItem,
} from './host';

/** Sandbox and credential: 10 requests per second, 300 ms per task (pacing is not what is tested here). */
const QPS = 10;
const PROCESSING_MS = 300;

const WATERMARK_PATH = '/api/tasks/visual/external/watermark-remove';
const BACKGROUND_PATH = '/api/tasks/visual/segmentation';
const ANY_IMAGE: ImageLimits = {
	kinds: ['jpeg', 'png', 'bmp', 'webp', 'tiff'],
	formats: 'any',
	maxBytes: 1e9,
	minSide: 1,
	maxSide: 100_000,
};

const CREDENTIALS = { picWishApi: { id: 'picwish-sandbox', name: 'PicWish Sandbox' } };
const TRIGGER = 'When clicking ‘Execute workflow’';

type WorkflowNode = Record<string, unknown> & { name: string };
type Connections = Record<string, { main: Array<Array<{ node: string; type: 'main'; index: 0 }>> }>;

function workflow(id: string, name: string, nodes: WorkflowNode[], active = false) {
	const connections: Connections = {};
	for (const [index, node] of nodes.slice(1).entries())
		connections[nodes[index].name] = { main: [[{ node: node.name, type: 'main', index: 0 }]] };
	return { id, name, active, settings: { executionOrder: 'v1' }, nodes, connections };
}

const at = (column: number): [number, number] => [column * 220, 0];

function trigger(): WorkflowNode {
	return {
		id: 'trigger',
		name: TRIGGER,
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: at(0),
		parameters: {},
	};
}

function picWish(name: string, parameters: Record<string, unknown>, column: number): WorkflowNode {
	return {
		id: `picwish-${column}`,
		name,
		type: 'n8n-nodes-picwish.picWish',
		typeVersion: 1,
		position: at(column),
		parameters,
		credentials: CREDENTIALS,
	};
}

/** One item per URL: a Set node (raw JSON) and a Split Out. */
function urlItems(urls: string[]): WorkflowNode[] {
	return [
		{
			id: 'list',
			name: 'Image List',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: at(1),
			parameters: {
				mode: 'raw',
				jsonOutput: JSON.stringify({ images: urls.map((url) => ({ url })) }),
				options: {},
			},
		},
		{
			id: 'split',
			name: 'One Item per Image',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: at(2),
			parameters: { fieldToSplitOut: 'images', options: {} },
		},
	];
}

/** Writes every item's `data` binary to `folder`, its name prefixed by the item's index (items of one image share a name). */
function writeEach(folder: string, column: number): WorkflowNode {
	return {
		id: 'write',
		name: 'Write Results',
		type: 'n8n-nodes-base.readWriteFile',
		typeVersion: 1,
		position: at(column),
		parameters: {
			operation: 'write',
			fileName: `=${folder}/{{ $itemIndex }}-{{ $binary.data.fileName }}`,
			dataPropertyName: 'data',
			options: {},
		},
	};
}

/** The image the sandbox's Remove Watermark makes from a sample: the sample with its amber band, as a JPEG. */
function expectedWatermarkResult(name: string): Buffer {
	const sample = sampleImage(name)!;
	const check = inspectImage(sample.bytes, ANY_IMAGE);
	if (!check.ok) throw new Error(`sample ${name}: ${check.problem}`);
	return markImage(sample.bytes, check.type.kind, check.width, check.height);
}

const hintsOf = (report: ExecutionReport, node: string): string[] =>
	(
		(
			report.run.data.resultData.runData[node]?.[0] as
				| { hints?: Array<{ message: string }> }
				| undefined
		)?.hints ?? []
	).map((hint) => hint.message);

/** Items grouped by the input each was made from: input → the task_ids its items carry. */
function taskIdsByInput(inputs: string[], items: RunItem[]): Map<string, Set<string>> {
	const groups = new Map<string, Set<string>>();
	for (const [index, input] of inputs.entries()) {
		const ids = groups.get(input) ?? new Set<string>();
		ids.add(String(items[index].json.task_id));
		groups.set(input, ids);
	}
	return groups;
}

let tarball: string;
beforeAll(() => {
	tarball = packPackage(mkdtempSync(join(tmpdir(), 'picwish-pack-')));
});

describe.each([['2'], ['1']] as const)('n8n %s.x: Reuse Results', (line) => {
	const host: Host = HOSTS[line];
	let sandbox: Sandbox;
	let env: NodeJS.ProcessEnv;
	let workDir: string;
	let filesDir: string;
	const outDir = (...parts: string[]) => join(filesDir, 'out', ...parts);

	// Sample names of each test's own (the line in them too: both lines' sandboxes run in this process).
	const SIZES = ['200x200', '240x180', '180x240', '220x220'];
	const urlNames = (test: string) =>
		SIZES.map((size, index) => `reuse-${test}${line}-${index}-${size}.jpg`);
	/** 12 items naming 4 images, each three times, mixed. */
	const twelve = (names: string[]) =>
		Array.from({ length: 12 }, (_, index) => names[(index * 3) % 4]);
	const urlOf = (name: string) => `${sandbox.url}/samples/${name}`;
	const webhookPath = `picwish-reuse-${line}`;
	const healPath = `picwish-reuse-heal-${line}`;

	async function importWorkflows(): Promise<void> {
		const removeWatermarkByUrl = (options: Record<string, unknown>) =>
			picWish(
				'Remove Watermark',
				{
					resource: 'watermark',
					operation: 'removeWatermark',
					inputType: 'url',
					imageUrl: '={{ $json.url }}',
					options: { resultAs: 'binary', ...options },
				},
				3,
			);
		const workflows = [
			// a. 12 URL items naming 4 images, the default (Within This Run and Recent Runs).
			workflow('pwReuseUrls00001', 'Reuse: 12 URL items, 4 images', [
				trigger(),
				...urlItems(twelve(urlNames('a')).map(urlOf)),
				removeWatermarkByUrl({}),
				writeEach(outDir('a'), 4),
			]),
			// d. The same with Never: one task per item.
			workflow('pwReuseNever0001', 'Reuse: Never', [
				trigger(),
				...urlItems(twelve(urlNames('d')).map(urlOf)),
				removeWatermarkByUrl({ reuseResults: 'never' }),
				writeEach(outDir('d'), 4),
			]),
			// b. Three files from disk, two of them byte-identical, through Remove Background (binary).
			workflow('pwReuseFiles0001', 'Reuse: 3 files, 2 identical', [
				trigger(),
				{
					id: 'read',
					name: 'Read Files',
					type: 'n8n-nodes-base.readWriteFile',
					typeVersion: 1,
					position: at(1),
					parameters: {
						operation: 'read',
						fileSelector: join(filesDir, 'in', '*.png'),
						options: {},
					},
				},
				picWish(
					'Remove Background',
					{
						resource: 'background',
						operation: 'removeBackground',
						inputType: 'binary',
						binaryPropertyName: 'data',
						options: {},
					},
					2,
				),
				writeEach(outDir('b'), 3),
			]),
			// c. A webhook per product: one image URL each, answered with the node's output.
			workflow('pwReuseWebhook01', 'Reuse: one image per webhook call', [
				{
					id: 'webhook',
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: at(0),
					webhookId:
						line === '2'
							? '0b8e4f3a-6c1d-4e2f-9a7b-5d3c2e1f0a92'
							: '0b8e4f3a-6c1d-4e2f-9a7b-5d3c2e1f0a91',
					parameters: {
						httpMethod: 'POST',
						path: webhookPath,
						responseMode: 'lastNode',
						responseData: 'firstEntryJson',
						options: {},
					},
				},
				picWish(
					'Remove Watermark',
					{
						resource: 'watermark',
						operation: 'removeWatermark',
						inputType: 'url',
						imageUrl: '={{ $json.body.imageUrl }}',
						options: { resultAs: 'url' },
					},
					1,
				),
			]),
			// e. A webhook whose result is downloaded (Result As: Binary File, the default) and written
			// as `<call>-<file name>`, answered with the written item's JSON (the node's, and the file's name).
			workflow('pwReuseHealing01', 'Reuse: a remembered result URL that stopped working', [
				{
					id: 'webhook',
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: at(0),
					webhookId:
						line === '2'
							? '5c2d7e81-3f4a-4b6c-8d9e-1a2b3c4d5e62'
							: '5c2d7e81-3f4a-4b6c-8d9e-1a2b3c4d5e61',
					parameters: {
						httpMethod: 'POST',
						path: healPath,
						responseMode: 'lastNode',
						responseData: 'firstEntryJson',
						options: {},
					},
				},
				picWish(
					'Remove Watermark',
					{
						resource: 'watermark',
						operation: 'removeWatermark',
						inputType: 'url',
						imageUrl: '={{ $json.body.imageUrl }}',
						options: {},
					},
					1,
				),
				{
					id: 'write',
					name: 'Write Result',
					type: 'n8n-nodes-base.readWriteFile',
					typeVersion: 1,
					position: at(2),
					parameters: {
						operation: 'write',
						fileName: `=${outDir('e')}/{{ $('Webhook').item.json.body.call }}-{{ $binary.data.fileName }}`,
						dataPropertyName: 'data',
						options: {},
					},
				},
			]),
		];
		const file = join(workDir, 'workflows.json');
		writeFileSync(file, JSON.stringify(workflows));
		await importWorkflow(host, env, file);
		// Production webhooks need an active (2.x: published) workflow.
		for (const id of ['pwReuseWebhook01', 'pwReuseHealing01']) {
			const activate =
				line === '2'
					? ['publish:workflow', `--id=${id}`]
					: ['update:workflow', `--id=${id}`, '--active=true'];
			const activated = await runCli(host, env, activate);
			if (activated.status !== 0)
				throw new Error(`${activate[0]} ${id} failed: ${activated.stdout}\n${activated.stderr}`);
		}
	}

	beforeAll(async () => {
		ensureHost(host);
		workDir = mkdtempSync(join(tmpdir(), `picwish-reuse-${line}-`));
		filesDir = join(workDir, 'files');
		sandbox = await startSandbox({ apiKeys: [SANDBOX_KEY], qps: QPS, processingMs: PROCESSING_MS });
		installPackage(join(workDir, 'user'), tarball);
		env = hostEnv(host, join(workDir, 'user'), { N8N_RESTRICT_FILE_ACCESS_TO: filesDir });
		mkdirSync(join(filesDir, 'in'), { recursive: true });
		// Two shirts of different sizes (so a swapped result shows), and a byte-for-byte copy of the red one.
		const red = sampleImage(`shirt-red${line}-300x200.png`)!.bytes;
		writeFileSync(join(filesDir, 'in', 'red-shirt.png'), red);
		writeFileSync(
			join(filesDir, 'in', 'blue-shirt.png'),
			sampleImage(`shirt-blue${line}-200x300.png`)!.bytes,
		);
		writeFileSync(join(filesDir, 'in', 'red-shirt-copy.png'), Buffer.from(red));
		for (const test of ['a', 'b', 'd', 'e']) mkdirSync(outDir(test), { recursive: true });
		const credentials = join(workDir, 'credentials.json');
		writeFileSync(credentials, JSON.stringify(sandboxCredential(sandbox.url, QPS)));
		await importCredentials(host, env, credentials);
		await importWorkflows();
	});
	afterAll(async () => await sandbox?.close());
	beforeEach(() => sandbox.reset());

	/** Every item's written result is the sandbox's result for that item's own image, under its own name. */
	function checkOwnImages(items: RunItem[], names: string[], dir: string): void {
		expect(readdirSync(dir).sort()).toEqual(names.map((name, index) => `${index}-${name}`).sort());
		for (const [index, name] of names.entries()) {
			expect([index, items[index].binary?.data?.fileName]).toEqual([index, name]);
			const written = readFileSync(join(dir, `${index}-${name}`));
			expect([index, name, written.equals(expectedWatermarkResult(name))]).toEqual([
				index,
				name,
				true,
			]);
		}
	}

	it('12 URL items naming 4 images: 4 tasks, items of one image share its task, each item gets its own image, the hint says what was saved', async () => {
		const names = twelve(urlNames('a'));
		// The check below means something only if the four images' results differ.
		expect(
			new Set(urlNames('a').map((name) => expectedWatermarkResult(name).toString('base64'))).size,
		).toBe(4);
		const report = await executeWorkflow(host, env, 'pwReuseUrls00001');
		expect(report.status).toBe('success');
		const items = nodeOutput(report, 'Remove Watermark');
		expect(items).toHaveLength(12);
		expect(items.map((item) => item.pairedItem)).toEqual(names.map((_, item) => ({ item })));
		for (const item of items)
			expect(item.json).toMatchObject({ state: 1, taskStatus: 'completed' });

		expect(sandbox.stats.creates).toBe(4);
		expect(sandbox.stats.createsByPath).toEqual({ [WATERMARK_PATH]: 4 });
		expect(sandbox.credits(SANDBOX_KEY).used).toBe(4);
		// One task per image; no two images share one.
		const groups = taskIdsByInput(names, items);
		expect([...groups.values()].map((ids) => ids.size)).toEqual([1, 1, 1, 1]);
		expect(new Set([...groups.values()].map((ids) => [...ids][0])).size).toBe(4);
		// In each image's three items, one made the task and two reused it.
		expect(items.filter((item) => item.json.reused === true)).toHaveLength(8);
		for (const name of urlNames('a')) {
			expect([
				name,
				names.flatMap((other, index) =>
					other === name && items[index].json.reused !== true ? [index] : [],
				).length,
			]).toEqual([name, 1]);
		}
		// Each item downloaded its result and wrote it: the result of its own image.
		expect(sandbox.stats.downloads).toBe(12);
		checkOwnImages(items, names, outDir('a'));
		// The host was asked once per task made (what later runs compare with).
		expect(sandbox.stats.sampleHeads).toBe(4);
		expect(hintsOf(report, 'Remove Watermark')).toEqual([
			'12 items, 4 tasks created, 8 reused — 8 credits saved',
		]);
	});

	it('3 files of which 2 are byte-identical: 2 tasks; each output is named after its own input and is its own image', async () => {
		const report = await executeWorkflow(host, env, 'pwReuseFiles0001');
		expect(report.status).toBe('success');
		const inputs = nodeOutput(report, 'Read Files').map((item) =>
			String(item.binary?.data?.fileName),
		);
		expect([...inputs].sort()).toEqual(['blue-shirt.png', 'red-shirt-copy.png', 'red-shirt.png']);
		const items = nodeOutput(report, 'Remove Background');
		expect(items).toHaveLength(3);
		expect(sandbox.stats.creates).toBe(2);
		expect(sandbox.stats.createsByPath).toEqual({ [BACKGROUND_PATH]: 2 });
		expect(sandbox.credits(SANDBOX_KEY).used).toBe(2);

		const outputs = items.map((item) => String(item.binary?.data?.fileName));
		expect(outputs).toEqual(inputs.map((name) => name.replace(/\.png$/, '-no-background.png')));
		const red = inputs.indexOf('red-shirt.png');
		const copy = inputs.indexOf('red-shirt-copy.png');
		const blue = inputs.indexOf('blue-shirt.png');
		expect(items[red].json.task_id).toBe(items[copy].json.task_id);
		expect(items[blue].json.task_id).not.toBe(items[red].json.task_id);
		expect(
			[items[red].json.reused, items[copy].json.reused].filter((reused) => reused === true),
		).toHaveLength(1);
		expect(items[blue].json.reused).toBeUndefined();

		// Written under their own names; each result has its own input's size, and the identical pair the same pixels.
		expect(readdirSync(outDir('b')).sort()).toEqual(
			outputs.map((name, index) => `${index}-${name}`).sort(),
		);
		const written = outputs.map((name, index) => readFileSync(outDir('b', `${index}-${name}`)));
		const size = (bytes: Buffer) => {
			const check = inspectImage(bytes, ANY_IMAGE);
			return check.ok ? `${check.type.kind} ${check.width}x${check.height}` : check.problem;
		};
		expect([size(written[red]), size(written[copy]), size(written[blue])]).toEqual([
			'png 300x200',
			'png 300x200',
			'png 200x300',
		]);
		expect(written[red].equals(written[copy])).toBe(true);
		expect(hintsOf(report, 'Remove Background')).toEqual([
			'3 items, 2 tasks created, 1 reused — 1 credit saved',
		]);
	});

	it('40 webhook executions in one n8n process, one image each, drawn from 10 images: 10 tasks; every execution gets its own image; a later execution reuses the remembered task', async () => {
		const names = Array.from({ length: 10 }, (_, index) => `reuse-c${line}-${index}-240x240.jpg`);
		const expected = new Map(names.map((name) => [name, expectedWatermarkResult(name)]));
		expect(new Set([...expected.values()].map((bytes) => bytes.toString('base64'))).size).toBe(10);
		const port = await freePort();
		const n8n = await startN8n(host, env, port);
		try {
			await waitForWebhook(port, webhookPath);
			const call = async (name: string) => {
				const response = await fetch(`http://127.0.0.1:${port}/webhook/${webhookPath}`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify({ imageUrl: urlOf(name) }),
				});
				return {
					status: response.status,
					json: (await response.json()) as Record<string, unknown>,
				};
			};
			// Each image four times, all forty at once.
			const calls = Array.from({ length: 40 }, (_, index) => names[index % 10]);
			const answers = await Promise.all(calls.map(call));
			expect(answers.map((answer) => answer.status)).toEqual(calls.map(() => 200));
			for (const answer of answers)
				expect(answer.json).toMatchObject({ state: 1, taskStatus: 'completed' });
			expect(sandbox.stats.creates).toBe(10);
			expect(sandbox.credits(SANDBOX_KEY).used).toBe(10);
			const groups = taskIdsByInput(calls, answers);
			expect([...groups.values()].map((ids) => ids.size)).toEqual(names.map(() => 1));
			expect(new Set([...groups.values()].map((ids) => [...ids][0])).size).toBe(10);
			expect(answers.filter((answer) => answer.json.reused === true)).toHaveLength(30);
			// Every execution's result URL serves the result of its own image.
			for (const [index, answer] of answers.entries()) {
				const image = Buffer.from(await (await fetch(String(answer.json.resultUrl))).arrayBuffer());
				expect([index, calls[index], image.equals(expected.get(calls[index])!)]).toEqual([
					index,
					calls[index],
					true,
				]);
			}

			// Later, the same image again: the host still gives the same ETag, so the task is reused.
			const heads = sandbox.stats.sampleHeads;
			const later = await call(names[3]);
			expect(later.status).toBe(200);
			expect(later.json).toMatchObject({ reused: true, task_id: [...groups.get(names[3])!][0] });
			expect(sandbox.stats.creates).toBe(10);
			expect(sandbox.stats.sampleHeads).toBe(heads + 1);
		} finally {
			await stopProcess(n8n);
		}
	});

	it('a remembered result URL that stopped working (expired, revoked) heals within the call: a new task once, which later calls reuse', async () => {
		const name = `reuse-e${line}-0-260x200.jpg`;
		const expected = expectedWatermarkResult(name);
		const port = await freePort();
		const log: string[] = [];
		const n8n = await startN8n(host, env, port, (entry) => log.push(entry));
		try {
			await waitForWebhook(port, healPath);
			/** One webhook call for the image; its answer, and the image the execution wrote. */
			const call = async (index: number) => {
				const response = await fetch(`http://127.0.0.1:${port}/webhook/${healPath}`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify({ imageUrl: urlOf(name), call: index }),
				});
				const text = await response.text();
				if (response.status !== 200) {
					throw new Error(
						`call ${index} answered ${response.status}: ${text.slice(0, 500)}\nn8n's last log lines:\n${log.slice(-15).join('\n')}`,
					);
				}
				const json = JSON.parse(text) as Record<string, unknown>;
				expect(json).toMatchObject({
					state: 1,
					taskStatus: 'completed',
					fileName: `${outDir('e')}/${index}-${name}`,
				});
				const written = readFileSync(outDir('e', `${index}-${name}`));
				expect([index, written.equals(expected)]).toEqual([index, true]);
				return json;
			};

			const first = await call(1);
			expect(first.reused).toBeUndefined();
			expect(sandbox.stats.creates).toBe(1);

			// Every result URL issued so far stops working, as an expired OSS link or a CDN revoking it.
			expect(sandbox.revokeResults()).toBe(1);
			const second = await call(2);
			expect(second.reused).not.toBe(true);
			expect(second.task_id).not.toBe(first.task_id);
			expect(sandbox.stats.creates).toBe(2);
			expect(sandbox.credits(SANDBOX_KEY).used).toBe(2);

			// The new task is the one remembered now.
			const third = await call(3);
			expect(third).toMatchObject({ reused: true, task_id: second.task_id });
			expect(sandbox.stats.creates).toBe(2);
			expect(readdirSync(outDir('e')).sort()).toEqual([1, 2, 3].map((index) => `${index}-${name}`));
		} finally {
			await stopProcess(n8n);
		}
	});

	it('Reuse Results "Never" makes one task per item: 12 URL items, 12 tasks, each item its own image', async () => {
		const names = twelve(urlNames('d'));
		const report = await executeWorkflow(host, env, 'pwReuseNever0001');
		expect(report.status).toBe('success');
		const items = nodeOutput(report, 'Remove Watermark');
		expect(items).toHaveLength(12);
		expect(sandbox.stats.creates).toBe(12);
		expect(sandbox.credits(SANDBOX_KEY).used).toBe(12);
		expect(new Set(items.map((item) => item.json.task_id)).size).toBe(12);
		expect(items.filter((item) => item.json.reused !== undefined)).toEqual([]);
		expect(sandbox.stats.sampleHeads).toBe(0);
		checkOwnImages(items, names, outDir('d'));
		expect(hintsOf(report, 'Remove Watermark')).toEqual([]);
	});
});
