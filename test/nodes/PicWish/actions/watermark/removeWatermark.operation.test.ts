/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import nock from 'nock';

import {
	api,
	captureCreate,
	completed,
	envelope,
	parseMultipart,
	pending,
	requestBytes,
	resultUrl,
	storage,
	TASK_PATH,
} from '../../../../support/api';
import { GIF, makeJpeg, makePng } from '../../../../support/images';
import { useNock } from '../../../../support/nock-lifecycle';
import {
	binaryBuffer,
	runPicWish,
	TEST_API_KEY,
	useBinaryMode,
} from '../../../../support/workflow';

useNock();

const binaryParameters = (options: object = {}) => ({
	operation: 'removeWatermark',
	inputType: 'binary',
	binaryPropertyName: 'data',
	options: { pollInterval: 0.2, ...options },
});

const urlParameters = (imageUrl: string, options: object = {}) => ({
	operation: 'removeWatermark',
	inputType: 'url',
	imageUrl,
	options: { pollInterval: 0.2, ...options },
});

const imageItem = (bytes: Buffer, fileName = 'photo.png') => ({
	binary: { data: { data: bytes, fileName, mimeType: 'image/png' } },
});

/** A task that is created, reported pending once, then completed with `result`. */
function mockTask(taskId: string, result: Buffer, contentType: string | null = 'image/png') {
	api()
		.post(TASK_PATH)
		.reply(200, envelope({ task_id: taskId }));
	api().get(`${TASK_PATH}/${taskId}`).reply(200, pending(taskId));
	api()
		.get(`${TASK_PATH}/${taskId}`)
		.reply(200, completed(taskId, resultUrl(`${taskId}.out`)));
	storage()
		.get(`/tasks/${taskId}.out`)
		.query(true)
		.reply(200, result, contentType ? { 'Content-Type': contentType } : {});
}

describe('Remove Watermark', () => {
	it('removes the watermark from a binary image and returns a PNG', async () => {
		const input = makePng(64, 48);
		const cleaned = makePng(64, 48, [10, 200, 10]);
		const created = captureCreate(envelope({ task_id: 'task-1' }));
		api()
			.get(`${TASK_PATH}/task-1`)
			.reply(200, pending('task-1', 0, 0));
		api()
			.get(`${TASK_PATH}/task-1`)
			.reply(200, pending('task-1', 4, 60));
		api()
			.get(`${TASK_PATH}/task-1`)
			.reply(200, completed('task-1', resultUrl('task-1.png')));
		storage()
			.get('/tasks/task-1.png')
			.query(true)
			.reply(200, cleaned, { 'Content-Type': 'image/png' });

		const result = await runPicWish({
			parameters: binaryParameters(),
			items: [
				{
					binary: { data: { data: input, fileName: 'product photo.jpg', mimeType: 'image/jpeg' } },
				},
			],
		});

		expect(result.status).toBe('success');
		// Auto: a small file goes as one synchronous request.
		expect(created.parts?.sync.body.toString()).toBe('1');
		expect(created.parts?.url).toBeUndefined();
		expect(created.parts?.file.filename).toBe('product photo.jpg');
		// The real type, whatever the upstream node claimed.
		expect(created.parts?.file.contentType).toBe('image/png');
		expect(created.parts?.file.body.equals(input)).toBe(true);

		const [item] = result.items;
		expect(item.json).toMatchObject({
			task_id: 'task-1',
			state: 1,
			progress: 100,
			stateName: 'Completed',
			taskStatus: 'completed',
			completed_at: 1764000003,
			resultUrlExpiresAt: '2026-11-24T13:00:00.000Z',
		});
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.binary?.data).toMatchObject({
			mimeType: 'image/png',
			fileName: 'product photo.png',
			fileExtension: 'png',
		});
		expect((await binaryBuffer(item)).equals(cleaned)).toBe(true);
		expect(JSON.stringify(result.items)).not.toContain(TEST_API_KEY);
		expect(nock.isDone()).toBe(true);
	});

	it('sends an image URL, URL-encoded, and names the result after it', async () => {
		const created = captureCreate(envelope({ task_id: 'task-url' }));
		api()
			.get(`${TASK_PATH}/task-url`)
			.reply(200, completed('task-url', resultUrl('r.jpg')));
		const cleaned = makeJpeg(100, 100);
		storage().get('/tasks/r.jpg').query(true).reply(200, cleaned, { 'Content-Type': 'image/jpeg' });

		const result = await runPicWish({
			parameters: urlParameters('https://shop.example.com/images/Sommer Kleid ß 01.png?v=2'),
		});

		expect(result.status).toBe('success');
		expect(created.parts?.file).toBeUndefined();
		expect(created.parts?.url.body.toString()).toBe(
			'https://shop.example.com/images/Sommer%20Kleid%20%C3%9F%2001.png?v=2',
		);
		expect(created.parts?.sync.body.toString()).toBe('1');
		const [item] = result.items;
		expect(item.binary?.data).toMatchObject({
			mimeType: 'image/jpeg',
			fileName: 'Sommer Kleid ß 01.jpg',
		});
		expect((await binaryBuffer(item)).equals(cleaned)).toBe(true);
	});

	it('returns only the result URL when "Result As" is URL Only, without downloading', async () => {
		api()
			.post(TASK_PATH)
			.reply(200, envelope({ task_id: 'task-u' }));
		api().get(`${TASK_PATH}/task-u`).reply(200, completed('task-u'));

		const result = await runPicWish({
			parameters: urlParameters('https://example.com/a.jpg', { resultAs: 'url' }),
		});

		expect(result.status).toBe('success');
		expect(result.items[0].binary).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			task_id: 'task-u',
			file: resultUrl(),
			taskStatus: 'completed',
		});
	});

	it('puts the image in the chosen output field under the chosen file name', async () => {
		mockTask('task-o', makePng(30, 30), 'image/png');
		const result = await runPicWish({
			parameters: binaryParameters({
				outputBinaryPropertyName: 'clean',
				outputFileName: 'sku-123-clean',
			}),
			items: [imageItem(makePng(30, 30))],
		});
		expect(result.items[0].binary?.clean).toMatchObject({ fileName: 'sku-123-clean.png' });
		expect(result.items[0].binary?.data).toBeUndefined();
	});

	it('takes the type from the bytes when storage sends no Content-Type', async () => {
		mockTask('task-ct', makeJpeg(40, 40), null);
		const result = await runPicWish({
			parameters: binaryParameters(),
			items: [imageItem(makePng(30, 30), 'a.png')],
		});
		expect(result.items[0].binary?.data).toMatchObject({
			mimeType: 'image/jpeg',
			fileName: 'a.jpg',
		});
	});

	it('passes unknown API fields through and reads ISO timestamps', async () => {
		api()
			.post(TASK_PATH)
			.reply(200, envelope({ task_id: 'task-x' }));
		api()
			.get(`${TASK_PATH}/task-x`)
			.reply(200, {
				status: 200,
				data: {
					task_id: 'task-x',
					state: 1,
					file: 'https://result-bucket.oss-cn-hongkong.aliyuncs.com/x.png',
					completed_at: '2026-11-24T10:00:00Z',
					state_detail: 'Complete',
					image_width: 640,
					time_elapsed: 2.5,
				},
			});
		const result = await runPicWish({
			parameters: urlParameters('https://example.com/x.png', { resultAs: 'url' }),
		});
		expect(result.items[0].json).toMatchObject({
			state_detail: 'Complete',
			image_width: 640,
			time_elapsed: 2.5,
			resultUrlExpiresAt: '2026-11-24T11:00:00.000Z',
		});
	});

	describe('wait modes', () => {
		it('Poll Task Status: creates asynchronously, then polls until done', async () => {
			const created = captureCreate(envelope({ task_id: 'poll-1' }));
			api()
				.get(`${TASK_PATH}/poll-1`)
				.reply(200, pending('poll-1', 2, 10));
			api().get(`${TASK_PATH}/poll-1`).reply(200, completed('poll-1'));
			const result = await runPicWish({
				parameters: urlParameters('https://example.com/a.jpg', {
					waitMode: 'poll',
					resultAs: 'url',
				}),
			});
			expect(result.status).toBe('success');
			expect(created.parts?.sync.body.toString()).toBe('0');
			expect(nock.isDone()).toBe(true);
		});

		it('Auto: a synchronous answer that is still pending is polled to the end', async () => {
			api()
				.post(TASK_PATH)
				.reply(200, pending('sync-pending', 4, 90));
			api().get(`${TASK_PATH}/sync-pending`).reply(200, completed('sync-pending'));
			const result = await runPicWish({
				parameters: urlParameters('https://example.com/a.jpg', { resultAs: 'url' }),
			});
			expect(result.items[0].json).toMatchObject({
				task_id: 'sync-pending',
				taskStatus: 'completed',
			});
		});

		it('Auto: a file over 8 MB is polled, so it is not held while PicWish works', async () => {
			const big = Buffer.alloc(9 * 1024 * 1024);
			const png = makePng(100, 100);
			png.copy(big);
			png.subarray(png.length - 12).copy(big, big.length - 12);
			const created = captureCreate(envelope({ task_id: 'big-1' }));
			api().get(`${TASK_PATH}/big-1`).reply(200, completed('big-1'));
			const result = await runPicWish({
				parameters: binaryParameters({ resultAs: 'url' }),
				items: [imageItem(big, 'big.png')],
			});
			expect(result.status).toBe('success');
			expect(created.parts?.sync.body.toString()).toBe('0');
		});
	});

	describe('failed tasks', () => {
		it.each([
			[-17, /Invalid prompt/],
			[-16, /Prohibited content \(third-party review\)/],
			[-15, /Insufficient resources/],
			[-14, /Image content not suitable/],
			[-13, /Canceled after an exception/],
			[-11, /Empty result/],
			[-10, /Prohibited content \(internal review\)/],
			[-9, /Internal loop processing failed/],
			[-8, /Processing timed out/],
			[-7, /Invalid image file/],
			[-5, /Image at URL too large/],
			[-3, /Could not download the image URL/],
			[-2, /Result upload failed/],
			[-1, /Processing failed/],
			[-42, /Failed \(state -42\)/],
		])('state %i fails the item with its meaning and the task ID', async (state, meaning) => {
			api()
				.post(TASK_PATH)
				.reply(200, envelope({ task_id: `task${state}` }));
			api()
				.get(`${TASK_PATH}/task${state}`)
				.reply(200, envelope({ task_id: `task${state}`, state, progress: 0 }));
			const result = await runPicWish({ parameters: urlParameters('https://example.com/a.jpg') });
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(meaning);
			expect(result.error?.message).toContain(`(state ${state})`);
			expect(result.error?.message).toContain(`[task_id task${state}]`);
			expect(result.error?.description).toBeTruthy();
		});
	});

	it('stops waiting at the timeout with an error that gives the task ID', async () => {
		api()
			.post(TASK_PATH)
			.reply(200, envelope({ task_id: 'slow-task' }));
		// Twenty answers of "processing": a node that polled on past its Timeout would run out of
		// them and fail with another message.
		api()
			.get(`${TASK_PATH}/slow-task`)
			.times(20)
			.reply(200, pending('slow-task', 4, 10));
		const result = await runPicWish({
			parameters: urlParameters('https://example.com/a.jpg', { timeout: 1, pollInterval: 0.25 }),
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'PicWish did not finish within 1 seconds (last state: Processing) [task_id slow-task] [item 0]',
		);
		expect(result.error?.description).toMatch(/Get Task/);
	});

	it('stops at once when the execution is canceled while waiting', async () => {
		api()
			.post(TASK_PATH)
			.reply(200, envelope({ task_id: 'cancel-task' }));
		api().get(`${TASK_PATH}/cancel-task`).times(100).reply(200, pending('cancel-task'));
		// A 60 s poll sleep: the run ends before the test's 30 s timeout only if the cancel cuts it short.
		const result = await runPicWish({
			parameters: urlParameters('https://example.com/a.jpg', { pollInterval: 60 }),
			onStart: (execution) => {
				setTimeout(() => execution.cancel(), 300);
			},
		});
		expect(result.status).toBe('canceled');
	});

	describe('a batch with continue-on-fail', () => {
		it('keeps order and pairing, and each failed item carries its own cause', async () => {
			// Items run concurrently: each create is answered by its file name, not by arrival order.
			const tasks: Record<string, string> = {
				'first.png': 'ok-1',
				'corrupt.png': 'bad-state',
				'last.png': 'ok-2',
			};
			api()
				.post(TASK_PATH)
				.times(3)
				.reply(async function (_uri, body) {
					const parts = await parseMultipart(
						String(this.req.headers['content-type']),
						requestBytes(body),
					);
					return [200, envelope({ task_id: tasks[parts.file.filename ?? ''] })];
				});
			for (const taskId of ['ok-1', 'ok-2']) {
				api()
					.get(`${TASK_PATH}/${taskId}`)
					.reply(200, completed(taskId, resultUrl(`${taskId}.out`)));
				storage()
					.get(`/tasks/${taskId}.out`)
					.query(true)
					.reply(200, makePng(30, 30), { 'Content-Type': 'image/png' });
			}
			api()
				.get(`${TASK_PATH}/bad-state`)
				.reply(200, envelope({ task_id: 'bad-state', state: -7 }));

			const result = await runPicWish({
				parameters: binaryParameters(),
				continueOnFail: true,
				items: [
					imageItem(makePng(40, 40), 'first.png'),
					imageItem(GIF, 'animated.gif'),
					imageItem(makePng(41, 40), 'corrupt.png'),
					{ json: { note: 'no binary here' } },
					imageItem(makePng(42, 40), 'last.png'),
				],
			});

			expect(result.status).toBe('success');
			expect(result.items.map((item) => item.pairedItem)).toEqual(
				[0, 1, 2, 3, 4].map((item) => ({ item })),
			);
			expect(result.items[0].json.task_id).toBe('ok-1');
			expect(result.items[0].binary?.data.fileName).toBe('first.png');
			expect(result.items[1].json.error).toMatch(
				/"animated\.gif" in "data" is a GIF image; PicWish accepts only JPG, PNG or BMP images \[item 1\]/,
			);
			expect(result.items[2].json).toMatchObject({
				error:
					'PicWish could not remove the watermark: Invalid image file (state -7) [task_id bad-state]',
				task_id: 'bad-state',
			});
			expect(result.items[2].json.description).toMatch(/JPG, PNG or BMP/);
			expect(result.items[3].json.error).toBe('This item has no binary property "data" [item 3]');
			expect(result.items[3].json.description).toMatch(/no binary data at all/);
			expect(result.items[4].json.task_id).toBe('ok-2');
			expect(result.items[4].binary?.data.fileName).toBe('last.png');
			expect(JSON.stringify(result.items)).not.toContain(TEST_API_KEY);
		});

		it('without continue-on-fail, the node fails with the first error and names the item', async () => {
			mockTask('ok-1', makePng(30, 30));
			const result = await runPicWish({
				parameters: binaryParameters(),
				items: [
					imageItem(makePng(40, 40)),
					imageItem(makePng(10, 10), 'tiny.png'),
					imageItem(makePng(40, 40)),
				],
			});
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe(
				'The file "tiny.png" in "data" is 10×10 pixels; PicWish accepts 20 to 10000 pixels per side [item 1]',
			);
			expect(
				(result.error as unknown as { context: { itemIndex: number } }).context.itemIndex,
			).toBe(1);
		});
	});

	it('names the binary properties an item does have when the chosen one is missing', async () => {
		const result = await runPicWish({
			parameters: { ...binaryParameters(), binaryPropertyName: 'image' },
			items: [{ binary: { data: { data: makePng(30, 30) }, thumb: { data: makePng(20, 20) } } }],
		});
		expect(result.error?.message).toBe('This item has no binary property "image" [item 0]');
		expect(result.error?.description).toMatch(/"data", "thumb"/);
	});

	describe('invalid image URLs', () => {
		it.each([
			['', /"Image URL" is empty/],
			['   ', /"Image URL" is empty/],
			['not a url', /"not a url" is not a valid URL/],
			['ftp://example.com/a.jpg', /must use http or https, not "ftp"/],
			['file:///etc/passwd', /not "file"/],
		])('%j', async (imageUrl, message) => {
			const result = await runPicWish({
				parameters: urlParameters('={{ $json.imageUrl }}'),
				items: [{ json: { imageUrl } }],
			});
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(message);
			expect(nock.pendingMocks()).toEqual([]);
		});
	});

	describe("in n8n's filesystem binary mode", () => {
		const storagePath = mkdtempSync(join(tmpdir(), 'picwish-binary-'));
		beforeAll(async () => await useBinaryMode('filesystem', storagePath));
		afterAll(async () => await useBinaryMode('default'));

		it('reads the input from disk and writes the result to disk', async () => {
			const input = makePng(50, 50);
			const cleaned = makePng(50, 50, [1, 2, 3]);
			const created = captureCreate(envelope({ task_id: 'fs-task' }));
			api()
				.get(`${TASK_PATH}/fs-task`)
				.reply(200, completed('fs-task', resultUrl('fs.png')));
			storage()
				.get('/tasks/fs.png')
				.query(true)
				.reply(200, cleaned, { 'Content-Type': 'image/png' });

			const result = await runPicWish({
				parameters: binaryParameters(),
				items: [imageItem(input)],
			});

			expect(result.status).toBe('success');
			expect(created.parts?.file.body.equals(input)).toBe(true);
			const binary = result.items[0].binary?.data;
			expect(binary?.id).toMatch(/^filesystem/);
			expect(binary?.data).not.toContain(cleaned.toString('base64'));
			expect((await binaryBuffer(result.items[0])).equals(cleaned)).toBe(true);
			expect(readdirSync(storagePath, { recursive: true }).length).toBeGreaterThan(0);
		});
	});
});

describe('Remove Watermark on a batch', () => {
	it('works on items concurrently, keeping their order', async () => {
		// "PicWish" answers no create until all five have arrived: worked on one at a time, the
		// first would wait for ever (and the test time out).
		const waiting: Array<() => void> = [];
		api()
			.post(TASK_PATH)
			.times(5)
			.reply(function (_uri, body, answer) {
				void parseMultipart(String(this.req.headers['content-type']), requestBytes(body)).then(
					({ file }) => {
						waiting.push(() =>
							answer(null, [
								200,
								completed(`t-${file.filename}`, resultUrl(`${file.filename}.out`)),
							]),
						);
						if (waiting.length === 5) for (const send of waiting) send();
					},
				);
			});
		for (let i = 0; i < 5; i++) {
			storage()
				.get(`/tasks/p${i}.png.out`)
				.query(true)
				.reply(200, makePng(30 + i, 30), { 'Content-Type': 'image/png' });
		}
		const result = await runPicWish({
			parameters: binaryParameters(),
			// Five different photos: identical ones would share one task (Reuse Results).
			items: Array.from({ length: 5 }, (_, i) => imageItem(makePng(40 + i, 40), `p${i}.png`)),
			credentials: { requestsPerSecond: 20 },
		});
		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.json.task_id)).toEqual(
			[0, 1, 2, 3, 4].map((i) => `t-p${i}.png`),
		);
		expect(result.items.map((item) => item.pairedItem)).toEqual(
			[0, 1, 2, 3, 4].map((item) => ({ item })),
		);
	});

	it('without continue-on-fail, one failure stops the other items at once', async () => {
		api()
			.post(TASK_PATH)
			.times(3)
			.reply(200, envelope({ task_id: 'forever' }));
		api().get(`${TASK_PATH}/forever`).times(50).reply(200, pending('forever'));
		// 60 s between polls: the run ends before the test's 30 s timeout only if the failure stops them.
		const result = await runPicWish({
			parameters: binaryParameters({ pollInterval: 60 }),
			items: [
				imageItem(makePng(40, 40), 'a.png'),
				imageItem(makePng(40, 40), 'b.png'),
				imageItem(makePng(5, 5), 'tiny.png'),
			],
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/"tiny\.png" .* 5×5 pixels.*\[item 2\]/);
	});
});
