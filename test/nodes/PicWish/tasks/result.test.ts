import { api, completed, resultUrl, storage, TASK_PATH } from '../../../support/api';
import { makeJpeg, makePng } from '../../../support/images';
import { useNock } from '../../../support/nock-lifecycle';
import { binaryBuffer, runPicWish } from '../../../support/workflow';

useNock();

const getTask = { operation: 'getTask', taskId: 't-1' };

describe('the output item', () => {
	it('reads the type from a Content-Type with parameters', async () => {
		api()
			.get(`${TASK_PATH}/t-1`)
			.reply(200, completed('t-1', resultUrl('r.jpg')));
		const bytes = makeJpeg(40, 30);
		storage()
			.get('/tasks/r.jpg')
			.query(true)
			.reply(200, bytes, { 'Content-Type': 'image/jpeg; charset=binary' });
		const result = await runPicWish({ parameters: getTask });
		expect(result.items[0].binary?.data).toMatchObject({
			mimeType: 'image/jpeg',
			fileName: 't-1.jpg',
		});
		expect((await binaryBuffer(result.items[0])).equals(bytes)).toBe(true);
	});

	it('goes by the bytes when storage calls an image something else', async () => {
		api().get(`${TASK_PATH}/t-1`).reply(200, completed('t-1'));
		storage()
			.get('/tasks/result.png')
			.query(true)
			.reply(200, makePng(20, 20), { 'Content-Type': 'application/octet-stream' });
		const result = await runPicWish({ parameters: getTask });
		expect(result.items[0].binary?.data).toMatchObject({
			mimeType: 'image/png',
			fileName: 't-1.png',
		});
	});

	it('downloads nothing for a pending task or with Result As URL Only', async () => {
		api().get(`${TASK_PATH}/t-1`).reply(200, completed('t-1'));
		const urlOnly = await runPicWish({ parameters: { ...getTask, options: { resultAs: 'url' } } });
		expect(urlOnly.items[0].binary).toBeUndefined();
		expect(urlOnly.items[0].json.file).toBe(resultUrl());
	});
});
