import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { describeLimits, type ImageLimits } from '../../helpers/image';
import { inputNoun, inputParameters } from '../../tasks/input';
import { REGULAR_ONLY, TOOL_ONLY } from './tool';

/** Where the image comes from, in the regular node, with the limits of the API that receives it. */
const regularImageSource = (limits: ImageLimits): INodeProperties[] => {
	const { noun, withArticle } = inputNoun(limits);
	const url = inputParameters(limits).url;
	return [
		{
			displayName: 'Input Type',
			name: 'inputType',
			type: 'options',
			required: true,
			options: [
				{
					name: 'Binary File',
					value: 'binary',
					description: `Upload ${withArticle} from a binary property of the input item`,
				},
				{
					name: url.label,
					value: 'url',
					description: `Let PicWish download the ${noun} from a public URL`,
				},
			],
			default: 'binary',
			description: `Where the ${noun} comes from`,
		},
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			displayOptions: { show: { inputType: ['binary'] } },
			hint: `The input binary field containing the ${noun} (${describeLimits(limits)})`,
			description: `The name of the binary property of the input item that holds the ${noun}`,
		},
		{
			displayName: url.label,
			name: url.name,
			type: 'string',
			default: '',
			required: true,
			placeholder: limits.documents
				? 'https://example.com/invoice.pdf'
				: 'https://example.com/product-photo.jpg',
			displayOptions: { show: { inputType: ['url'] } },
			description: `Public http(s) address of a ${limits.formats} ${noun} (${describeLimits(limits, { byUrl: true, formats: false })}). PicWish downloads it itself; a result URL of another PicWish step works too.`,
		},
	];
};

/** As a tool, the model gives a URL: a binary cannot come from a model. */
const toolImageSource = (limits: ImageLimits): INodeProperties[] => {
	const url = inputParameters(limits).url;
	return [
		{
			displayName: 'Input Type',
			name: 'inputType',
			type: 'hidden',
			default: 'url',
		},
		{
			displayName: url.label,
			name: url.name,
			type: 'string',
			default: `={{ $fromAI('${url.name}', 'The public http(s) URL of the ${inputNoun(limits).noun}: a ${limits.formats} file (${describeLimits(limits, { byUrl: true, formats: false })}). PicWish downloads it itself, so it must not need a login.', 'string') }}`,
			required: true,
			description: 'Filled in by the model; edit it to give a fixed URL or an expression instead',
		},
	];
};

/** Parameters shared by the operations that create a task: where the image comes from. */
export function imageSourceFor(limits: ImageLimits): INodeProperties[] {
	return [
		...updateDisplayOptions(REGULAR_ONLY, regularImageSource(limits)),
		...updateDisplayOptions(TOOL_ONLY, toolImageSource(limits)),
	];
}

/** The Task ID of Get Task: typed or an expression, or given by the model. */
export function taskIdProperties(service: string): INodeProperties[] {
	return [
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
			default: `={{ $fromAI('taskId', 'The taskId that an earlier call to start a PicWish ${service} returned', 'string') }}`,
			required: true,
			description: 'Filled in by the model; edit it to give a fixed ID or an expression instead',
			displayOptions: TOOL_ONLY,
		},
	];
}

/** Check Credits First, with the API's price in its description. */
export function checkCreditsFirstOption(priceText: string): INodeProperties {
	return {
		displayName: 'Check Credits First',
		name: 'checkCreditsFirst',
		type: 'boolean',
		default: false,
		description: `Whether to ask PicWish for the credits left before the first task, and stop the run (creating no task) when fewer remain than the batch needs (${priceText}). Costs one request per run.`,
	};
}

export const resultAsOption: INodeProperties = {
	displayName: 'Result As',
	name: 'resultAs',
	type: 'options',
	options: [
		{
			name: 'Binary File',
			value: 'binary',
			description: 'Download the result image into a binary property',
		},
		{
			name: 'URL Only',
			value: 'url',
			description: 'Return only the signed result URL (valid for 1 hour), without downloading it',
		},
	],
	default: 'binary',
	description:
		'Whether to download the result image or return only its URL (to chain PicWish steps by URL, without downloading in between)',
};

export const outputBinaryPropertyOption: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'outputBinaryPropertyName',
	type: 'string',
	default: 'data',
	hint: 'The name of the output binary field to put the result image in',
	description:
		'The binary property of the output item that receives the result image (when Result As is Binary File)',
};

export const outputFileNameOption: INodeProperties = {
	displayName: 'Output File Name',
	name: 'outputFileName',
	type: 'string',
	default: '',
	placeholder: 'e.g. product-123-clean',
	description:
		"File name of the result image. Leave empty to name it after the input; the extension always follows the result's real type.",
};

export const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 3600 },
	default: 180,
	description:
		'How long to wait for PicWish to finish before the item fails with its task ID (PicWish itself gives up after 180 seconds)',
};

export const requestTimeoutOption: INodeProperties = {
	displayName: 'Request Timeout (Seconds)',
	name: 'requestTimeout',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 3600 },
	default: 60,
	description:
		'How long one request to PicWish or to its result storage may take, from sending it to the last byte of the answer. Without this option: 120 s for uploads and downloads, 30 s for status checks. A synchronous request also gets the Timeout for processing.',
};

export const pollIntervalOption: INodeProperties = {
	displayName: 'Poll Interval (Seconds)',
	name: 'pollInterval',
	type: 'number',
	typeOptions: { minValue: 0.2, maxValue: 60, numberPrecision: 1 },
	default: 1,
	description:
		'The shortest gap between two status queries when the node polls (PicWish advises every second); the node polls later when the task is not likely to be done yet',
};

export const waitModeOption: INodeProperties = {
	displayName: 'Wait Mode',
	name: 'waitMode',
	type: 'options',
	options: [
		{
			name: 'Auto (Fewest Requests)',
			value: 'auto',
			description:
				'One synchronous request per image (URLs, and files up to 8 MB); larger files are polled, so they are not held in memory while PicWish works',
		},
		{
			name: 'Poll Task Status',
			value: 'poll',
			description:
				"Create the task, then ask for its status: first when this run's typical processing time has passed, then by its progress",
		},
		{
			name: 'Synchronous Request',
			value: 'sync',
			description: 'One request per image that stays open until PicWish has finished',
		},
	],
	default: 'auto',
	description: "How to wait for PicWish. Every request counts toward your key's rate limit.",
};

export const reuseResultsOption: INodeProperties = {
	displayName: 'Reuse Results',
	name: 'reuseResults',
	type: 'options',
	options: [
		{
			name: 'Never (Always Create a Task)',
			value: 'never',
			description: 'One task, and one charge, per item',
		},
		{
			name: 'Within This Run and Recent Runs',
			value: 'recent',
			description:
				'The same image with the same options makes one task; a result made in the last 50 minutes on this credential is reused by later runs in this n8n process (a URL only while its host describes the image as before)',
		},
		{
			name: 'Within This Run Only',
			value: 'run',
			description: 'The same image with the same options makes one task in this run',
		},
	],
	default: 'recent',
	description:
		'Whether identical images (same bytes, or the same URL) with the same options share one task instead of paying for each. Every item still gets its own output.',
};

/** The Options collection of an operation: `options` in the order given. */
export const optionsCollection = (options: INodeProperties[]): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options,
});
