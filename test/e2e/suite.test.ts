/* eslint-disable @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * Every PicWish resource end to end in real n8n processes, on both n8n lines (issue #19): the packed
 * package installed as a community package, workflows built here, imported and executed with the
 * n8n CLI against the sandbox. Each of the eleven task APIs cleans an image given by URL and one
 * given as a binary; a four-step binary pipeline hands each result to the next step as an upload;
 * Check Credits First refuses a batch at each API's own price before any create; Get Task works on
 * a resource other than Watermark. Issue #26's checks before any request: Expansion sends its prompt
 * and refuses one over 200 characters; Object Removal refuses a binary mask of another size than the
 * binary image.
 *
 * A pass-through in front of the sandbox (create-recorder.ts) keeps each create's fields and
 * uploaded bytes, so the tests can tell a file upload from a URL and which bytes were sent.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type ImageLimits, inspectImage } from '../../nodes/PicWish/helpers/image';
import { type Sandbox, startSandbox } from '../sandbox/server';
import { sampleImage } from '../sandbox/samples';
import { type CreateRecorder, startCreateRecorder } from './create-recorder';
import { SANDBOX_KEY, sandboxCredential } from './dev';
import {
	ensureHost,
	executeWorkflow,
	hostEnv,
	HOSTS,
	importCredentials,
	importWorkflow,
	installPackage,
	nodeOutput,
	packPackage,
	type ExecutionReport,
	type Host,
	type RunItem,
} from './host';
import {
	itemsOf,
	picWish,
	readFiles,
	trigger,
	TRIGGER,
	type WorkflowNode,
	workflow,
	writeFile,
} from './workflows';

/** Any image the helper can read, at any size: the results are checked for being images, not against an API's limits. */
const ANY_IMAGE: ImageLimits = {
	kinds: ['jpeg', 'png', 'bmp', 'webp', 'tiff'],
	formats: 'any',
	maxBytes: 1e9,
	minSide: 1,
	maxSide: 100_000,
};
const EXT = { jpeg: 'jpg', png: 'png' } as const;
const MIME = { jpg: 'image/jpeg', png: 'image/png' } as const;

/** Both sandbox settings and the credential's pace: 10 requests per second, 300 ms per task. */
const QPS = 10;
const PROCESSING_MS = 300;

const WATERMARK_PATH = '/api/tasks/visual/external/watermark-remove';
const EXPANSION_PATH = '/api/tasks/visual/advanced-image-expand';
/** Expansion's prompt (issue #26): sent as the field `prompt`, up to 200 characters. */
const EXPANSION_PROMPT = 'a sandy beach at sunset, calm sea, a few palm trees on the left';

interface ResourceCase {
	resource: string;
	operation: string;
	/** The node's name in the workflows: the operation's name. */
	name: string;
	/** The endpoint, as issue #19 lists it (not read from the node, so a wrong path fails here). */
	path: string;
	suffix: string;
	/** The result's type from the sandbox for a JPEG input (its documented type); 'input' keeps the input's. */
	type: 'jpg' | 'png' | 'input';
	parameters?: Record<string, unknown>;
	options?: Record<string, unknown>;
}

const RESOURCES: ResourceCase[] = [
	{
		resource: 'background',
		operation: 'removeBackground',
		name: 'Remove Background',
		path: '/api/tasks/visual/segmentation',
		suffix: 'no-background',
		type: 'png',
	},
	{
		resource: 'faceCutout',
		operation: 'cutOutFace',
		name: 'Cut Out Face',
		path: '/api/tasks/visual/self-face-cutout',
		suffix: 'face',
		type: 'png',
	},
	{
		resource: 'objectRemoval',
		operation: 'removeObjects',
		name: 'Remove Objects',
		path: '/api/tasks/visual/inpaint',
		suffix: 'objects-removed',
		type: 'jpg',
		parameters: {
			area: 'rectangles',
			rectangles:
				'[{ "x": 100, "y": 80, "width": 200, "height": 120 }, { "x": 500, "y": 300, "width": 60, "height": 60 }]',
		},
	},
	{
		resource: 'enhance',
		operation: 'enhanceImage',
		name: 'Enhance Image',
		path: '/api/tasks/visual/scale',
		suffix: 'enhanced',
		type: 'jpg',
	},
	{
		resource: 'enhancePro',
		operation: 'enhanceImagePro',
		name: 'Enhance Image Pro',
		path: '/api/tasks/visual/scale-pro',
		suffix: 'enhanced',
		type: 'jpg',
		options: { quality: 1 },
	},
	{
		resource: 'colorization',
		operation: 'colorize',
		name: 'Colorize',
		path: '/api/tasks/visual/colorization',
		suffix: 'colorized',
		type: 'jpg',
	},
	{
		resource: 'compression',
		operation: 'compress',
		name: 'Compress',
		path: '/api/tasks/visual/imgcompress',
		suffix: 'compressed',
		type: 'input',
		options: { quality: 60 },
	},
	{
		resource: 'idPhoto',
		operation: 'makeIdPhoto',
		name: 'Make ID Photo',
		path: '/api/tasks/visual/idphoto',
		suffix: 'id-photo',
		type: 'png',
		options: { size: '295x413' },
	},
	{
		resource: 'cropEnhance',
		operation: 'cropAndEnhance',
		name: 'Crop and Enhance',
		path: '/api/tasks/visual/correction',
		suffix: 'cropped',
		type: 'jpg',
	},
	{
		resource: 'restoration',
		operation: 'restorePhoto',
		name: 'Restore Photo',
		path: '/api/tasks/visual/restoration-old-photo',
		suffix: 'restored',
		type: 'jpg',
	},
	{
		resource: 'expansion',
		operation: 'expandImage',
		name: 'Expand Image',
		path: '/api/tasks/visual/advanced-image-expand',
		suffix: 'expanded',
		type: 'jpg',
		parameters: { expandBy: 'ratios' },
		options: { top: 0.25 },
	},
];

/** The size each result has for an 800×600 input, where the operation decides it (the sandbox renders the documented size). */
const RESULT_SIZE: Record<string, [number, number]> = {
	enhance: [1600, 1200], // Auto: 2× up to 1024 px on the long edge.
	enhancePro: [1600, 1200], // HD: 2×.
	idPhoto: [295, 413],
	expansion: [960, 810], // 10 % left and right, 25 % top, 10 % bottom.
	objectRemoval: [800, 600],
	restoration: [800, 600],
	colorization: [800, 600],
	compression: [800, 600],
};

/** The node's parameters for one resource's create-and-wait operation. */
function resourceParameters(
	entry: ResourceCase,
	input: Record<string, unknown>,
	options: Record<string, unknown> = {},
): Record<string, unknown> {
	return {
		resource: entry.resource,
		operation: entry.operation,
		...input,
		...entry.parameters,
		options: { ...entry.options, ...options },
	};
}

/** The files a Write node put in `dir`. */
const written = (dir: string): string[] => readdirSync(dir).sort();

let tarball: string;
beforeAll(() => {
	tarball = packPackage(mkdtempSync(join(tmpdir(), 'picwish-pack-')));
});

describe.each([['2'], ['1']] as const)('n8n %s.x: every PicWish resource', (line) => {
	const host: Host = HOSTS[line];
	let sandbox: Sandbox;
	let recorder: CreateRecorder;
	let env: NodeJS.ProcessEnv;
	let workDir: string;
	let filesDir: string;
	const sample = (name: string) => `${sandbox.url}/samples/${name}`;
	const outDir = (...parts: string[]) => join(filesDir, 'out', ...parts);

	/** Builds this line's workflows (they need the sandbox's URL and the files folder) and imports them in one go. */
	async function importWorkflows(): Promise<void> {
		const workflows = [];

		// 1. Every resource, the image given by URL: eleven branches from the trigger, each written to its own folder.
		{
			const nodes: WorkflowNode[] = [trigger()];
			const pairs: Array<[string, string]> = [];
			for (const [index, entry] of RESOURCES.entries()) {
				const parameters = resourceParameters(
					entry,
					{ inputType: 'url', imageUrl: sample('photo-800x600.jpg') },
					{ resultAs: 'binary', ...(entry.resource === 'background' ? { output: 1 } : {}) },
				);
				nodes.push(picWish(`url-${entry.resource}`, entry.name, parameters, [260, index * 160]));
				nodes.push(
					writeFile(
						`url-write-${entry.resource}`,
						`Write ${entry.name}`,
						outDir('url', entry.resource),
						'data',
						[520, index * 160],
					),
				);
				pairs.push([TRIGGER, entry.name], [entry.name, `Write ${entry.name}`]);
			}
			nodes.push(
				writeFile('url-write-mask', 'Write Mask', outDir('url', 'mask'), 'mask', [520, -160]),
			);
			pairs.push(['Remove Background', 'Write Mask']);
			workflows.push(workflow('pwSuiteUrls00001', 'Suite: every resource by URL', nodes, pairs));
		}

		// 2. Every resource, the image as a binary read from disk.
		{
			const read = readFiles('read', 'Read Photo', join(filesDir, 'in', 'photo.png'), [220, 0]);
			const nodes: WorkflowNode[] = [trigger(), read];
			const pairs: Array<[string, string]> = [[TRIGGER, 'Read Photo']];
			for (const [index, entry] of RESOURCES.entries()) {
				const parameters = resourceParameters(
					entry,
					{ inputType: 'binary', binaryPropertyName: 'data' },
					{ resultAs: 'binary' },
				);
				nodes.push(picWish(`bin-${entry.resource}`, entry.name, parameters, [480, index * 160]));
				nodes.push(
					writeFile(
						`bin-write-${entry.resource}`,
						`Write ${entry.name}`,
						outDir('binary', entry.resource),
						'data',
						[740, index * 160],
					),
				);
				pairs.push(['Read Photo', entry.name], [entry.name, `Write ${entry.name}`]);
			}
			workflows.push(
				workflow('pwSuiteBinary001', 'Suite: every resource from a binary', nodes, pairs),
			);
		}

		// 3. A binary pipeline: each step uploads the previous step's result.
		{
			const steps = [
				picWish(
					'p-watermark',
					'Remove Watermark',
					{
						resource: 'watermark',
						operation: 'removeWatermark',
						inputType: 'binary',
						binaryPropertyName: 'data',
						options: {},
					},
					[440, 0],
				),
				picWish(
					'p-background',
					'Remove Background',
					{
						resource: 'background',
						operation: 'removeBackground',
						inputType: 'binary',
						binaryPropertyName: 'data',
						options: {},
					},
					[660, 0],
				),
				picWish(
					'p-enhance',
					'Enhance Image',
					{
						resource: 'enhance',
						operation: 'enhanceImage',
						inputType: 'binary',
						binaryPropertyName: 'data',
						options: {},
					},
					[880, 0],
				),
				picWish(
					'p-compress',
					'Compress',
					{
						resource: 'compression',
						operation: 'compress',
						inputType: 'binary',
						binaryPropertyName: 'data',
						options: { quality: 60 },
					},
					[1100, 0],
				),
			];
			const nodes = [
				trigger(),
				readFiles('read', 'Read Product Photo', join(filesDir, 'in', 'product.jpg'), [220, 0]),
				...steps,
				writeFile('write', 'Write Result', outDir('pipeline'), 'data', [1320, 0]),
			];
			const names = nodes.map((node) => node.name);
			workflows.push(
				workflow(
					'pwSuitePipeline1',
					'Suite: watermark → background → enhance → compress (binary)',
					nodes,
					names.slice(1).map((name, index) => [names[index], name]),
				),
			);
		}

		// 4. Check Credits First: two URL items, priced per API before any create.
		const twoUrls = itemsOf([
			{ url: sample('shirt-800x1000.jpg') },
			{ url: sample('mug-900x900.png') },
		]);
		workflows.push(
			workflow(
				'pwSuiteCredits01',
				'Suite: Check Credits First, Enhance (URL)',
				[
					trigger(),
					...twoUrls.nodes,
					picWish(
						'enhance',
						'Enhance Image',
						{
							resource: 'enhance',
							operation: 'enhanceImage',
							inputType: 'url',
							imageUrl: '={{ $json.url }}',
							options: { checkCreditsFirst: true, resultAs: 'url' },
						},
						[660, 0],
					),
				],
				[
					[TRIGGER, 'Image List'],
					['Image List', twoUrls.last],
					[twoUrls.last, 'Enhance Image'],
				],
			),
			workflow(
				'pwSuiteCredits02',
				'Suite: Check Credits First, Enhance Pro HD (URL)',
				[
					trigger(),
					...twoUrls.nodes,
					picWish(
						'enhancePro',
						'Enhance Image Pro',
						{
							resource: 'enhancePro',
							operation: 'enhanceImagePro',
							inputType: 'url',
							imageUrl: '={{ $json.url }}',
							options: { quality: 1, checkCreditsFirst: true, resultAs: 'url' },
						},
						[660, 0],
					),
				],
				[
					[TRIGGER, 'Image List'],
					['Image List', twoUrls.last],
					[twoUrls.last, 'Enhance Image Pro'],
				],
			),
		);

		// 5. Create Task (background, asynchronous), then Get Task by its task_id.
		workflows.push(
			workflow(
				'pwSuiteGetTask01',
				'Suite: Background Create Task, then Get Task',
				[
					trigger(),
					picWish(
						'create',
						'Create Task',
						{
							resource: 'background',
							operation: 'createTask',
							inputType: 'url',
							imageUrl: sample('lamp-640x800.png'),
							mode: 'async',
							options: {},
						},
						[220, 0],
					),
					{
						id: 'wait',
						name: 'Wait 1 Second',
						type: 'n8n-nodes-base.wait',
						typeVersion: 1.1,
						position: [440, 0],
						parameters: { amount: 1 },
						webhookId: '5d0c7a52-3f0e-4f7e-9a3c-2b1f4c6d8e90',
					},
					picWish(
						'get',
						'Get Task',
						{
							resource: 'background',
							operation: 'getTask',
							taskId: '={{ $json.task_id }}',
							options: {},
						},
						[660, 0],
					),
				],
				[
					[TRIGGER, 'Create Task'],
					['Create Task', 'Wait 1 Second'],
					['Wait 1 Second', 'Get Task'],
				],
			),
		);

		// 6. Issue #26's checks before any request: Expansion's prompt (sent, or refused beyond 200
		// characters) and Object Removal's binary mask of another size than the binary image.
		const expand = (id: string, prompt: string) =>
			workflow(
				id,
				`Suite: Expand Image with a ${prompt.length}-character prompt (URL)`,
				[
					trigger(),
					picWish(
						'expand',
						'Expand Image',
						{
							resource: 'expansion',
							operation: 'expandImage',
							inputType: 'url',
							imageUrl: sample('beach-640x480.jpg'),
							expandBy: 'ratios',
							options: { prompt, resultAs: 'url' },
						},
						[220, 0],
					),
				],
				[[TRIGGER, 'Expand Image']],
			);
		workflows.push(
			expand('pwSuitePrompt001', EXPANSION_PROMPT),
			expand('pwSuitePrompt201', 'a'.repeat(201)),
			workflow(
				'pwSuiteMaskSize1',
				'Suite: Remove Objects with a binary mask of another size than the binary image',
				[
					trigger(),
					readFiles('read', 'Read Photo', join(filesDir, 'in', 'photo.png'), [220, 0]),
					{
						id: 'mask',
						name: 'Download Mask',
						type: 'n8n-nodes-base.httpRequest',
						typeVersion: 4.2,
						position: [440, 0],
						parameters: {
							url: sample('mask-400x300.png'),
							options: {
								response: { response: { responseFormat: 'file', outputPropertyName: 'mask' } },
							},
						},
					},
					picWish(
						'remove',
						'Remove Objects',
						{
							resource: 'objectRemoval',
							operation: 'removeObjects',
							inputType: 'binary',
							binaryPropertyName: 'data',
							area: 'maskBinary',
							maskBinaryPropertyName: 'mask',
							options: {},
						},
						[660, 0],
					),
				],
				[
					[TRIGGER, 'Read Photo'],
					['Read Photo', 'Download Mask'],
					['Download Mask', 'Remove Objects'],
				],
			),
		);

		const file = join(workDir, 'workflows.json');
		writeFileSync(file, JSON.stringify(workflows));
		await importWorkflow(host, env, file);
	}

	beforeAll(async () => {
		ensureHost(host);
		workDir = mkdtempSync(join(tmpdir(), `picwish-suite-${line}-`));
		filesDir = join(workDir, 'files');
		sandbox = await startSandbox({ apiKeys: [SANDBOX_KEY], qps: QPS, processingMs: PROCESSING_MS });
		recorder = await startCreateRecorder(sandbox.url);
		installPackage(join(workDir, 'user'), tarball);
		env = hostEnv(host, join(workDir, 'user'), { N8N_RESTRICT_FILE_ACCESS_TO: filesDir });
		mkdirSync(join(filesDir, 'in'), { recursive: true });
		writeFileSync(join(filesDir, 'in', 'photo.png'), sampleImage('photo-800x600.png')!.bytes);
		writeFileSync(join(filesDir, 'in', 'product.jpg'), sampleImage('product-600x600.jpg')!.bytes);
		for (const kind of ['url', 'binary']) {
			for (const entry of RESOURCES) mkdirSync(outDir(kind, entry.resource), { recursive: true });
		}
		mkdirSync(outDir('url', 'mask'), { recursive: true });
		mkdirSync(outDir('pipeline'), { recursive: true });
		// The credential points at the recorder, which relays everything to the sandbox.
		const credentials = join(workDir, 'credentials.json');
		writeFileSync(credentials, JSON.stringify(sandboxCredential(recorder.url, QPS)));
		await importCredentials(host, env, credentials);
		await importWorkflows();
	});
	afterAll(async () => {
		await recorder?.close();
		await sandbox?.close();
	});
	beforeEach(() => {
		sandbox.reset();
		recorder.reset();
	});

	/** One node's single output item, its result written by its Write node, checked as an image of the expected kind. */
	function checkResult(
		item: RunItem,
		dir: string,
		fileName: string,
		ext: 'jpg' | 'png',
	): { width: number; height: number; bytes: Buffer } {
		expect(item.json).toMatchObject({ state: 1, taskStatus: 'completed' });
		expect(item.json.resultUrl).toMatch(
			new RegExp(`^${sandbox.url}/results/[0-9a-f-]{36}\\.${ext}\\?`),
		);
		expect(item.binary?.data).toMatchObject({ fileName, mimeType: MIME[ext] });
		expect(written(dir)).toEqual([fileName]);
		const bytes = readFileSync(join(dir, fileName));
		const check = inspectImage(bytes, ANY_IMAGE);
		expect(check).toMatchObject({ ok: true });
		if (!check.ok) throw new Error(`${fileName} ${check.problem}`);
		expect(EXT[check.type.kind as keyof typeof EXT]).toBe(ext);
		return { width: check.width, height: check.height, bytes };
	}

	const allCreatesOnce = () => Object.fromEntries(RESOURCES.map((entry) => [entry.path, 1]));

	it('every resource cleans an image given by URL (Result As: Binary)', async () => {
		const report = await executeWorkflow(host, env, 'pwSuiteUrls00001');
		expect(report.status).toBe('success');
		const url = sample('photo-800x600.jpg');
		for (const entry of RESOURCES) {
			const items = nodeOutput(report, entry.name);
			expect(items).toHaveLength(1);
			const ext = entry.type === 'input' ? 'jpg' : entry.type;
			const result = checkResult(
				items[0],
				outDir('url', entry.resource),
				`photo-800x600-${entry.suffix}.${ext}`,
				ext,
			);
			if (RESULT_SIZE[entry.resource])
				expect([entry.resource, result.width, result.height]).toEqual([
					entry.resource,
					...RESULT_SIZE[entry.resource],
				]);
		}
		// Background with Output "Image and Mask": the mask beside the image, in the binary field "mask".
		const [background] = nodeOutput(report, 'Remove Background');
		expect(Object.keys(background.binary ?? {}).sort()).toEqual(['data', 'mask']);
		expect(background.binary?.mask).toMatchObject({
			fileName: 'photo-800x600-mask.png',
			mimeType: 'image/png',
		});
		const [mask] = written(outDir('url', 'mask'));
		expect(mask).toBe('photo-800x600-mask.png');
		expect(inspectImage(readFileSync(outDir('url', 'mask', mask)), ANY_IMAGE)).toMatchObject({
			ok: true,
			width: 800,
			height: 600,
		});

		// One create per endpoint, each sending the URL and no file.
		expect(sandbox.stats.createsByPath).toEqual(allCreatesOnce());
		expect(sandbox.stats.rateLimited).toBe(0);
		expect(recorder.creates.map((create) => create.path).sort()).toEqual(
			RESOURCES.map((entry) => entry.path).sort(),
		);
		for (const create of recorder.creates) {
			expect([create.path, create.fields.image_url, Object.keys(create.files)]).toEqual([
				create.path,
				url,
				[],
			]);
		}
		// The API-specific parameters reached PicWish as their fields.
		const sent = (path: string) => recorder.creates.find((create) => create.path === path)!.fields;
		expect(JSON.parse(sent('/api/tasks/visual/inpaint').rectangles)).toEqual([
			{ x: 100, y: 80, width: 200, height: 120 },
			{ x: 500, y: 300, width: 60, height: 60 },
		]);
		expect(sent('/api/tasks/visual/advanced-image-expand')).toMatchObject({ top: '0.25' });
		expect(sent('/api/tasks/visual/scale-pro')).toMatchObject({ type: '1' });
		expect(sent('/api/tasks/visual/segmentation')).toMatchObject({ output_type: '1' });
		expect(sent('/api/tasks/visual/idphoto')).toMatchObject({ size: '295x413' });
		// Prices: enhance 2 (800 px), the others 1, cropEnhance 3, Enhance Pro HD 4.
		expect(sandbox.credits(SANDBOX_KEY).used).toBe(2 + 4 + 3 + 8);
	});

	it('every resource cleans an image given as a binary file (Object Removal with rectangles, Expansion with ratios)', async () => {
		const report = await executeWorkflow(host, env, 'pwSuiteBinary001');
		expect(report.status).toBe('success');
		const input = readFileSync(join(filesDir, 'in', 'photo.png'));
		for (const entry of RESOURCES) {
			const items = nodeOutput(report, entry.name);
			expect(items).toHaveLength(1);
			const ext = entry.type === 'input' ? 'png' : entry.type;
			const result = checkResult(
				items[0],
				outDir('binary', entry.resource),
				`photo-${entry.suffix}.${ext}`,
				ext,
			);
			expect(result.bytes.equals(input)).toBe(false);
			if (RESULT_SIZE[entry.resource])
				expect([entry.resource, result.width, result.height]).toEqual([
					entry.resource,
					...RESULT_SIZE[entry.resource],
				]);
		}
		// One create per endpoint, each uploading the file read from disk (and no URL).
		expect(sandbox.stats.createsByPath).toEqual(allCreatesOnce());
		expect(recorder.creates).toHaveLength(RESOURCES.length);
		for (const create of recorder.creates) {
			const file = create.files.image_file;
			expect([create.path, create.fields.image_url, file?.filename, file?.contentType]).toEqual([
				create.path,
				undefined,
				'photo.png',
				'image/png',
			]);
			expect(file.bytes.equals(input)).toBe(true);
		}
		const inpaint = recorder.creates.find((create) => create.path === '/api/tasks/visual/inpaint')!;
		expect(JSON.parse(inpaint.fields.rectangles)).toHaveLength(2);
	});

	it('a binary pipeline: Remove Watermark → Remove Background → Enhance Image → Compress, each step uploading the one before', async () => {
		const report = await executeWorkflow(host, env, 'pwSuitePipeline1');
		expect(report.status).toBe('success');
		const stepNames = ['Remove Watermark', 'Remove Background', 'Enhance Image', 'Compress'];
		const outputs = stepNames.map((name) => {
			const items = nodeOutput(report, name);
			expect(items).toHaveLength(1);
			expect(items[0].json).toMatchObject({ taskStatus: 'completed' });
			return items[0];
		});
		// Each result is named after the file that went in, with each step's suffix; its type is the result's.
		expect(outputs.map((item) => [item.binary?.data.fileName, item.binary?.data.mimeType])).toEqual(
			[
				['product.jpg', 'image/jpeg'],
				['product-no-background.png', 'image/png'],
				['product-no-background-enhanced.jpg', 'image/jpeg'],
				['product-no-background-enhanced-compressed.jpg', 'image/jpeg'],
			],
		);
		expect(sandbox.stats.createsByPath).toEqual({
			[WATERMARK_PATH]: 1,
			'/api/tasks/visual/segmentation': 1,
			'/api/tasks/visual/scale': 1,
			'/api/tasks/visual/imgcompress': 1,
		});
		// Every step downloaded its result (Result As: Binary).
		expect(sandbox.stats.downloads).toBe(4);

		// Each create was a file upload: the first of the photo read from disk, the others of the
		// previous step's result, byte for byte (fetched again from its result URL) and by its name.
		const creates = recorder.creates;
		expect(creates.map((create) => create.path)).toEqual([
			WATERMARK_PATH,
			'/api/tasks/visual/segmentation',
			'/api/tasks/visual/scale',
			'/api/tasks/visual/imgcompress',
		]);
		const uploads = creates.map((create, index) => {
			const field = index === 0 ? 'file' : 'image_file';
			expect([Object.keys(create.files), create.fields.url, create.fields.image_url]).toEqual([
				[field],
				undefined,
				undefined,
			]);
			return create.files[field];
		});
		expect(uploads[0].filename).toBe('product.jpg');
		expect(uploads[0].bytes.equals(readFileSync(join(filesDir, 'in', 'product.jpg')))).toBe(true);
		const results: Buffer[] = [];
		for (const item of outputs) {
			const response = await fetch(String(item.json.resultUrl));
			expect(response.status).toBe(200);
			results.push(Buffer.from(await response.arrayBuffer()));
		}
		for (let step = 1; step < uploads.length; step++) {
			expect([step, uploads[step].filename, uploads[step].contentType]).toEqual([
				step,
				outputs[step - 1].binary?.data.fileName,
				outputs[step - 1].binary?.data.mimeType,
			]);
			expect(uploads[step].bytes.equals(results[step - 1])).toBe(true);
		}

		// The final output: the compressed image, written under its name, smaller than the enhanced one it
		// came from (600×600 enhanced 2× stays under the size the sandbox renders pixel by pixel).
		const [final] = written(outDir('pipeline'));
		expect(final).toBe('product-no-background-enhanced-compressed.jpg');
		const bytes = readFileSync(outDir('pipeline', final));
		expect(bytes.equals(results[3])).toBe(true);
		expect(inspectImage(bytes, ANY_IMAGE)).toMatchObject({
			ok: true,
			type: { kind: 'jpeg' },
			width: 1200,
			height: 1200,
		});
		expect(bytes.length).toBeLessThan(results[2].length);
	});

	it("Check Credits First refuses a batch the account cannot pay for, at each API's price, before any create", async () => {
		const { credits } = sandbox.options;
		try {
			// Enhance: an image by URL is counted at the higher price (3), its size unknown.
			sandbox.options.credits = 5;
			const enhance = await executeWorkflow(host, env, 'pwSuiteCredits01');
			expect(enhance.status).toBe('error');
			expect(enhance.output).toContain('Not enough PicWish credits: 6 needed, 5 left');
			expect(sandbox.stats).toMatchObject({ creditChecks: 1, creates: 0 });

			// Enhance Pro in HD: 4 credits an image; 7 are not enough for two, 8 are.
			sandbox.reset();
			sandbox.options.credits = 7;
			const short = await executeWorkflow(host, env, 'pwSuiteCredits02');
			expect(short.status).toBe('error');
			expect(short.output).toContain('Not enough PicWish credits: 8 needed, 7 left');
			expect(sandbox.stats).toMatchObject({ creditChecks: 1, creates: 0 });

			sandbox.reset();
			recorder.reset();
			sandbox.options.credits = 8;
			const exact = await executeWorkflow(host, env, 'pwSuiteCredits02');
			expect(exact.status).toBe('success');
			const items = nodeOutput(exact, 'Enhance Image Pro');
			expect(items.map((item) => item.json.taskStatus)).toEqual(['completed', 'completed']);
			expect(sandbox.stats).toMatchObject({ creditChecks: 1, creates: 2 });
			expect(sandbox.stats.createsByPath).toEqual({ '/api/tasks/visual/scale-pro': 2 });
			expect(recorder.creates.map((create) => create.fields.type)).toEqual(['1', '1']);
			expect(sandbox.credits(SANDBOX_KEY)).toEqual({ remaining: 0, used: 8 });
		} finally {
			sandbox.options.credits = credits;
		}
	});

	it('Expansion sends its prompt as the field "prompt" (issue #26)', async () => {
		const report = await executeWorkflow(host, env, 'pwSuitePrompt001');
		expect(report.status).toBe('success');
		const [item] = nodeOutput(report, 'Expand Image');
		expect(item.json).toMatchObject({ state: 1, taskStatus: 'completed' });
		expect(sandbox.stats.createsByPath).toEqual({ [EXPANSION_PATH]: 1 });
		expect(recorder.creates).toHaveLength(1);
		expect(recorder.creates[0]).toMatchObject({ path: EXPANSION_PATH, files: {} });
		expect(recorder.creates[0].fields).toMatchObject({
			image_url: sample('beach-640x480.jpg'),
			prompt: EXPANSION_PROMPT,
		});
	});

	/** A run that failed on one item before any request: the node's message, and no create reached the sandbox. */
	function refusedBeforeAnyRequest(report: ExecutionReport, message: string): void {
		expect(report.status).toBe('error');
		expect(report.output).toContain(message);
		expect(recorder.creates).toEqual([]);
		expect(sandbox.stats).toMatchObject({ creates: 0 });
		expect(sandbox.credits(SANDBOX_KEY).used).toBe(0);
	}

	it('Expansion refuses a 201-character prompt before any request, naming the 200 limit (issue #26)', async () => {
		const report = await executeWorkflow(host, env, 'pwSuitePrompt201');
		refusedBeforeAnyRequest(
			report,
			'"Prompt" is 201 characters long; PicWish takes at most 200 [item 0]',
		);
	});

	it('Object Removal refuses a binary mask of another size than the binary image before any request, naming both sizes (issue #26)', async () => {
		// A refusal takes seconds: a run still going after two minutes is stuck, and fails here.
		const report = await executeWorkflow(host, env, 'pwSuiteMaskSize1', 120_000);
		// The item reached the node with both binaries: the 800×600 photo read from disk and the 400×300 mask downloaded.
		const [downloaded] = nodeOutput(report, 'Download Mask');
		expect(Object.keys(downloaded.binary ?? {}).sort()).toEqual(['data', 'mask']);
		refusedBeforeAnyRequest(
			report,
			'"Mask Binary Field" holds a 400×300 mask, but the image is 800×600 [item 0]',
		);
	});

	it('Create Task then Get Task on Background (not Watermark)', async () => {
		const report = await executeWorkflow(host, env, 'pwSuiteGetTask01');
		expect(report.status).toBe('success');
		const [created] = nodeOutput(report, 'Create Task');
		expect(Object.keys(created.json)).toEqual(['task_id']);
		const taskId = String(created.json.task_id);
		const [fetched] = nodeOutput(report, 'Get Task');
		expect(fetched.json).toMatchObject({ task_id: taskId, state: 1, taskStatus: 'completed' });
		expect(fetched.json.resultUrl).toMatch(
			new RegExp(`^${sandbox.url}/results/[0-9a-f-]{36}\\.png\\?`),
		);
		expect(fetched.binary?.data).toMatchObject({
			fileName: `${taskId}-no-background.png`,
			mimeType: 'image/png',
		});
		expect(sandbox.stats.createsByPath).toEqual({ '/api/tasks/visual/segmentation': 1 });
		expect(sandbox.stats.queries).toBeGreaterThanOrEqual(1);
		expect(recorder.creates[0].fields).toMatchObject({ image_url: sample('lamp-640x800.png') });
		expect(recorder.creates[0].fields.sync ?? '0').toBe('0');
	});
});
