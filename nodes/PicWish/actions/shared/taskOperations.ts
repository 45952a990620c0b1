/**
 * The three operations of every PicWish task API, built once from a resource's spec: its
 * create-and-wait operation (Remove Watermark, Remove Background, …), Create Task and Get Task.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { withAdvice } from '../../helpers/errors';
import { likelyText } from '../../helpers/image';
import { MAX_PROCESSING_MS } from '../../helpers/polling';
import { secondsOption } from '../../helpers/time';
import type { RunContext } from '../../tasks/context';
import { createTaskFromInput, prepareTask, queryTask, sendTask } from '../../tasks/create';
import { obtainResult, type ReuseMode } from '../../tasks/reuse';
import { buildResultItems, type ResultOptions } from '../../tasks/result';
import { settleTask, waitForTask } from '../../tasks/wait';
import { readApiOptions, refusalError } from './apiOptions';
import { fieldsReader } from './itemFields';
import {
	checkCreditsFirstOption,
	imageSourceFor,
	optionsCollection,
	outputBinaryPropertyOption,
	outputFileNameOption,
	pollIntervalOption,
	requestTimeoutOption,
	resultAsOption,
	reuseResultsOption,
	taskIdProperties,
	timeoutOption,
	waitModeOption,
} from './descriptions';
import type { Operation, TaskResourceSpec } from './resource';
import { checkBatchCredits, lowestCredits } from './pricing';
import { toolDescriptionProperty, toolTexts } from './tool';

interface Options extends ResultOptions {
	checkCreditsFirst?: boolean;
	reuseResults?: ReuseMode;
	timeout?: number;
	pollInterval?: number;
	waitMode?: 'auto' | 'sync' | 'poll';
}

/** Largest upload Auto sends synchronously: a synchronous request holds its file until PicWish answers. */
const SYNC_UPLOAD_LIMIT_BYTES = 8 * 1024 * 1024;

/** Options that only mean something when PicWish answers with the result. */
const syncOnly = (option: INodeProperties): INodeProperties => ({
	...option,
	displayOptions: { show: { '/mode': ['sync'] } },
});

/** Put Output File in Field, unless the results go to fields named after them (class masks). */
const outputFieldOption = (spec: TaskResourceSpec): INodeProperties[] =>
	spec.api.results.some((result) => result.named) ? [] : [outputBinaryPropertyOption];

const byName = (a: INodeProperties, b: INodeProperties) =>
	a.displayName.localeCompare(b.displayName);

/** The parameters both create operations show: the image, the API's own parameters, the tool's description. */
function createProperties(spec: TaskResourceSpec, operation: string): INodeProperties[] {
	return [
		...imageSourceFor(spec.api.limits),
		...(spec.parameters ?? []),
		toolDescriptionProperty(
			operation,
			toolTexts(spec)[operation === 'createTask' ? 'createTask' : 'createAndWait'],
		),
	];
}

/**
 * Shown for this resource and operation. Those two come first among the conditions: n8n stops at
 * the first condition on an expression (Input Type set by one) and shows the parameter, so a
 * required parameter of another resource would be reported missing.
 */
const shownFor = (spec: TaskResourceSpec, operation: string, properties: INodeProperties[]) => {
	const ours = { resource: [spec.value], operation: [operation] };
	return updateDisplayOptions({ show: ours }, properties).map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...ours, ...property.displayOptions?.show },
		},
	}));
};

/** Creates the task, waits for it, and returns the result image. */
export function createAndWaitOperation(spec: TaskResourceSpec): Operation {
	const operation = spec.operation.value;
	const options = [
		checkCreditsFirstOption(spec.price.text),
		...outputFieldOption(spec),
		outputFileNameOption,
		pollIntervalOption,
		requestTimeoutOption,
		resultAsOption,
		reuseResultsOption,
		timeoutOption,
		// Only asynchronous requests: nothing to choose.
		...(spec.api.asyncOnly ? [] : [waitModeOption]),
		...(spec.options ?? []).map((option) => option.property),
	].sort(byName);
	return {
		description: shownFor(spec, operation, [
			...createProperties(spec, operation),
			optionsCollection(options),
		]),
		// With Check Credits First on (for any item), one credits request decides whether the batch may start.
		async prepare(this: IExecuteFunctions, run: RunContext, itemCount: number) {
			for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
				if ((this.getNodeParameter('options', itemIndex, {}) as Options).checkCreditsFirst) {
					await checkBatchCredits(this, run, spec, itemCount);
					return;
				}
			}
		},
		// A synchronous request costs one API request per image against at least two for create-then-poll.
		async execute(
			this: IExecuteFunctions,
			itemIndex: number,
			run: RunContext,
		): Promise<INodeExecutionData[]> {
			const options = this.getNodeParameter('options', itemIndex, {}) as Options;
			const timeoutMs = secondsOption(options.timeout, MAX_PROCESSING_MS);
			const mode = spec.api.asyncOnly ? 'poll' : (options.waitMode ?? 'auto');
			const prepare = async () =>
				await prepareTask(this, run, itemIndex, fieldsReader(spec, this, run, itemIndex));
			const prepared = await prepare();
			const { baseName, sizeBytes, image } = prepared.read;
			const notes = [...(prepared.apiFields.notes ?? []), likelyText(spec.api.limits).trim()];
			const {
				result: items,
				reused,
				remade,
			} = await obtainResult(this, run, itemIndex, {
				prepared,
				prepare,
				mode: options.reuseResults ?? 'recent',
				timeoutMs,
				make: async (preparedTask) => {
					const created = await sendTask(this, run, itemIndex, preparedTask, {
						sync: (bytes) =>
							mode === 'sync' || (mode === 'auto' && bytes <= SYNC_UPLOAD_LIMIT_BYTES),
						processingTimeoutMs: timeoutMs,
					});
					return await waitForTask(this, run, itemIndex, created.task, {
						timeoutMs,
						pollIntervalMs: secondsOption(options.pollInterval, 1000),
						sentAt: created.sentAt,
					});
				},
				use: async (task) =>
					await buildResultItems(this, run, itemIndex, task, options, baseName, sizeBytes),
			}).catch((error: Error) => {
				throw withAdvice(error, notes);
			});
			const { tally } = run.scheduler;
			if (reused) {
				tally.reused++;
				const longEdge = image.kind === 'binary' ? Math.max(image.width, image.height) : undefined;
				// What was surely saved: the lowest plausible price where it is not certain.
				tally.creditsSaved += lowestCredits(
					spec.price,
					readApiOptions(this, itemIndex, spec.options ?? []),
					longEdge,
				);
				for (const item of items) item.json.reused = true;
			} else tally.created++;
			if (remade) tally.remade++;
			return items;
		},
	};
}

/** Creates a task: returns its task_id (async), or the finished result (sync). */
export function createTaskOperation(spec: TaskResourceSpec): Operation {
	const modeProperty: INodeProperties = {
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		required: true,
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
	};
	// Where PicWish answers only asynchronously, there is no mode to choose and no result to name.
	const asyncOnly = spec.api.asyncOnly;
	const options = [
		...(asyncOnly ? [] : [...outputFieldOption(spec), outputFileNameOption].map(syncOnly)),
		requestTimeoutOption,
		...(asyncOnly ? [] : [resultAsOption, timeoutOption].map(syncOnly)),
		...(spec.options ?? []).map((option) => option.property),
	].sort(byName);
	return {
		description: shownFor(spec, 'createTask', [
			...createProperties(spec, 'createTask'),
			...(asyncOnly ? [] : [modeProperty]),
			optionsCollection(options),
		]),
		async execute(
			this: IExecuteFunctions,
			itemIndex: number,
			run: RunContext,
		): Promise<INodeExecutionData[]> {
			const sync = !asyncOnly && this.getNodeParameter('mode', itemIndex, 'async') === 'sync';
			const options = this.getNodeParameter('options', itemIndex, {}) as Options;
			const { task, baseName, sizeBytes } = await createTaskFromInput(this, run, itemIndex, {
				sync,
				processingTimeoutMs: secondsOption(options.timeout, MAX_PROCESSING_MS),
				fields: fieldsReader(spec, this, run, itemIndex),
			});
			// A synchronous answer carries the final state: a failure fails the item. One that is still
			// pending (PicWish answered before finishing) is returned as it is, for Get Task later.
			if (sync) settleTask(this, run.resource, itemIndex, task);
			return await buildResultItems(this, run, itemIndex, task, options, baseName, sizeBytes);
		},
	};
}

/**
 * Queries a task. A pending task is returned with its state; a completed one with its image
 * (unless Result As is URL Only); a failed one fails the item with the reason.
 */
export function getTaskOperation(spec: TaskResourceSpec): Operation {
	return {
		description: shownFor(spec, 'getTask', [
			...taskIdProperties(spec.api.wording.service),
			toolDescriptionProperty('getTask', toolTexts(spec).getTask),
			optionsCollection([
				outputFileNameOption,
				...outputFieldOption(spec),
				requestTimeoutOption,
				resultAsOption,
			]),
		]),
		async execute(
			this: IExecuteFunctions,
			itemIndex: number,
			run: RunContext,
		): Promise<INodeExecutionData[]> {
			const taskId = String(this.getNodeParameter('taskId', itemIndex, '') ?? '').trim();
			if (!taskId) {
				throw refusalError(this, itemIndex, 'Task ID', {
					problem: 'is empty',
					fix: 'Enter the task_id returned by Create Task, for example with the expression {{ $json.task_id }}.',
				});
			}
			const options = this.getNodeParameter('options', itemIndex, {}) as ResultOptions;
			const task = await queryTask(this, run, itemIndex, taskId);
			settleTask(this, run.resource, itemIndex, task);
			return await buildResultItems(this, run, itemIndex, task, options, taskId);
		},
	};
}
