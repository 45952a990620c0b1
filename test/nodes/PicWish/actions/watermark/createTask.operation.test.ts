import nock from 'nock';

import {
	captureCreate,
	completed,
	envelope,
	pending,
	resultUrl,
	storage,
} from '../../../../support/api';
import { makePng } from '../../../../support/images';
import { useNock } from '../../../../support/nock-lifecycle';
import { binaryBuffer, runPicWish } from '../../../../support/workflow';

useNock();

describe('Create Task', () => {
	it('asynchronous: returns the task ID at once, without polling', async () => {
		const seen = captureCreate(envelope({ task_id: 'async-1' }));
		const result = await runPicWish({
			parameters: {
				operation: 'createTask',
				inputType: 'url',
				imageUrl: 'https://example.com/a.png',
				mode: 'async',
			},
		});
		expect(result.status).toBe('success');
		expect(seen.parts?.sync.body.toString()).toBe('0');
		expect(result.items).toEqual([{ json: { task_id: 'async-1' }, pairedItem: { item: 0 } }]);
		expect(nock.isDone()).toBe(true);
	});

	it('synchronous: sends sync=1 and returns the cleaned image from the one answer', async () => {
		const seen = captureCreate(completed('sync-1', resultUrl('sync.png')));
		const cleaned = makePng(25, 25);
		storage()
			.get('/tasks/sync.png')
			.query(true)
			.reply(200, cleaned, { 'Content-Type': 'image/png' });

		const result = await runPicWish({
			parameters: {
				operation: 'createTask',
				inputType: 'binary',
				binaryPropertyName: 'data',
				mode: 'sync',
			},
			items: [
				{
					binary: {
						data: { data: makePng(30, 30), fileName: 'poster.png', mimeType: 'image/png' },
					},
				},
			],
		});

		expect(result.status).toBe('success');
		expect(seen.parts?.sync.body.toString()).toBe('1');
		expect(seen.parts?.file.filename).toBe('poster.png');
		expect(result.items[0].json).toMatchObject({
			task_id: 'sync-1',
			state: 1,
			taskStatus: 'completed',
		});
		expect(result.items[0].binary?.data.fileName).toBe('poster.png');
		expect((await binaryBuffer(result.items[0])).equals(cleaned)).toBe(true);
	});

	it('synchronous: a failed task fails the item with its task ID', async () => {
		captureCreate(envelope({ task_id: 'sync-bad', state: -3, progress: 0 }));
		const result = await runPicWish({
			parameters: {
				operation: 'createTask',
				inputType: 'url',
				imageUrl: 'https://example.com/gone.png',
				mode: 'sync',
			},
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'PicWish could not remove the watermark: Could not download the image URL (state -3) [task_id sync-bad] [item 0]',
		);
		expect(result.error?.description).toMatch(/public/);
	});

	it('synchronous: an answer that is still pending is returned for Get Task later', async () => {
		captureCreate(pending('sync-slow', 4, 80));
		const result = await runPicWish({
			parameters: {
				operation: 'createTask',
				inputType: 'url',
				imageUrl: 'https://example.com/a.png',
				mode: 'sync',
			},
		});
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({
			task_id: 'sync-slow',
			taskStatus: 'processing',
			stateName: 'Processing',
		});
		expect(result.items[0].binary).toBeUndefined();
	});

	it('synchronous with URL Only: returns the result URL without downloading it', async () => {
		captureCreate(completed('sync-url'));
		const result = await runPicWish({
			parameters: {
				operation: 'createTask',
				inputType: 'url',
				imageUrl: 'https://example.com/a.png',
				mode: 'sync',
				options: { resultAs: 'url' },
			},
		});
		expect(result.items[0].json).toMatchObject({ task_id: 'sync-url', file: resultUrl() });
		expect(result.items[0].binary).toBeUndefined();
	});
});
