import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createTaskFromInput } from '../../tasks/create';
import type { RunContext } from '../../tasks/context';
import { buildResultItem, type ResultOptions } from '../../tasks/result';
import { MAX_PROCESSING_MS } from '../../helpers/polling';
import { secondsOption } from '../../helpers/time';
import { settleTask } from '../../tasks/wait';
import {
	imageSourceProperties,
	outputBinaryPropertyOption,
	outputFileNameOption,
	resultAsOption,
	requestTimeoutOption,
	timeoutOption,
} from '../shared/descriptions';
import { toolDescriptionProperty } from '../shared/tool';

/** Options that only mean something when PicWish answers with the result. */
const syncOnly = (option: INodeProperties): INodeProperties => ({ ...option, displayOptions: { show: { '/mode': ['sync'] } } });

const properties: INodeProperties[] = [
	...imageSourceProperties,
	toolDescriptionProperty(
		'createTask',
		'Starts removing the watermark from an image on the web with PicWish, without waiting for it. Needs imageUrl: a public http(s) link to a JPG, PNG or BMP image (up to 30 MB). Returns the taskId; get the cleaned image later with the tool that looks tasks up (tasks are kept for one hour).',
	),
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		options: [
			{
				name: 'Asynchronous',
				value: 'async',
				description: 'Return the task ID at once; fetch the result later with Get Task',
			},
			{
				name: 'Synchronous',
				value: 'sync',
				description: 'Keep the request open until PicWish has finished, and return the result',
			},
		],
		default: 'async',
		description: 'Whether PicWish answers at once with a task ID or after processing',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			...[outputBinaryPropertyOption, outputFileNameOption].map(syncOnly),
			requestTimeoutOption,
			...[resultAsOption, timeoutOption].map(syncOnly),
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['watermark'], operation: ['createTask'] } },
	properties,
);

interface Options extends ResultOptions {
	timeout?: number;
}

/** Creates a task: returns its task_id (async), or the finished result (sync). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
): Promise<INodeExecutionData[]> {
	const sync = this.getNodeParameter('mode', itemIndex, 'async') === 'sync';
	const options = this.getNodeParameter('options', itemIndex, {}) as Options;
	const { task, baseName, sizeBytes } = await createTaskFromInput(this, run, itemIndex, {
		sync,
		processingTimeoutMs: secondsOption(options.timeout, MAX_PROCESSING_MS),
	});
	// A synchronous answer carries the final state: a failure fails the item. One that is still
	// pending (PicWish answered before finishing) is returned as it is, for Get Task later.
	if (sync) settleTask(this, run.resource, itemIndex, task);
	return [await buildResultItem(this, run, itemIndex, task, options, baseName, sizeBytes)];
}
