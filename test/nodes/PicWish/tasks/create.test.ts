import { api, envelope, TASK_PATH } from '../../../support/api';
import { useNock } from '../../../support/nock-lifecycle';
import { runPicWish } from '../../../support/workflow';

useNock();

describe('creating and querying tasks', () => {
	it('an answer without a data object is an error that says what to check', async () => {
		api().post(TASK_PATH).reply(200, { status: 200, message: 'success', data: null });
		const result = await runPicWish({
			parameters: {
				operation: 'createTask',
				inputType: 'url',
				imageUrl: 'https://example.com/a.jpg',
			},
		});
		expect(result.error?.message).toBe('PicWish answered without task data [item 0]');
		expect(result.error?.description).toMatch(/Base URL/);
	});

	it('a query answer without task_id keeps the one asked for', async () => {
		api()
			.get(`${TASK_PATH}/t-7`)
			.reply(200, envelope({ state: 2, progress: 10 }));
		const result = await runPicWish({ parameters: { operation: 'getTask', taskId: 't-7' } });
		expect(result.items[0].json).toMatchObject({ task_id: 't-7', stateName: 'Preparing' });
	});

	it('a failed query names the task it was about', async () => {
		api()
			.get(`${TASK_PATH}/t-8`)
			.reply(200, envelope({}, 404, 'task not found'));
		const result = await runPicWish({ parameters: { operation: 'getTask', taskId: 't-8' } });
		expect(result.error?.message).toBe(
			'PicWish could not find the task or endpoint (404) [task_id t-8] [item 0]',
		);
	});
});
