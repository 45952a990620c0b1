import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readImageSource } from '../helpers/input';
import { buildResultItem, type ResultOptions } from '../helpers/output';
import { waitForTask } from '../helpers/polling';
import type { PicWishClient } from '../transport';
import {
	imageSourceProperties,
	outputBinaryPropertyOption,
	outputFileNameOption,
	pollIntervalOption,
	resultAsOption,
	timeoutOption,
} from './descriptions';

const properties: INodeProperties[] = [
	...imageSourceProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			outputBinaryPropertyOption,
			outputFileNameOption,
			pollIntervalOption,
			resultAsOption,
			timeoutOption,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['watermark'], operation: ['removeWatermark'] } },
	properties,
);

interface Options extends ResultOptions {
	timeout?: number;
	pollInterval?: number;
}

/** Creates the task, waits for it, and returns the cleaned image. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PicWishClient,
): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as Options;
	const { source, baseName } = await readImageSource(this, itemIndex);
	const created = await client.createTask(itemIndex, source, {
		sync: false,
		processingTimeoutMs: (options.timeout ?? 180) * 1000,
	});
	const task = await waitForTask(this, client, itemIndex, created, {
		timeoutMs: (options.timeout ?? 180) * 1000,
		pollIntervalMs: (options.pollInterval ?? 1) * 1000,
	});
	return [await buildResultItem(this, client, itemIndex, task, options, baseName)];
}
