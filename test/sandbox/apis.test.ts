/* eslint-disable @n8n/community-nodes/no-restricted-globals -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * The sandbox's image_url / image_file task APIs: the rules they share (apis-endpoints.test.ts
 * checks each API's own fields). Paths come from the node's own api.ts files; the APIs and what a
 * minimal task gives, from each stand-in in apis.ts; and every task resource of the node's registry
 * has one, which takes the resource's example.
 */
import { backgroundApi } from '../../nodes/PicWish/actions/background/api';
import { colorizationApi } from '../../nodes/PicWish/actions/colorization/api';
import { cropEnhanceApi } from '../../nodes/PicWish/actions/cropEnhance/api';
import { enhanceApi } from '../../nodes/PicWish/actions/enhance/api';
import { enhanceProApi } from '../../nodes/PicWish/actions/enhancePro/api';
import { taskResourceCases } from '../support/examples';
import { HTML_PAGE, makePng } from '../support/images';
import { useRealNetwork } from '../support/nock-lifecycle';
import { ANY_IMAGE, client, download, type Fields, fetchResult } from './api-client';
import { TASK_APIS, TASK_APIS_BY_PATH } from './apis';
import { DOCUMENT_TYPES } from './documents';
import { type Sandbox, startSandbox, TASK_PATH, TASK_PATHS } from './server';
import { inspectImage } from '../../nodes/PicWish/helpers/image';

let sandbox: Sandbox;
beforeAll(async () => {
	// The sandbox is a real server: this file runs on Node's own sockets, without nock.
	useRealNetwork();
	sandbox = await startSandbox({ qps: 1000, processingMs: 0 });
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const api = client(() => sandbox.url);
const sample = (name: string) => `${sandbox.url}/samples/${name}`;

/** Each stand-in's minimal task (apis.ts): the fields it needs besides the image, its price, its main result's kind and size for a 120×80 input. */
const CASES = TASK_APIS.map((entry) => ({
	name: entry.name,
	path: entry.path,
	fields: entry.minimalTask.fields ?? {},
	price: entry.minimalTask.price,
	kind: entry.minimalTask.kind,
	size: entry.minimalTask.size,
	main: entry.resultFields[0],
	returnTypes: entry.returnTypes,
	asyncOnly: entry.asyncOnly ?? false,
}));
/** The node's task resources, each with its example. */
const NODE_CASES = taskResourceCases();
const IMAGE_EXTENSIONS: Record<string, string> = { jpeg: 'jpg', png: 'png', webp: 'webp' };
const asyncOnly = (path: string) => TASK_APIS_BY_PATH.get(path)?.asyncOnly ?? false;

/** A task that must succeed: synchronous, or created and queried where the API is async only. */
const finished = async (path: string, fields: Fields) =>
	asyncOnly(path) ? await api.runAsync(path, fields) : await api.run(path, fields);
/** A task's answer, its data the finished task's (sync=1, or queried where the API is async only). */
const attempt = async (path: string, fields: Fields) =>
	asyncOnly(path) ? await api.settle(path, fields) : await api.post(path, { ...fields, sync: '1' });

describe('the sandbox task APIs: shared rules', () => {
	it("serves every task path of the node's registry, the watermark one included, once, and lists them at GET /", async () => {
		expect([...TASK_PATHS].sort()).toEqual(NODE_CASES.map((entry) => entry.api.taskPath).sort());
		expect(TASK_PATHS[0]).toBe(TASK_PATH);
		const health = (await (await fetch(`${sandbox.url}/`)).json()) as {
			taskPaths: string[];
			taskPath: string;
		};
		expect(health).toMatchObject({ taskPath: TASK_PATH, taskPaths: TASK_PATHS });
	});

	it.each(CASES)(
		'$name: a task by URL and by file (sync, or queried where async only), the result of its type and size, charged $price per task',
		async (entry) => {
			const sources: Fields[] = [
				{ image_url: sample('case-120x80.png') },
				{ image_file: makePng(120, 80, [40, 90, 160]) },
			];
			for (const source of sources) {
				// An unknown field is ignored, as PicWish ignores it.
				const data = await finished(entry.path, {
					...entry.fields,
					...source,
					unknown_field: 'x',
				});
				expect(data).toMatchObject({
					state: 1,
					progress: 100,
					state_detail: 'Complete',
					sandbox: true,
				});
				if (entry.size) {
					const [image_width, image_height] = entry.size;
					expect(data).toMatchObject({ image_width, image_height });
				} else expect(data).not.toHaveProperty('image_width');
				if (entry.main !== 'file') expect(data).not.toHaveProperty('file');
				for (const field of ['created_at', 'processed_at', 'completed_at'])
					expect(Number.isInteger(data[field])).toBe(true);
				expect(typeof data.time_elapsed).toBe('number');
				const url = data[entry.main];
				const extension = IMAGE_EXTENSIONS[entry.kind] ?? entry.kind;
				expect(new URL(String(url)).pathname).toMatch(
					new RegExp(`^/results/[0-9a-f-]{36}\\.${extension}$`),
				);
				if (entry.kind in IMAGE_EXTENSIONS) {
					const [width, height] = entry.size!;
					const result = await download(url);
					expect(result.header).toMatchObject({ width, height, type: { kind: entry.kind } });
					expect(result.contentType).toBe(result.header.type.mimeType);
				} else
					expect((await fetchResult(url)).contentType).toBe(
						DOCUMENT_TYPES[entry.kind as keyof typeof DOCUMENT_TYPES].mime,
					);
			}
			expect(sandbox.credits('sandbox-key').used).toBe(2 * entry.price);
			expect(sandbox.stats.createsByPath).toEqual({ [entry.path]: 2 });
		},
	);

	it.each(NODE_CASES)(
		"$value: takes the node's example of the resource (its fields and an image URL)",
		async ({ api: resourceApi, example }) => {
			// A link in an example (a mask's URL) points at the web: a sample of the image's size stands in.
			const fields = Object.fromEntries(
				Object.entries(example.fields).map(([name, value]) => [
					name,
					/^https?:\/\//.test(value) ? sample('example-120x80.png') : value,
				]),
			);
			// A mask the example takes from the item's binary: an image of the input's size.
			const files = Object.fromEntries(example.files.map((name) => [name, makePng(120, 80)]));
			const data = await finished(resourceApi.taskPath, {
				...fields,
				...files,
				[resourceApi.imageFields.url]: sample('example-120x80.png'),
			});
			expect(data.state).toBe(1);
			// A document or a ZIP has no pixel size.
			if (TASK_APIS_BY_PATH.get(resourceApi.taskPath)?.minimalTask.size)
				expect(data.image_width).toEqual(expect.any(Number));
		},
	);

	it.each(CASES)(
		'$name: exactly one of image_url and image_file; sync 0 or 1; failed tasks cost nothing',
		async (entry) => {
			expect(await api.refused(entry.path, entry.fields)).toMatch(
				/one of image_url(,| or) image_file( or \w+)? is required/,
			);
			expect(
				await api.refused(entry.path, {
					...entry.fields,
					image_url: sample('a-100x100.png'),
					image_file: makePng(100, 100),
				}),
			).toMatch(/mutually exclusive/);
			expect(
				await api.refused(entry.path, {
					...entry.fields,
					image_url: sample('a-100x100.png'),
					sync: '2',
				}),
			).toMatch(/sync must be one of 0, 1/);
			for (const state of [7, 3]) {
				const failed = await attempt(entry.path, {
					...entry.fields,
					image_url: `${sandbox.url}/samples/fail-${state}.png`,
				});
				expect(failed.body.data).toMatchObject({ state: -state, state_detail: 'Failed (sandbox)' });
				expect(failed.body.data).not.toHaveProperty(entry.main);
			}
			// A file that is no image (nor a document) fails its task where the limits are unpublished, and is refused where they are.
			const page = await attempt(entry.path, { ...entry.fields, image_file: HTML_PAGE });
			if (page.status === 200) expect(page.body.data?.state).toBe(-7);
			else
				expect(page.body).toMatchObject({
					status: 400,
					message: expect.stringMatching(/image_file is not a/),
				});
			expect(sandbox.credits('sandbox-key').used).toBe(0);
		},
	);

	it.each(CASES)(
		'$name: return_type as documented (3, binary, only with sync=1)',
		async (entry) => {
			const image_url = sample('rt-120x80.png');
			if (!entry.returnTypes) {
				// Not documented for this API: ignored.
				expect(
					(await attempt(entry.path, { ...entry.fields, image_url, return_type: '9' })).body.data
						?.state,
				).toBe(1);
				return;
			}
			expect(
				await api.refused(entry.path, { ...entry.fields, image_url, return_type: '4' }),
			).toMatch(/return_type must be one of/);
			const base64 = await api.run(entry.path, { ...entry.fields, image_url, return_type: '2' });
			expect(base64.return_type).toBe(2);
			expect(
				inspectImage(Buffer.from(String(base64[entry.main]), 'base64'), ANY_IMAGE),
			).toMatchObject({
				ok: true,
				type: { kind: entry.kind },
			});
			if (entry.returnTypes.includes(3)) {
				expect(
					await api.refused(entry.path, {
						...entry.fields,
						image_url,
						sync: '0',
						return_type: '3',
					}),
				).toMatch(/only allowed with sync=1/);
				const binary = await api.post(entry.path, {
					...entry.fields,
					image_url,
					sync: '1',
					return_type: '3',
				});
				expect(inspectImage(binary.bytes, ANY_IMAGE)).toMatchObject({
					ok: true,
					type: { kind: entry.kind, mimeType: binary.contentType },
				});
			} else {
				expect(
					await api.refused(entry.path, {
						...entry.fields,
						image_url,
						sync: '1',
						return_type: '3',
					}),
				).toMatch(/return_type must be one of 1, 2/);
			}
		},
	);

	it('answers sync=0 with the task ID; the task is queried on its own path only', async () => {
		const slow = await startSandbox({ qps: 100, processingMs: 400 });
		try {
			const slowApi = client(() => slow.url);
			const created = await slowApi.post(backgroundApi.taskPath, {
				image_url: `${slow.url}/samples/q-64x64.png`,
				sync: '0',
			});
			expect(created.body).toEqual({
				status: 200,
				data: { task_id: expect.stringMatching(/^[0-9a-f-]{36}$/) },
			});
			const taskId = created.body.data!.task_id;
			const pending = (await (await slowApi.query(backgroundApi.taskPath, taskId)).json()) as {
				data: Record<string, unknown>;
			};
			expect(pending.data.state).not.toBe(1);
			expect(pending.data).not.toHaveProperty('image');
			for (const other of [enhanceApi.taskPath, TASK_PATH])
				expect((await slowApi.query(other, taskId)).status).toBe(404);
			await new Promise((resolve) => setTimeout(resolve, 450));
			const done = (await (await slowApi.query(backgroundApi.taskPath, taskId)).json()) as {
				data: Record<string, unknown>;
			};
			expect(done.data).toMatchObject({
				state: 1,
				image: expect.stringContaining('/results/'),
				mask: '',
			});
			expect(slow.stats).toMatchObject({
				creates: 1,
				queries: 4,
				createsByPath: { [backgroundApi.taskPath]: 1 },
			});
		} finally {
			await slow.close();
		}
	});

	it('shares one QPS limit per key across every endpoint', async () => {
		const limited = await startSandbox({ qps: 2 });
		try {
			const limitedApi = client(() => limited.url);
			const statuses = await Promise.all([
				limitedApi.query(backgroundApi.taskPath, 'x'),
				limitedApi.query(enhanceApi.taskPath, 'x'),
				limitedApi.query(backgroundApi.taskPath, 'y'),
			]);
			expect(statuses.map((response) => response.status).sort()).toEqual([404, 404, 429]);
			expect(limited.stats.rateLimited).toBe(1);
			// Another key has its own limit.
			const other = await startSandbox({ qps: 1, apiKeys: ['a', 'b'] });
			try {
				const answers = await Promise.all(
					['a', 'b'].map(
						async (key) =>
							(await client(() => other.url, key).query(colorizationApi.taskPath, 'x')).status,
					),
				);
				expect(answers).toEqual([404, 404]);
			} finally {
				await other.close();
			}
		} finally {
			await limited.close();
		}
	});

	it('serves each result under its own ID, signed, with the Content-Type of its bytes', async () => {
		const data = await api.run(backgroundApi.taskPath, {
			image_url: sample('r-90x60.jpg'),
			output_type: '1',
		});
		const [image, mask] = [new URL(String(data.image)), new URL(String(data.mask))];
		expect(image.pathname.slice(9, 45)).not.toBe(mask.pathname.slice(9, 45));
		expect(image.pathname.slice(9, 45)).not.toBe(data.task_id);
		expect((await download(image)).contentType).toBe('image/png');
		const wrongExtension = new URL(image);
		wrongExtension.pathname = wrongExtension.pathname.replace(/\.png$/, '.jpg');
		expect((await fetch(wrongExtension)).status).toBe(404);
		image.searchParams.set('x-oss-expires', '86400');
		const tampered = await fetch(image);
		expect(tampered.status).toBe(403);
		expect(await tampered.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
	});

	it('charges each API its own price on one balance per key, and refuses a task the balance cannot pay', async () => {
		const poor = await startSandbox({ processingMs: 0, credits: 6, qps: 100 });
		try {
			const poorApi = client(() => poor.url);
			await poorApi.run(enhanceProApi.taskPath, {
				image_url: `${poor.url}/samples/p-64x64.png`,
				type: '1',
			}); // 4
			await poorApi.run(backgroundApi.taskPath, { image_url: `${poor.url}/samples/p-64x64.png` }); // 1
			expect(poor.credits('sandbox-key')).toEqual({ remaining: 1, used: 5 });
			const refused = await poorApi.post(cropEnhanceApi.taskPath, {
				image_url: `${poor.url}/samples/p-64x64.png`,
				sync: '1',
			});
			expect(refused.body).toEqual({
				status: 403,
				message: expect.stringMatching(/Insufficient credits.*costs 3/),
			});
			await poorApi.run(colorizationApi.taskPath, { image_url: `${poor.url}/samples/p-64x64.png` }); // 1
			const empty = await poorApi.post(colorizationApi.taskPath, {
				image_url: `${poor.url}/samples/p-64x64.png`,
				sync: '1',
			});
			expect(empty.body).toEqual({ status: 403, message: 'Insufficient credits (sandbox)' });
			expect(poor.credits('sandbox-key')).toEqual({ remaining: 0, used: 6 });
		} finally {
			await poor.close();
		}
	});
});
