import type { IExecuteFunctions } from 'n8n-workflow';

import { watermarkApi } from '../../../../nodes/PicWish/actions/watermark/api';
import type { TaskData } from '../../../../nodes/PicWish/helpers/task';
import type { ResourceApi } from '../../../../nodes/PicWish/tasks/context';
import { settleTask } from '../../../../nodes/PicWish/tasks/wait';

const ctx = {
	getNode: () => ({
		id: '1',
		name: 'PicWish',
		type: 'n8n-nodes-picwish.picWish',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	}),
} as unknown as IExecuteFunctions;

const settle = (
	task: TaskData,
	resource: ResourceApi = watermarkApi,
	options?: { stateRequired?: boolean },
) => settleTask(ctx, resource, 0, task, options);

describe("what a task's state means", () => {
	it('completed with a result URL: done; pending: not yet', () => {
		expect(settle({ task_id: 't', state: 1, file: 'https://x.test/r.jpg' })).toBe(true);
		for (const state of [0, 2, 3, 4, 5, 6, 9]) expect(settle({ task_id: 't', state })).toBe(false);
	});

	it('a failed state fails with its reason, the hint for this API, and what PicWish said', () => {
		expect(() => settle({ task_id: 't', state: -14, state_detail: 'blank' })).toThrow(
			'PicWish could not remove the watermark: Image content not suitable (state -14) [task_id t]',
		);
		try {
			settle({ task_id: 't', state: -14, state_detail: 'blank' });
		} catch (error) {
			expect((error as { description: string }).description).toBe(
				`${watermarkApi.wording.stateHints?.[-14]} PicWish said: "blank".`,
			);
		}
	});

	it('another resource words its failures its own way', () => {
		const other: ResourceApi = {
			...watermarkApi,
			wording: { service: 'x', failed: 'could not cut out the product' },
		};
		expect(() => settle({ task_id: 't', state: -7 }, other)).toThrow(
			'PicWish could not cut out the product: Invalid image file (state -7)',
		);
	});

	it('an unknown negative state fails too', () => {
		expect(() => settle({ task_id: 't', state: -99 })).toThrow('(state -99)');
	});

	it('a state may be missing only in the answer to an asynchronous create', () => {
		expect(settle({ task_id: 't' }, watermarkApi, { stateRequired: false })).toBe(false);
		expect(() => settle({ task_id: 't' })).toThrow('PicWish sent no task state [task_id t]');
		expect(() => settle({ task_id: 't', state: 'soon' as unknown as number })).toThrow(
			'PicWish sent a task state that is not a number ("soon")',
		);
	});

	it('completed without a result URL is an error, not an empty success', () => {
		expect(() => settle({ task_id: 't', state: 1 })).toThrow(
			'PicWish reported the task as completed but sent no result URL',
		);
	});
});
