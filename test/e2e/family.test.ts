/* eslint-disable @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * The five APIs whose results have other shapes (issue #28), end to end in real n8n processes on
 * both n8n lines: the packed package installed as a community package, workflows imported and
 * executed with the n8n CLI against the sandbox. Each of the five by URL and from a binary; a
 * two-image generation gives two items from one task, both paired with the input; a PDF becomes a
 * Word document with the Word MIME type, and a plain-text run gives the text in the JSON; Check
 * Credits First refuses a two-image generation with 5 credits left before any request.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
	type Host,
	type RunItem,
} from './host';
import {
	picWish,
	readFiles,
	trigger,
	TRIGGER,
	type WorkflowNode,
	workflow,
	writeFile,
} from './workflows';

const QPS = 10;
const PROCESSING_MS = 300;

/** The endpoints as issue #28 lists them (not read from the node, so a wrong path fails here). */
const PATHS = {
	backgroundGeneration: '/api/tasks/visual/background',
	ocr: '/api/tasks/document/ocr',
	clothingSegmentation: '/api/tasks/visual/clothing-segmentation',
	retouching: '/api/tasks/visual/retouching-collection',
	advancedIdPhoto: '/api/tasks/visual/external/idphoto',
} as const;
type Resource = keyof typeof PATHS;

const WORD = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const PROMPT = 'on a wooden table by a sunny window';

/** Each resource's node: its name in the workflows and its parameters besides the input. */
const NODES: Record<Resource, { name: string; parameters: Record<string, unknown> }> = {
	backgroundGeneration: {
		name: 'Generate Background',
		parameters: {
			operation: 'generateBackground',
			backgroundFrom: 'prompt',
			prompt: PROMPT,
			options: { imageCount: 2 },
		},
	},
	ocr: {
		name: 'Convert Document',
		parameters: { operation: 'convertDocument', outputFormat: 'docx', options: {} },
	},
	clothingSegmentation: {
		name: 'Segment Clothing',
		parameters: { operation: 'segmentClothing', options: { masks: 3 } },
	},
	retouching: {
		name: 'Retouch Object',
		parameters: { operation: 'retouchObject', area: 'maskUrl', options: {} },
	},
	advancedIdPhoto: {
		name: 'Make Advanced ID Photo',
		parameters: {
			operation: 'makeAdvancedIdPhoto',
			sizeBy: 'pixels',
			pxWidth: 295,
			pxHeight: 413,
			options: {},
		},
	},
};
const RESOURCES = Object.keys(PATHS) as Resource[];
/** The binary each writes: the class masks go to fields named after their class. */
const WRITTEN: Record<Resource, string> = {
	backgroundGeneration: 'data',
	ocr: 'data',
	clothingSegmentation: 'tops',
	retouching: 'data',
	advancedIdPhoto: 'data',
};

const written = (dir: string): string[] => readdirSync(dir).sort();

let tarball: string;
beforeAll(() => {
	tarball = packPackage(mkdtempSync(join(tmpdir(), 'picwish-pack-')));
});

describe.each([['2'], ['1']] as const)('n8n %s.x: the five APIs of other shapes', (line) => {
	const host: Host = HOSTS[line];
	let sandbox: Sandbox;
	let recorder: CreateRecorder;
	let env: NodeJS.ProcessEnv;
	let workDir: string;
	let filesDir: string;
	const sample = (name: string) => `${sandbox.url}/samples/${name}`;
	const outDir = (...parts: string[]) => join(filesDir, 'out', ...parts);

	/** One branch per resource from `from`, each written to its own folder. */
	function branches(
		kind: 'url' | 'binary',
		from: string,
		input: (resource: Resource) => Record<string, unknown>,
	): { nodes: WorkflowNode[]; pairs: Array<[string, string]> } {
		const nodes: WorkflowNode[] = [];
		const pairs: Array<[string, string]> = [];
		for (const [index, resource] of RESOURCES.entries()) {
			const { name, parameters } = NODES[resource];
			nodes.push(
				picWish(`${kind}-${resource}`, name, { resource, ...parameters, ...input(resource) }, [
					480,
					index * 160,
				]),
				writeFile(
					`${kind}-write-${resource}`,
					`Write ${name}`,
					outDir(kind, resource),
					WRITTEN[resource],
					[740, index * 160],
				),
			);
			pairs.push([from, name], [name, `Write ${name}`]);
		}
		return { nodes, pairs };
	}

	async function importWorkflows(): Promise<void> {
		const photo = sample('photo-800x600.jpg');
		// Retouching's mask: a sample of the image's size.
		const mask = { maskUrl: sample('mask-800x600.png') };
		const byUrl = branches('url', TRIGGER, (resource) =>
			resource === 'ocr'
				? { inputType: 'url', fileUrl: sample('invoice.pdf') }
				: { inputType: 'url', imageUrl: photo, ...(resource === 'retouching' ? mask : {}) },
		);
		const photoRead = readFiles(
			'read-photo',
			'Read Photo',
			join(filesDir, 'in', 'photo.png'),
			[220, 0],
		);
		const pdfRead = readFiles(
			'read-pdf',
			'Read Invoice',
			join(filesDir, 'in', 'invoice.pdf'),
			[220, 320],
		);
		const fromBinary = branches('binary', 'Read Photo', (resource) => ({
			inputType: 'binary',
			binaryPropertyName: 'data',
			...(resource === 'retouching' ? mask : {}),
		}));
		// The document comes from its own Read node.
		const ocrPair = fromBinary.pairs.findIndex(([, to]) => to === NODES.ocr.name);
		fromBinary.pairs[ocrPair] = ['Read Invoice', NODES.ocr.name];
		const text = picWish(
			'txt',
			'Convert to Text',
			{
				resource: 'ocr',
				operation: 'convertDocument',
				outputFormat: 'txt',
				inputType: 'binary',
				binaryPropertyName: 'data',
				options: {},
			},
			[480, 960],
		);
		const credits = picWish(
			'credits',
			'Generate Background',
			{
				resource: 'backgroundGeneration',
				...NODES.backgroundGeneration.parameters,
				inputType: 'url',
				imageUrl: sample('cutout-600x600.png'),
				options: { imageCount: 2, checkCreditsFirst: true },
			},
			[260, 0],
		);
		const workflows = [
			workflow('pwFamilyUrls0001', 'Family: each by URL', [trigger(), ...byUrl.nodes], byUrl.pairs),
			workflow(
				'pwFamilyBinary01',
				'Family: each from a binary',
				[trigger(), photoRead, pdfRead, text, ...fromBinary.nodes],
				[
					[TRIGGER, 'Read Photo'],
					[TRIGGER, 'Read Invoice'],
					['Read Invoice', 'Convert to Text'],
					...fromBinary.pairs,
				],
			),
			workflow(
				'pwFamilyCredits1',
				'Family: Check Credits First',
				[trigger(), credits],
				[[TRIGGER, 'Generate Background']],
			),
		];
		const file = join(workDir, 'workflows.json');
		writeFileSync(file, JSON.stringify(workflows));
		await importWorkflow(host, env, file);
	}

	beforeAll(async () => {
		ensureHost(host);
		workDir = mkdtempSync(join(tmpdir(), `picwish-family-${line}-`));
		filesDir = join(workDir, 'files');
		sandbox = await startSandbox({ apiKeys: [SANDBOX_KEY], qps: QPS, processingMs: PROCESSING_MS });
		recorder = await startCreateRecorder(sandbox.url);
		installPackage(join(workDir, 'user'), tarball);
		env = hostEnv(host, join(workDir, 'user'), { N8N_RESTRICT_FILE_ACCESS_TO: filesDir });
		mkdirSync(join(filesDir, 'in'), { recursive: true });
		writeFileSync(join(filesDir, 'in', 'photo.png'), sampleImage('photo-800x600.png')!.bytes);
		writeFileSync(join(filesDir, 'in', 'invoice.pdf'), sampleImage('invoice.pdf')!.bytes);
		for (const kind of ['url', 'binary'])
			for (const resource of RESOURCES) mkdirSync(outDir(kind, resource), { recursive: true });
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

	/** What every run of the five shows: the results, named after the input, as their shapes say. */
	function checkFive(
		kind: 'url' | 'binary',
		output: (name: string) => RunItem[],
		base: string,
	): void {
		// Two images from one task: two items, both paired with the one input item, different files.
		const generated = output(NODES.backgroundGeneration.name);
		expect(generated.map((item) => item.json.imageIndex)).toEqual([1, 2]);
		expect(generated.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expect(new Set(generated.map((item) => item.json.task_id)).size).toBe(1);
		const images = written(outDir(kind, 'backgroundGeneration'));
		expect(images).toEqual([`${base}-background-1.jpg`, `${base}-background-2.jpg`]);
		const [first, second] = images.map((name) =>
			readFileSync(join(outDir(kind, 'backgroundGeneration'), name)),
		);
		expect(first.equals(second)).toBe(false);

		// The document: a Word file named after the invoice, made by this task from this input.
		const [converted] = output(NODES.ocr.name);
		expect(converted.binary?.data).toMatchObject({ fileName: 'invoice.docx', mimeType: WORD });
		const docx = readFileSync(join(outDir(kind, 'ocr'), 'invoice.docx'));
		expect(docx.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
		expect(docx.toString('latin1')).toContain(`Task: ${String(converted.json.task_id)}`);

		// The class masks, each in its own field, and the ZIP.
		const [segmented] = output(NODES.clothingSegmentation.name);
		expect(Object.keys(segmented.binary ?? {}).sort()).toEqual(
			['acc', 'bottoms', 'clothes', 'masks', 'tops'].sort(),
		);
		expect(segmented.json.classes).toEqual(expect.arrayContaining(['tops', 'bottoms']));
		expect(written(outDir(kind, 'clothingSegmentation'))).toEqual([`${base}-tops.png`]);

		const [retouched] = output(NODES.retouching.name);
		expect(retouched.binary?.data).toMatchObject({ fileName: `${base}-retouched.jpg` });
		const [idPhoto] = output(NODES.advancedIdPhoto.name);
		expect(idPhoto.json.image_id).toMatch(/^[0-9a-f]{32}$/);
		expect(written(outDir(kind, 'advancedIdPhoto'))).toEqual([`${base}-id-photo.png`]);

		// One create per endpoint; the async-only ones were created asynchronously.
		expect(sandbox.stats.createsByPath).toMatchObject(
			Object.fromEntries(RESOURCES.map((resource) => [PATHS[resource], expect.any(Number)])),
		);
		for (const create of recorder.creates.filter((entry) =>
			[PATHS.backgroundGeneration, PATHS.ocr].includes(entry.path as never),
		))
			expect(create.fields.sync).toBe('0');
	}

	it('each of the five by URL', async () => {
		const report = await executeWorkflow(host, env, 'pwFamilyUrls0001');
		expect(report.status).toBe('success');
		checkFive('url', (name) => nodeOutput(report, name), 'photo-800x600');
		for (const create of recorder.creates) expect(create.files).toEqual({});
		const sent = (resource: Resource) =>
			recorder.creates.find((create) => create.path === PATHS[resource])!.fields;
		expect(sent('backgroundGeneration')).toMatchObject({ prompt: PROMPT, batch_size: '2' });
		expect(sent('ocr')).toMatchObject({ image_url: sample('invoice.pdf'), format: 'docx' });
		expect(sent('retouching')).toMatchObject({ mask_url: sample('mask-800x600.png') });
		expect(sent('advancedIdPhoto')).toMatchObject({ px_width: '295', px_height: '413' });
		// 6 for two images, 1 for OCR, 3 for clothing, 1 retouching (the sandbox's price), 6 for the ID photo.
		expect(sandbox.credits(SANDBOX_KEY).used).toBe(6 + 1 + 3 + 1 + 6);
	});

	it('each of the five from a binary; a plain-text run gives the text', async () => {
		const report = await executeWorkflow(host, env, 'pwFamilyBinary01');
		expect(report.status).toBe('success');
		checkFive('binary', (name) => nodeOutput(report, name), 'photo');
		const uploaded = (path: string) =>
			recorder.creates.filter((create) => create.path === path).map((c) => Object.keys(c.files));
		expect(uploaded(PATHS.ocr)).toEqual([['image_file'], ['image_file']]);
		expect(uploaded(PATHS.backgroundGeneration)).toEqual([['image_file']]);
		const [text] = nodeOutput(report, 'Convert to Text');
		expect(text.binary?.data).toMatchObject({ fileName: 'invoice.txt' });
		expect(String(text.json.text)).toContain('Text recognised by the PicWish sandbox');
		expect(String(text.json.text)).toContain(`Task: ${String(text.json.task_id)}`);
		expect(String(text.json.text)).toContain('invoice.pdf');
	});

	it('Check Credits First refuses a two-image generation with 5 credits left before any request, saying 6 are needed', async () => {
		const { credits } = sandbox.options;
		try {
			sandbox.options.credits = 5;
			const report = await executeWorkflow(host, env, 'pwFamilyCredits1');
			expect(report.status).toBe('error');
			expect(report.output).toContain('Not enough PicWish credits: 6 needed, 5 left');
			expect(sandbox.stats).toMatchObject({ creditChecks: 1, creates: 0 });
			expect(recorder.creates).toEqual([]);
		} finally {
			sandbox.options.credits = credits;
		}
	});
});
