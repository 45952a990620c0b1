import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { itemLabel } from '../../helpers/errors';
import type { RunContext } from '../../tasks/context';
import { buildResultItem, type ResultOptions } from '../../tasks/result';
import { queryTask } from '../../tasks/create';
import { settleTask } from '../../tasks/wait';
import { outputBinaryPropertyOption, outputFileNameOption, requestTimeoutOption, resultAsOption } from '../shared/descriptions';
import { REGULAR_ONLY, TOOL_ONLY, toolDescriptionProperty } from '../shared/tool';

const properties: INodeProperties[] = [
	{
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. {{ $json.task_id }}',
		description: 'The task_id returned by Create Task (results are kept for 1 hour)',
		displayOptions: REGULAR_ONLY,
	},
	{
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		default: "={{ $fromAI('taskId', 'The taskId that an earlier call to start a PicWish watermark removal returned', 'string') }}",
		required: true,
		description: 'Filled in by the model; edit it to give a fixed ID or an expression instead',
		displayOptions: TOOL_ONLY,
	},
	toolDescriptionProperty(
		'getTask',
		'Looks up a PicWish watermark removal task by its taskId (from the tool that started it). Returns its state in words; once it is completed, resultUrl: a link to the cleaned image, valid until resultUrlExpiresAt (one hour after completion). Tasks are kept for one hour.',
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [outputBinaryPropertyOption, outputFileNameOption, requestTimeoutOption, resultAsOption],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['watermark'], operation: ['getTask'] } },
	properties,
);

/**
 * Queries a task. A pending task is returned with its state; a completed one with its image
 * (unless Result As is URL Only); a failed one fails the item with the reason.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
): Promise<INodeExecutionData[]> {
	const taskId = String(this.getNodeParameter('taskId', itemIndex, '') ?? '').trim();
	if (!taskId) {
		throw new NodeOperationError(this.getNode(), `"Task ID" is empty ${itemLabel(itemIndex)}`, {
			itemIndex,
			description:
				'Enter the task_id returned by Create Task, for example with the expression {{ $json.task_id }}.',
		});
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as ResultOptions;
	const task = await queryTask(this, run, itemIndex, taskId);
	settleTask(this, run.resource, itemIndex, task);
	return [await buildResultItem(this, run, itemIndex, task, options, taskId)];
}
