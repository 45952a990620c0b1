import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import { itemLabel, namingItem, withTaskId } from '../../../../nodes/PicWish/helpers/errors';

const node: INode = {
	id: '1',
	name: 'PicWish',
	type: 'n8n-nodes-picwish.picWish',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('errors name what support and the user need', () => {
	it('withTaskId puts the task in the message and the context, once there is one', () => {
		const error = withTaskId(new NodeOperationError(node, 'PicWish did not finish'), 'abc-1');
		expect(error.message).toBe('PicWish did not finish [task_id abc-1]');
		expect(error.context.taskId).toBe('abc-1');
		const without = withTaskId(
			new NodeApiError(node, { message: 'x' } as JsonObject, { message: 'Bad' }),
		);
		expect(without.message).toBe('Bad');
		expect(without.context.taskId).toBeUndefined();
	});

	it('namingItem adds the item label once, as n8n writes it', () => {
		expect(itemLabel(3)).toBe('[item 3]');
		const error = namingItem(new Error('Broken'), 3);
		expect(error.message).toBe('Broken [item 3]');
		expect(namingItem(error, 3).message).toBe('Broken [item 3]');
	});
});
