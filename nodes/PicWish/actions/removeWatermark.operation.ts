import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createTaskFromInput } from '../helpers/input';
import { buildResultItem, type ResultOptions } from '../helpers/output';
import { MAX_PROCESSING_MS, waitForTask } from '../helpers/polling';
import type { PicWishClient } from '../transport';
import {
	imageSourceProperties,
	outputBinaryPropertyOption,
	outputFileNameOption,
	pollIntervalOption,
	requestTimeoutOption,
	resultAsOption,
	timeoutOption,
	waitModeOption,
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
			requestTimeoutOption,
			resultAsOption,
			timeoutOption,
			waitModeOption,
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
	waitMode?: 'auto' | 'sync' | 'poll';
}

/** Largest upload Auto sends synchronously: a synchronous request holds its file until PicWish answers. */
export const SYNC_UPLOAD_LIMIT_BYTES = 8 * 1024 * 1024;

/**
 * Creates the task, waits for it, and returns the cleaned image. A synchronous request costs one
 * API request per image against at least two for create-then-poll, with the same latency.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PicWishClient,
): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as Options;
	const timeoutMs = options.timeout !== undefined ? options.timeout * 1000 : MAX_PROCESSING_MS;
	const mode = options.waitMode ?? 'auto';
	const created = await createTaskFromInput(this, client, itemIndex, {
		sync: (bytes) => mode === 'sync' || (mode === 'auto' && bytes <= SYNC_UPLOAD_LIMIT_BYTES),
		processingTimeoutMs: timeoutMs,
	});
	const task = await waitForTask(this, client, itemIndex, created.task, {
		timeoutMs,
		pollIntervalMs: (options.pollInterval ?? 1) * 1000,
		sentAt: created.sentAt,
	});
	return [await buildResultItem(this, client, itemIndex, task, options, created.baseName, created.bytes)];
}
