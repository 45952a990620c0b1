import {
	api,
	completed,
	envelope,
	pending,
	resultUrl,
	storage,
	TASK_PATH,
} from '../../../../support/api';
import { HTML_PAGE, makePng } from '../../../../support/images';
import { useNock } from '../../../../support/nock-lifecycle';
import { binaryBuffer, runPicWish } from '../../../../support/workflow';

useNock();

const getTask = (taskId: string, options: Record<string, string> = {}) => ({
	operation: 'getTask',
	taskId,
	options,
});

describe('Get Task', () => {
	it('before completion: returns the state and progress, without binary', async () => {
		api()
			.get(`${TASK_PATH}/t-1`)
			.reply(200, pending('t-1', 4, 35));
		const result = await runPicWish({ parameters: getTask('t-1') });
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({
			task_id: 't-1',
			state: 4,
			progress: 35,
			stateName: 'Processing',
			taskStatus: 'processing',
		});
		expect(result.items[0].binary).toBeUndefined();
	});

	it('after completion: downloads the cleaned image, named after the task', async () => {
		api()
			.get(`${TASK_PATH}/t-2`)
			.reply(200, completed('t-2', resultUrl('t2.png')));
		const cleaned = makePng(40, 30);
		storage().get('/tasks/t2.png').query(true).reply(200, cleaned, { 'Content-Type': 'image/png' });
		const result = await runPicWish({ parameters: getTask('t-2') });
		expect(result.items[0].json).toMatchObject({ task_id: 't-2', taskStatus: 'completed' });
		expect(result.items[0].binary?.data).toMatchObject({
			fileName: 't-2.png',
			mimeType: 'image/png',
		});
		expect((await binaryBuffer(result.items[0])).equals(cleaned)).toBe(true);
	});

	it('takes the task ID from each item through an expression', async () => {
		api().get(`${TASK_PATH}/a`).reply(200, pending('a'));
		api().get(`${TASK_PATH}/b`).reply(200, completed('b'));
		const result = await runPicWish({
			parameters: getTask('={{ $json.task_id }}', { resultAs: 'url' }),
			items: [{ json: { task_id: 'a' } }, { json: { task_id: 'b' } }],
		});
		expect(
			result.items.map((item) => [item.json.task_id, item.json.taskStatus, item.pairedItem]),
		).toEqual([
			['a', 'processing', { item: 0 }],
			['b', 'completed', { item: 1 }],
		]);
	});

	it('a failed task fails the item with the reason', async () => {
		api()
			.get(`${TASK_PATH}/t-3`)
			.reply(200, envelope({ task_id: 't-3', state: -10, state_detail: 'Blocked' }));
		const result = await runPicWish({ parameters: getTask('t-3') });
		expect(result.error?.message).toBe(
			'PicWish could not remove the watermark: Prohibited content (internal review) (state -10) [task_id t-3] [item 0]',
		);
		expect(result.error?.description).toMatch(/PicWish said: "Blocked"/);
	});

	it('an empty task ID fails the item before any request', async () => {
		const result = await runPicWish({
			parameters: getTask('={{ $json.task_id }}'),
			items: [{ json: { task_id: '  ' } }],
		});
		expect(result.error?.message).toBe('"Task ID" is empty [item 0]');
		expect(result.error?.description).toMatch(/\$json\.task_id/);
	});

	it('an unknown task ID: says to check it (404)', async () => {
		api().get(`${TASK_PATH}/nope`).reply(404, { status: 404, message: 'task not found' });
		const result = await runPicWish({ parameters: getTask('nope') });
		expect(result.error?.message).toBe(
			'PicWish could not find the task or endpoint (404) [task_id nope] [item 0]',
		);
		expect(result.error?.description).toMatch(/PicWish said: "task not found"/);
	});

	it('encodes a task ID with special characters in the path', async () => {
		api().get(`${TASK_PATH}/a%2Fb%20c`).reply(200, pending('a/b c'));
		const result = await runPicWish({ parameters: getTask('a/b c') });
		expect(result.status).toBe('success');
	});

	describe('result downloads', () => {
		it('an expired result URL (403 from storage) says it expired', async () => {
			api()
				.get(`${TASK_PATH}/old`)
				.reply(200, completed('old', resultUrl('old.png')));
			storage()
				.get('/tasks/old.png')
				.query(true)
				.reply(
					403,
					'<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired.</Message></Error>',
				);
			const result = await runPicWish({ parameters: getTask('old') });
			expect(result.error?.message).toBe(
				'The result URL has expired or is no longer valid (403) [task_id old] [item 0]',
			);
			expect(result.error?.description).toMatch(/valid for 1 hour/);
		});

		it('a result URL that returns an HTML page is refused', async () => {
			api()
				.get(`${TASK_PATH}/html`)
				.reply(200, completed('html', resultUrl('h.png')));
			storage()
				.get('/tasks/h.png')
				.query(true)
				.reply(200, HTML_PAGE, { 'Content-Type': 'text/html' });
			const result = await runPicWish({ parameters: getTask('html') });
			expect(result.error?.message).toBe(
				'The result URL returned an HTML page instead of an image [task_id html] [item 0]',
			);
		});

		it('an empty result is refused', async () => {
			api()
				.get(`${TASK_PATH}/empty`)
				.reply(200, completed('empty', resultUrl('e.png')));
			storage()
				.get('/tasks/e.png')
				.query(true)
				.reply(200, Buffer.alloc(0), { 'Content-Type': 'image/png' });
			const result = await runPicWish({ parameters: getTask('empty') });
			expect(result.error?.message).toBe(
				'The result URL returned an empty file instead of an image [task_id empty] [item 0]',
			);
		});

		it('a completed task without a result URL is an error, not an empty success', async () => {
			api()
				.get(`${TASK_PATH}/nofile`)
				.reply(200, envelope({ task_id: 'nofile', state: 1 }));
			const result = await runPicWish({ parameters: getTask('nofile') });
			expect(result.error?.message).toBe(
				'PicWish reported the task as completed but sent no result URL [task_id nofile] [item 0]',
			);
		});

		it('a 5xx from storage is retried, then succeeds', async () => {
			api()
				.get(`${TASK_PATH}/flaky`)
				.reply(200, completed('flaky', resultUrl('f.png')));
			storage().get('/tasks/f.png').query(true).reply(503, 'busy');
			storage()
				.get('/tasks/f.png')
				.query(true)
				.reply(200, makePng(20, 20), { 'Content-Type': 'image/png' });
			const result = await runPicWish({ parameters: getTask('flaky') });
			expect(result.status).toBe('success');
			expect(result.items[0].binary?.data.mimeType).toBe('image/png');
		});
	});

	describe('task state answers that cannot be trusted', () => {
		it.each([
			[{ task_id: 's', progress: 10 }, 'PicWish sent no task state [task_id s]'],
			[
				{ task_id: 's', state: 'done' },
				'PicWish sent a task state that is not a number ("done") [task_id s]',
			],
		])('%j', async (data, message) => {
			api().get(`${TASK_PATH}/s`).reply(200, envelope(data));
			const result = await runPicWish({ parameters: getTask('s') });
			expect(result.error?.message).toBe(`${message} [item 0]`);
		});
	});
});
