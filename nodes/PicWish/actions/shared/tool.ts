/**
 * The node as an AI agent's tool. n8n makes a tool variant of it (`picWishTool`) and shows a
 * property there only when its displayOptions say `'@tool': [true]`. As a tool, the model gives
 * the image URL (or task ID) through `$fromAI()`, gets back a small JSON with the result link,
 * and reads failures as the reason, what to do and the task ID.
 */
import type { IDataObject, INode, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { describeLimits } from '../../helpers/image';
import { inputNoun, inputParameters } from '../../tasks/input';
import type { TaskResourceSpec } from './resource';

/** Shown only in the tool variant. */
export const TOOL_ONLY = { show: { '@tool': [true] } };

/** Shown only in the regular node. */
export const REGULAR_ONLY = { hide: { '@tool': [true] } };

/** The tool's description for the model, one per operation (users may edit it). */
export function toolDescriptionProperty(operation: string, text: string): INodeProperties {
	return {
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		default: text,
		required: true,
		typeOptions: { rows: 4 },
		displayOptions: { show: { '@tool': [true], operation: [operation] } },
		description:
			'Explain to the LLM what this tool does, what it needs and what it returns; a good, specific description makes the model use it well',
	};
}

/** What the model reads of each operation of a task API: what it does, needs, costs and returns. */
export function toolTexts(spec: TaskResourceSpec): {
	createAndWait: string;
	createTask: string;
	getTask: string;
} {
	const service = spec.api.wording.service;
	const limits = spec.api.limits;
	const input = inputParameters(limits).url.name;
	const needs = `Needs ${input}: a public http(s) link to a ${limits.formats} ${inputNoun(limits).noun} (${describeLimits(limits, { byUrl: true, formats: false })}).${spec.toolNeeds ? ` ${spec.toolNeeds}` : ''}`;
	const costs = `Costs ${spec.price.text} of the PicWish account.`;
	return {
		createAndWait: `${spec.toolSummary}. ${needs} Takes from a few seconds to about three minutes. ${costs} Returns resultUrl, a link to ${spec.resultNoun} that stops working at resultUrlExpiresAt (after one hour), and the taskId.`,
		createTask: `Starts a PicWish ${service} task for ${inputNoun(limits).withArticle} on the web, without waiting for it. ${needs} ${costs} Returns the taskId; get ${spec.resultNoun} later with the tool that looks tasks up (tasks are kept for one hour).`,
		getTask: `Looks up a PicWish ${service} task by its taskId (from the tool that started it). Returns its state in words; once it is completed, resultUrl: a link to ${spec.resultNoun}, valid until resultUrlExpiresAt (one hour after completion). Tasks are kept for one hour.`,
	};
}

/** Whether this execution is the tool variant (n8n names it after the node, with "Tool"). */
export const isToolVariant = (node: INode): boolean => node.type.endsWith('Tool');

/** Most of a document's text handed to a model (the file holds all of it). */
const MAX_TOOL_TEXT = 50_000;

/** What the model needs of a task: the link, when it expires, the task ID, the state in words, the size. */
export function toolResult(item: INodeExecutionData): INodeExecutionData {
	const { json } = item;
	const pick: IDataObject = {
		taskId: json.task_id,
		status: json.taskStatus,
		state: json.stateName,
		resultUrl: json.resultUrl,
		imageIndex: json.imageIndex,
		maskUrl: json.mask,
		classes: json.classes,
		imageId: json.image_id,
		// A plain-text document's text, as far as a model can take it.
		text: typeof json.text === 'string' ? json.text.slice(0, MAX_TOOL_TEXT) : undefined,
		resultUrlExpiresAt: json.resultUrlExpiresAt,
		width: json.image_width,
		height: json.image_height,
	};
	const compact = Object.fromEntries(
		Object.entries(pick).filter(
			([, value]) => value !== undefined && value !== null && value !== '',
		),
	);
	return { json: compact, pairedItem: item.pairedItem };
}

/**
 * A failure as the model reads it: one sentence with the reason, what to do and the task ID,
 * without n8n's item label, made from the item continue-on-fail would give. Returned as the tool's
 * result (`{ error }`, as n8n 2.x itself hands a thrown error to the model) rather than thrown:
 * n8n 1.x would end the whole agent run instead.
 */
export function toolFailure(failed: INodeExecutionData): INodeExecutionData {
	const { error, description, task_id: taskId } = failed.json;
	const reason = String(error)
		.replace(/ \[item \d+\]/g, '')
		.replace(/ \[task_id [^\]]+\]/g, '');
	const parts = [
		reason.endsWith('.') ? reason : `${reason}.`,
		description,
		typeof taskId === 'string' ? `Task ID: ${taskId}.` : '',
	];
	return { json: { error: parts.filter(Boolean).join(' ') }, pairedItem: failed.pairedItem };
}
