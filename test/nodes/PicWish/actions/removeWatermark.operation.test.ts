import nock from 'nock';

import { api, completed, envelope, parseMultipart, pending, requestBytes, resultUrl, storage, TASK_PATH } from '../../../support/api';
import { makePng } from '../../../support/images';
import { binaryBuffer, runPicWish, TEST_API_KEY } from '../../../support/workflow';

beforeAll(() => {
	nock.disableNetConnect();
});
afterEach(() => {
	nock.cleanAll();
});
afterAll(() => {
	nock.enableNetConnect();
	nock.restore();
});

describe('Remove Watermark', () => {
	it('removes the watermark from a binary image and returns a PNG', async () => {
		const input = makePng(64, 48);
		const cleaned = makePng(64, 48, [10, 200, 10]);
		let upload: ReturnType<typeof parseMultipart> | undefined;
		api()
			.post(TASK_PATH)
			.reply(function (_uri, body) {
				upload = parseMultipart(String(this.req.headers['content-type']), requestBytes(body));
				return [200, envelope({ task_id: 'task-1' })];
			});
		api().get(`${TASK_PATH}/task-1`).reply(200, pending('task-1', 0, 0));
		api().get(`${TASK_PATH}/task-1`).reply(200, pending('task-1', 4, 60));
		api().get(`${TASK_PATH}/task-1`).reply(200, completed('task-1', resultUrl('task-1.png')));
		storage().get('/tasks/task-1.png').query(true).reply(200, cleaned, { 'Content-Type': 'image/png' });

		const result = await runPicWish({
			parameters: {
				operation: 'removeWatermark',
				inputType: 'binary',
				binaryPropertyName: 'data',
				options: { pollInterval: 0.2 },
			},
			items: [{ binary: { data: { data: input, fileName: 'product photo.jpg', mimeType: 'image/jpeg' } } }],
		});

		expect(result.status).toBe('success');
		expect(upload?.sync.body.toString()).toBe('0');
		expect(upload?.url).toBeUndefined();
		expect(upload?.file.filename).toBe('product photo.jpg');
		// The real type, whatever the upstream node claimed.
		expect(upload?.file.contentType).toBe('image/png');
		expect(upload?.file.body.equals(input)).toBe(true);

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
		expect(item.binary?.data).toMatchObject({ mimeType: 'image/png', fileName: 'product photo.png', fileExtension: 'png' });
		expect((await binaryBuffer(item)).equals(cleaned)).toBe(true);
		expect(JSON.stringify(result.items)).not.toContain(TEST_API_KEY);
		expect(nock.isDone()).toBe(true);
	});
});
