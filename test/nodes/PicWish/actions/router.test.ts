/**
 * The router: the one place for per-item errors, continue-on-fail and pairing. Its operations here
 * are stand-ins that make no request, so the stories are about the router alone.
 */
import type { IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import {
	nodeProperties,
	type Operation,
	resources,
	type AnyResource,
} from '../../../../nodes/PicWish/actions';
import { router } from '../../../../nodes/PicWish/actions/router';
import { withTaskId } from '../../../../nodes/PicWish/helpers/errors';
import { PicWish } from '../../../../nodes/PicWish/PicWish.node';
import { runPicWish } from '../../../support/workflow';

/** Items that ran, in the order they started. */
let started: number[] = [];

/** Each item waits (later items less), then fails the way its JSON says. */
const work: Operation = {
	description: [],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		started.push(itemIndex);
		const json = this.getInputData()[itemIndex].json;
		await sleep(Number(json.waitMs ?? 0));
		if (json.fail === 'api') {
			throw withTaskId(
				new NodeApiError(this.getNode(), { status: 500 } as JsonObject, {
					itemIndex,
					httpCode: '500',
					message: 'PicWish had an internal error (500)',
					description: 'Retry later.',
				}),
				'task-9',
			);
		}
		if (json.fail === 'operation') {
			throw new NodeOperationError(this.getNode(), 'The input is wrong', {
				itemIndex,
				description: 'Fix the input.',
			});
		}
		if (json.fail === 'plain') throw new Error('something unexpected');
		return [{ json: { done: itemIndex }, pairedItem: { item: itemIndex } }] as INodeExecutionData[];
	},
};

const test: AnyResource = {
	name: 'Test',
	api: resources.watermark.api,
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['test'] } },
		options: [{ name: 'Work', value: 'work' }],
		default: 'work',
	},
	operations: { work },
};
const registry = { ...resources, test };

class RoutedNode extends PicWish {
	constructor() {
		super();
		this.description = { ...this.description, properties: nodeProperties(registry) };
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this, registry);
	}
}

const run = async (items: object[], continueOnFail = false, operation = 'work') =>
	await runPicWish({
		nodeType: new RoutedNode(),
		parameters: { resource: 'test', operation },
		items: items.map((json) => ({ json: json as Record<string, string | number> })),
		continueOnFail,
		// 2 requests per second: a handful of items in flight (Little's law, nothing learned yet).
		credentials: { requestsPerSecond: 2 },
	});

beforeEach(() => {
	started = [];
});

describe('the router', () => {
	it('keeps the input order and pairing when items finish out of order', async () => {
		const result = await run([{ waitMs: 120 }, { waitMs: 60 }, { waitMs: 0 }]);
		expect(result.items.map((item) => item.json.done)).toEqual([0, 1, 2]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
	});

	it('with continue-on-fail, puts each failure in its item and carries on', async () => {
		const result = await run(
			[{}, { fail: 'api' }, { fail: 'operation' }, { fail: 'plain' }, {}],
			true,
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([
			{ done: 0 },
			{
				error: 'PicWish had an internal error (500) [task_id task-9]',
				description: 'Retry later.',
				httpCode: '500',
				task_id: 'task-9',
			},
			{ error: 'The input is wrong', description: 'Fix the input.' },
			{ error: 'something unexpected' },
			{ done: 4 },
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual(
			[0, 1, 2, 3, 4].map((item) => ({ item })),
		);
	});

	it('without continue-on-fail, fails the node with the first failure, naming its item, and starts no more items', async () => {
		const items = [{ fail: 'operation' }, ...Array.from({ length: 40 }, () => ({ waitMs: 5 }))];
		const result = await run(items);
		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'The input is wrong [item 0]',
		});
		expect(result.error?.description).toBe('Fix the input.');
		expect(started.length).toBeLessThanOrEqual(10);
	});

	it('wraps an unexpected error in a node error that names its item', async () => {
		const result = await run([{}, { fail: 'plain' }]);
		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'something unexpected [item 1]',
		});
	});

	it('keeps the API error of a failing item as it is, status and task included', async () => {
		const result = await run([{ fail: 'api' }]);
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			message: 'PicWish had an internal error (500) [task_id task-9] [item 0]',
			httpCode: '500',
		});
	});

	it('refuses an operation it does not know', async () => {
		const result = await run([{}], false, 'nothing');
		expect(result.error?.message).toMatch(/^The operation "nothing" is not supported/);
	});
});
