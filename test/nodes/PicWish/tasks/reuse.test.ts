/**
 * Never paying twice for the same image. A shop feed lists one photo under several variants; a
 * webhook fires again minutes later; a failed workflow is run again. Items with the same image
 * (the same bytes, or the same URL), the same operation, options and credential share one task;
 * every item still gets its own output, paired to its own input. A completed task is reused by
 * later runs in the process while its URL's host describes the image as before; failures are never
 * remembered. The process's memory is emptied before each test (test/support/fresh-memory.ts).
 */
import fc from 'fast-check';
import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { backgroundApi } from '../../../../nodes/PicWish/actions/background/api';
import { recentTasks } from '../../../../nodes/PicWish/scheduling';
import { CREDITS_PATH } from '../../../../nodes/PicWish/transport/constants';
import {
	api,
	completed,
	envelope,
	parseMultipart,
	pending,
	requestBytes,
	RESULT_HOST,
	TASK_PATH,
} from '../../../support/api';
import { makePng } from '../../../support/images';
import { useNock } from '../../../support/nock-lifecycle';
import { type InputItem, runPicWish, TEST_API_KEY } from '../../../support/workflow';

useNock();

const SHOP = 'https://shop.example';
/** A shop photo's address. */
const photo = (name: string) => `${SHOP}/${name}.jpg`;

/** A result URL signed now for an hour, as PicWish signs them (a remembered result must still be fetchable). */
function resultUrl(name: string, taskId = 'task'): string {
	const signedAt = new Date()
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
	return `${RESULT_HOST}/tasks/${name}?x-oss-date=${signedAt}&x-oss-expires=3600&x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-signature=abc&task=${taskId}`;
}

/** PicWish, answering every create (on `path`) with a result named after its input; counts creates. */
function picwish(path = TASK_PATH, fail?: (input: string) => number | undefined) {
	const seen: string[] = [];
	api()
		.post(path)
		.times(1000)
		.reply(async function (_uri, body) {
			const parts = await parseMultipart(
				String(this.req.headers['content-type']),
				requestBytes(body),
			);
			const input =
				parts.url?.body.toString() ??
				parts.image_url?.body.toString() ??
				`file:${(parts.file ?? parts.image_file).body.length}:${(parts.file ?? parts.image_file).body.readUInt32BE(16)}x${(parts.file ?? parts.image_file).body.readUInt32BE(20)}`;
			seen.push(input);
			const state = fail?.(input);
			const id = `task-${seen.length}`;
			if (state !== undefined) return [200, envelope({ task_id: id, state })];
			return [
				200,
				envelope({
					task_id: id,
					state: 1,
					file: resultUrl(`${encodeURIComponent(input)}.jpg`, id),
					image: resultUrl(`${encodeURIComponent(input)}.png`, id),
				}),
			];
		});
	return seen;
}

const byUrl = (
	urls: string[],
	options: INodeParameters = {},
	resource = 'watermark',
	operation = 'removeWatermark',
) => ({
	parameters: {
		resource,
		operation,
		inputType: 'url',
		imageUrl: '={{ $json.url }}',
		options: { resultAs: 'url', ...options },
	},
	items: urls.map((url) => ({ json: { url } })),
});
const hintsOf = (result: Awaited<ReturnType<typeof runPicWish>>) =>
	result.run.data.resultData.runData.PicWish?.[0]?.hints?.map((hint) => hint.message) ?? [];
/** The result an item of this URL must carry (the signature's date aside). */
const resultFor = (url: string) =>
	expect.stringContaining(`/tasks/${encodeURIComponent(url)}.jpg?`);

describe('within one run', () => {
	it('12 items naming 4 images make 4 tasks, and every item carries its own image', async () => {
		const seen = picwish();
		const images = Array.from({ length: 4 }, (_, index) => photo(`shirt-${index}`));
		const urls = Array.from({ length: 12 }, (_, index) => images[(index * 7) % 4]);
		const result = await runPicWish(byUrl(urls));
		expect(result.error).toBeUndefined();
		expect(seen.sort()).toEqual([...images].sort());
		expect(result.items.map((item) => item.json.resultUrl)).toEqual(urls.map(resultFor));
		expect(result.items.map((item) => item.pairedItem)).toEqual(urls.map((_, item) => ({ item })));
		expect(result.items.filter((item) => item.json.reused === true)).toHaveLength(8);
		expect(hintsOf(result)).toEqual(['12 items, 4 tasks created, 8 reused — 8 credits saved']);
	});

	it('3 files of which 2 are byte-identical make 2 tasks; each output is named after its own input', async () => {
		const seen = picwish(backgroundApi.taskPath);
		const same = makePng(64, 48);
		const items: InputItem[] = [
			{ binary: { data: { data: same, fileName: 'red-shirt.png' } } },
			{ binary: { data: { data: makePng(64, 48, [0, 0, 255]), fileName: 'blue-shirt.png' } } },
			{ binary: { data: { data: Buffer.from(same), fileName: 'red-shirt-copy.png' } } },
		];
		nock(RESULT_HOST)
			.get(/.*/)
			.times(3)
			.reply(200, makePng(64, 48), { 'Content-Type': 'image/png' });
		const result = await runPicWish({
			parameters: { resource: 'background', operation: 'removeBackground', inputType: 'binary' },
			items,
		});
		expect(result.error).toBeUndefined();
		expect(seen).toHaveLength(2);
		expect(result.items.map((item) => item.binary?.data.fileName)).toEqual([
			'red-shirt-no-background.png',
			'blue-shirt-no-background.png',
			'red-shirt-copy-no-background.png',
		]);
		expect(result.items.map((item) => item.json.task_id)).toEqual(['task-1', 'task-2', 'task-1']);
		expect(result.items[2].json.reused).toBe(true);
	});

	it('another option is another task', async () => {
		const seen = picwish(backgroundApi.taskPath);
		const url = photo('shirt');
		const result = await runPicWish({
			parameters: {
				resource: 'background',
				operation: 'removeBackground',
				inputType: 'url',
				imageUrl: url,
				options: { resultAs: 'url', format: '={{ $json.format }}' },
			},
			items: [
				{ json: { format: 'png' } },
				{ json: { format: 'jpg' } },
				{ json: { format: 'png' } },
			],
		});
		expect(result.error).toBeUndefined();
		expect(seen).toHaveLength(2);
	});

	it('a failed task fails every item of that image with the same reason and task ID; the others succeed, paired', async () => {
		const broken = photo('broken');
		const fine = photo('fine');
		const seen = picwish(TASK_PATH, (input) => (input === broken ? -7 : undefined));
		const result = await runPicWish({
			...byUrl([broken, fine, broken, broken]),
			continueOnFail: true,
		});
		expect(seen).toHaveLength(2);
		const failed = [0, 2, 3].map((index) => result.items[index].json);
		for (const json of failed) {
			expect(json.error).toBe(
				'PicWish could not remove the watermark: Invalid image file (state -7) [task_id task-1]',
			);
			expect(json.task_id).toBe('task-1');
		}
		expect(result.items[1].json.resultUrl).toEqual(resultFor(fine));
		expect(result.items.map((item) => item.pairedItem)).toEqual(
			[0, 1, 2, 3].map((item) => ({ item })),
		);
	});

	it('"Never (Always Create a Task)" makes one task per item', async () => {
		const seen = picwish();
		const url = photo('shirt');
		const result = await runPicWish(byUrl([url, url, url], { reuseResults: 'never' }));
		expect(result.error).toBeUndefined();
		expect(seen).toHaveLength(3);
		expect(hintsOf(result)).toEqual([]);
	});
});

describe('across runs in the process', () => {
	const head = (url: string, headers: Record<string, string>) => {
		const { origin, pathname } = new URL(url);
		return nock(origin).head(pathname).reply(200, '', headers);
	};

	it('reuses a completed task while the host gives the same ETag, and makes a new one once it changes', async () => {
		const seen = picwish();
		const url = photo('shirt');
		head(url, { ETag: '"v1"' });
		await runPicWish(byUrl([url]));
		head(url, { ETag: '"v1"' });
		const again = await runPicWish(byUrl([url]));
		expect(seen).toHaveLength(1);
		expect(again.items[0].json).toMatchObject({ reused: true, resultUrl: resultFor(url) });
		expect(hintsOf(again)).toEqual(['1 item, 0 tasks created, 1 reused — 1 credit saved']);
		// The shop re-uploaded the photo under the same address.
		head(url, { ETag: '"v2"' }).persist();
		const replaced = await runPicWish(byUrl([url]));
		expect(seen).toHaveLength(2);
		expect(replaced.items[0].json.reused).toBeUndefined();
	});

	it('Last-Modified with Content-Length count when there is no ETag; a host that gives neither is reused within one run only', async () => {
		const seen = picwish();
		const dated = photo('dated');
		const described = {
			'Last-Modified': 'Mon, 30 Nov 2026 10:00:00 GMT',
			'Content-Length': '5120',
		};
		head(dated, described);
		await runPicWish(byUrl([dated]));
		head(dated, described);
		expect((await runPicWish(byUrl([dated]))).items[0].json.reused).toBe(true);
		const bare = photo('bare');
		head(bare, {}).persist();
		await runPicWish(byUrl([bare, bare]));
		expect((await runPicWish(byUrl([bare]))).items[0].json.reused).toBeUndefined();
		expect(seen).toEqual([dated, bare, bare]);
	});

	it('a file is the same image by its bytes, in any later run', async () => {
		const seen = picwish(backgroundApi.taskPath);
		const photo = makePng(70, 50, [9, 9, 9]);
		const parameters = {
			resource: 'background',
			operation: 'removeBackground',
			inputType: 'binary',
			options: { resultAs: 'url' },
		};
		await runPicWish({
			parameters,
			items: [{ binary: { data: { data: photo, fileName: 'a.png' } } }],
		});
		const again = await runPicWish({
			parameters,
			items: [{ binary: { data: { data: Buffer.from(photo), fileName: 'b.png' } } }],
		});
		expect(seen).toHaveLength(1);
		expect(again.items[0].json.reused).toBe(true);
	});

	it('never reaches another credential, never remembers a failure, and "Within This Run Only" forgets at the end of the run', async () => {
		const url = photo('shirt');
		const failing = new Set([url]);
		const seen = picwish(TASK_PATH, (input) => (failing.has(input) ? -1 : undefined));
		expect((await runPicWish(byUrl([url]))).status).toBe('error');
		failing.clear();
		head(url, { ETag: '"x"' }).persist();
		expect((await runPicWish(byUrl([url]))).items[0].json.reused).toBeUndefined();
		expect(seen).toHaveLength(2);

		// Another key at the same host: its own task.
		nock('https://techhk.aoscdn.com', { reqheaders: { 'x-api-key': 'other-key' } })
			.post(TASK_PATH)
			.reply(200, envelope({ task_id: 'other', state: 1, file: resultUrl('other.jpg') }));
		const other = await runPicWish({
			...byUrl([url]),
			credentials: {
				apiKey: 'other-key',
				baseUrl: 'https://techhk.aoscdn.com',
				requestsPerSecond: 2,
			},
		});
		expect(other.items[0].json).toMatchObject({ task_id: 'other' });

		const runOnly = photo('run-only');
		head(runOnly, { ETag: '"y"' }).persist();
		expect(
			(await runPicWish(byUrl([runOnly, runOnly], { reuseResults: 'run' }))).items[1].json.reused,
		).toBe(true);
		expect(
			(await runPicWish(byUrl([runOnly], { reuseResults: 'run' }))).items[0].json.reused,
		).toBeUndefined();
		expect(seen).toHaveLength(4);
	});

	it('two runs that submit the same image at the same moment share one task', async () => {
		const seen = picwish();
		const url = photo('shirt');
		const [first, second] = await Promise.all([runPicWish(byUrl([url])), runPicWish(byUrl([url]))]);
		expect(seen).toHaveLength(1);
		expect([first.items[0].json.reused, second.items[0].json.reused].filter(Boolean)).toHaveLength(
			1,
		);
		expect(second.items[0].json.resultUrl).toEqual(resultFor(url));
	});
});

describe('Check Credits First counts only the tasks that will be made', () => {
	it('6 items naming 2 images need 2 credits', async () => {
		api()
			.get(CREDITS_PATH)
			.reply(200, envelope([{ remaining_credits: 1, used_credits: 0 }]));
		const a = photo('a');
		const b = photo('b');
		const result = await runPicWish(byUrl([a, b, a, a, b, b], { checkCreditsFirst: true }));
		expect(result.error?.message).toBe(
			'Not enough PicWish credits: up to 4 needed (at least 2), 1 left [item 0]',
		);
		expect((result.error as { description?: string }).description).toMatch(
			/6 items need 4 credits \(1 to 2 credits per image \(price not published: counted as 2 to be safe\)\)\. 4 of them share a task with another item or reuse a recent result \(Reuse Results\)\./,
		);
	});
});

describe('nothing that was not identical is ever merged', () => {
	it('random batches of repeated and distinct images: every item gets the result of its own image', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 14 }),
				fc.constantFrom<'recent' | 'run' | 'never'>('recent', 'run', 'never'),
				async (picks, reuseResults) => {
					nock.cleanAll();
					recentTasks.clear();
					const seen = picwish();
					const urls = picks.map((pick) => photo(`img-${pick}`));
					const result = await runPicWish(byUrl(urls, { reuseResults }));
					expect(result.error).toBeUndefined();
					expect(result.items.map((item) => item.json.resultUrl)).toEqual(urls.map(resultFor));
					expect(seen).toHaveLength(reuseResults === 'never' ? urls.length : new Set(urls).size);
				},
			),
			{ numRuns: 30 },
		);
	});
});

// The tests' own key must still be the one nock expects.
expect(TEST_API_KEY).toBeTruthy();

describe('a remembered result that no longer downloads heals itself', () => {
	/** What OSS answers for a signed URL past its time (or revoked). */
	const EXPIRED =
		'<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Request has expired.</Message></Error>';
	/** The result storage: task IDs whose result URLs are dead answer 403, the others a PNG. */
	function storageOf(dead: Set<string>) {
		const fetched: string[] = [];
		nock(RESULT_HOST)
			.get(/.*/)
			.times(1000)
			.reply(function (uri) {
				const task = new URL(uri, RESULT_HOST).searchParams.get('task') ?? '';
				fetched.push(task);
				return dead.has(task)
					? [403, EXPIRED, { 'Content-Type': 'application/xml' }]
					: [200, makePng(8, 8), { 'Content-Type': 'image/png' }];
			});
		return fetched;
	}
	const head = (url: string) => {
		const { origin, pathname } = new URL(url);
		nock(origin).head(pathname).times(1000).reply(200, '', { ETag: '"v1"' });
	};
	const asBinary = { resultAs: 'binary' };
	/** A poster made once (task-1, remembered); then the CDN revokes the links of `revoked`. */
	async function posterRemembered(...revoked: string[]) {
		const seen = picwish();
		const dead = new Set<string>();
		const fetched = storageOf(dead);
		const url = photo('poster');
		head(url);
		expect((await runPicWish(byUrl([url], asBinary))).items[0].json.task_id).toBe('task-1');
		for (const taskId of revoked) dead.add(taskId);
		return { seen, fetched, url };
	}

	it('a reused result that 403s is forgotten and made again once; the next run reuses the new task', async () => {
		// The CDN revokes every link it gave out.
		const { seen, fetched, url } = await posterRemembered('task-1');
		const healed = await runPicWish(byUrl([url], asBinary));
		expect(healed.error).toBeUndefined();
		expect(healed.items[0].json).toMatchObject({ task_id: 'task-2', taskStatus: 'completed' });
		expect(healed.items[0].json.reused).toBeUndefined();
		expect(healed.items[0].binary?.data.mimeType).toBe('image/png');
		expect(hintsOf(healed)).toEqual([
			'1 item, 1 task created (1 made again: a remembered result no longer downloaded), 0 reused — 0 credits saved',
		]);
		expect(seen).toEqual([url, url]);

		const after = await runPicWish(byUrl([url], asBinary));
		expect(after.items[0].json).toMatchObject({ task_id: 'task-2', reused: true });
		expect(seen).toHaveLength(2);
		expect(fetched).toEqual(['task-1', 'task-1', 'task-2', 'task-2']);
	});

	it('items of one run that met the same dead result follow one new task', async () => {
		const { seen, url } = await posterRemembered('task-1');
		const result = await runPicWish(byUrl([url, url, url, url], asBinary));
		expect(result.error).toBeUndefined();
		expect(seen).toHaveLength(2);
		expect(result.items.map((item) => item.json.task_id)).toEqual([
			'task-2',
			'task-2',
			'task-2',
			'task-2',
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual(
			[0, 1, 2, 3].map((item) => ({ item })),
		);
		expect(hintsOf(result)).toEqual([
			'4 items, 1 task created (1 made again: a remembered result no longer downloaded), 3 reused — 3 credits saved',
		]);
	});

	it("a remake whose result does not download either fails the item with the download's reason, and nothing is remembered", async () => {
		const { seen, url } = await posterRemembered('task-1', 'task-2');
		const failed = await runPicWish({ ...byUrl([url], asBinary), continueOnFail: true });
		expect(failed.items[0].json).toMatchObject({
			error: 'The result URL has expired or is no longer valid (403) [task_id task-2]',
			httpCode: '403',
			task_id: 'task-2',
		});
		expect(seen).toHaveLength(2);
		expect(recentTasks.size.remembered).toBe(0);
		// No second loop: the next run makes a task of its own.
		const next = await runPicWish(byUrl([url], asBinary));
		expect(next.items[0].json.task_id).toBe('task-3');
	});

	it('a result this item made itself is not made again when it does not download (it is forgotten)', async () => {
		const seen = picwish();
		storageOf(new Set(['task-1']));
		const url = photo('poster');
		head(url);
		const failed = await runPicWish({ ...byUrl([url], asBinary), continueOnFail: true });
		expect(failed.items[0].json).toMatchObject({ httpCode: '403', task_id: 'task-1' });
		expect(seen).toHaveLength(1);
		expect(recentTasks.size.remembered).toBe(0);
	});
});

describe('failures stay with the execution they belong to', () => {
	/** PicWish answering each create with a pending task, and each task's queries as `answer` says. */
	function pendingTasks(answer: (taskId: string) => object) {
		const created: string[] = [];
		let first: () => void = () => {};
		const firstCreate = new Promise<void>((resolve) => (first = resolve));
		api()
			.post(TASK_PATH)
			.times(100)
			.reply(() => {
				const id = `task-${created.length + 1}`;
				created.push(id);
				first();
				return [200, envelope({ task_id: id, state: 0 })];
			});
		api()
			.get(new RegExp(`^${TASK_PATH}/`))
			.times(1000)
			.reply((uri) => [200, answer(uri.split('/').pop() ?? '')]);
		return { created, firstCreate };
	}
	const polled = (options: INodeParameters) =>
		byUrl([photo('banner')], { waitMode: 'poll', pollInterval: 1, ...options });

	it('execution A times out while B, the same image with a longer timeout, makes its own task and completes', async () => {
		const { created, firstCreate } = pendingTasks((id) =>
			id === 'task-1' ? pending(id) : completed(id, resultUrl('banner.jpg', id)),
		);
		const a = runPicWish({ ...polled({ timeout: 1 }), continueOnFail: true });
		await firstCreate;
		const b = await runPicWish(polled({ timeout: 60 }));
		const failedA = (await a).items[0].json;
		expect(failedA.error).toMatch(/^PicWish did not finish within 1 seconds .*\[task_id task-1\]$/);
		expect(b.error).toBeUndefined();
		expect(b.items[0].json).toMatchObject({ task_id: 'task-2', taskStatus: 'completed' });
		expect(created).toEqual(['task-1', 'task-2']);
	});

	it("B, joining A's task with a shorter Timeout, stops waiting at its own Timeout; A goes on and completes", async () => {
		const { created, firstCreate } = pendingTasks((id) =>
			id === 'task-1' && !done ? pending(id) : completed(id, resultUrl('banner.jpg', id)),
		);
		let done = false;
		const a = runPicWish(polled({ timeout: 60 }));
		await firstCreate;
		const b = await runPicWish({ ...polled({ timeout: 1 }), continueOnFail: true });
		expect(b.items[0].json).toMatchObject({ error: 'PicWish did not finish within 1 seconds' });
		expect(b.items[0].json.description).toMatch(
			/waited for the task another item or execution was making for the same image/,
		);
		done = true;
		expect((await a).items[0].json).toMatchObject({ task_id: 'task-1', taskStatus: 'completed' });
		expect(created).toEqual(['task-1']);
	});

	it('execution A is cancelled while B, which joined its task, completes with one of its own', async () => {
		let cancelA = () => {};
		const { created, firstCreate } = pendingTasks((id) =>
			id === 'task-1' ? pending(id) : completed(id, resultUrl('banner.jpg', id)),
		);
		const a = runPicWish({
			...polled({ timeout: 60 }),
			onStart: (execution) => (cancelA = () => execution.cancel()),
		});
		await firstCreate;
		const b = runPicWish(polled({ timeout: 60 }));
		// B is waiting for task-1 when A stops.
		await sleep(300);
		cancelA();
		const [resultA, resultB] = await Promise.all([a, b]);
		expect(resultA.status).not.toBe('success');
		expect(resultB.error).toBeUndefined();
		expect(resultB.items[0].json).toMatchObject({ task_id: 'task-2', taskStatus: 'completed' });
		expect(created).toEqual(['task-1', 'task-2']);
	});

	it("PicWish's verdict on the image (a failed state) reaches both executions, with the same task ID and error", async () => {
		const { created, firstCreate } = pendingTasks((id) =>
			envelope({ task_id: id, state: -7, state_detail: 'image broken' }),
		);
		const a = runPicWish({ ...polled({}), continueOnFail: true });
		await firstCreate;
		const b = await runPicWish({ ...polled({}), continueOnFail: true });
		const [jsonA, jsonB] = [(await a).items[0].json, b.items[0].json];
		expect(jsonA).toMatchObject({
			task_id: 'task-1',
			error: expect.stringMatching(/Invalid image file \(state -7\) \[task_id task-1\]$/),
		});
		expect(jsonB).toEqual(jsonA);
		expect(created).toEqual(['task-1']);
	});

	it('within one run, a refused create is shared with its type and HTTP code: every item reads the same', async () => {
		let creates = 0;
		api()
			.post(TASK_PATH)
			.reply(() => {
				creates++;
				return [400, envelope({}, 400, 'image_url is not a valid image')];
			});
		const url = photo('not-an-image');
		const result = await runPicWish({ ...byUrl([url, url, url]), continueOnFail: true });
		expect(creates).toBe(1);
		const [first, ...others] = result.items.map((item) => item.json);
		expect(first).toMatchObject({ httpCode: '400', error: expect.any(String) });
		for (const json of others) expect(json).toEqual(first);
	});
});
