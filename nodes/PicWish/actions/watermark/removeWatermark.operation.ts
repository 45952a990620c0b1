import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ensureCredits } from '../../tasks/credits';
import { createTaskFromInput } from '../../tasks/create';
import type { RunContext } from '../../tasks/context';
import { buildResultItem, type ResultOptions } from '../../tasks/result';
import { MAX_PROCESSING_MS } from '../../helpers/polling';
import { secondsOption } from '../../helpers/time';
import { waitForTask } from '../../tasks/wait';
import {
	imageSourceProperties,
	outputBinaryPropertyOption,
	outputFileNameOption,
	pollIntervalOption,
	requestTimeoutOption,
	resultAsOption,
	timeoutOption,
	waitModeOption,
} from '../shared/descriptions';
import { toolDescriptionProperty } from '../shared/tool';

const properties: INodeProperties[] = [
	...imageSourceProperties,
	toolDescriptionProperty(
		'removeWatermark',
		'Removes the watermark from an image on the web with PicWish. Needs imageUrl: a public http(s) link to a JPG, PNG or BMP image (20 to 10000 pixels per side, up to 30 MB). Takes from a few seconds to about three minutes. Returns resultUrl, a link to the cleaned image that stops working at resultUrlExpiresAt (after one hour), and the taskId.',
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Check Credits First',
				name: 'checkCreditsFirst',
				type: 'boolean',
				default: false,
				description:
					'Whether to ask PicWish for the credits left before the first task, and stop the run (creating no task) when fewer remain than there are images to clean. Costs one request per run.',
			},
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
	checkCreditsFirst?: boolean;
	timeout?: number;
	pollInterval?: number;
	waitMode?: 'auto' | 'sync' | 'poll';
}

/** Largest upload Auto sends synchronously: a synchronous request holds its file until PicWish answers. */
export const SYNC_UPLOAD_LIMIT_BYTES = 8 * 1024 * 1024;

/** With Check Credits First on (for any item), one credits request decides whether the batch may start. */
export async function prepare(this: IExecuteFunctions, run: RunContext, itemCount: number): Promise<void> {
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		const options = this.getNodeParameter('options', itemIndex, {}) as Options;
		if (options.checkCreditsFirst) {
			await ensureCredits(this, run, itemCount);
			return;
		}
	}
}

/**
 * Creates the task, waits for it, and returns the cleaned image. A synchronous request costs one
 * API request per image against at least two for create-then-poll, with the same latency.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as Options;
	const timeoutMs = secondsOption(options.timeout, MAX_PROCESSING_MS);
	const mode = options.waitMode ?? 'auto';
	const created = await createTaskFromInput(this, run, itemIndex, {
		sync: (sizeBytes) => mode === 'sync' || (mode === 'auto' && sizeBytes <= SYNC_UPLOAD_LIMIT_BYTES),
		processingTimeoutMs: timeoutMs,
	});
	const task = await waitForTask(this, run, itemIndex, created.task, {
		timeoutMs,
		pollIntervalMs: secondsOption(options.pollInterval, 1000),
		sentAt: created.sentAt,
	});
	return [await buildResultItem(this, run, itemIndex, task, options, created.baseName, created.sizeBytes)];
}
