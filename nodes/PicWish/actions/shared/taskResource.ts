/**
 * A resource for one PicWish task API, from what is its own: endpoint, fields, options, price and
 * wording (its api.ts and index.ts). The three operations every such API has (its create-and-wait
 * operation, Create Task and Get Task) are built once, in taskOperations.ts.
 */
import { inputNoun } from '../../tasks/input';
import type { Resource, TaskResourceSpec } from './resource';
import { createAndWaitOperation, createTaskOperation, getTaskOperation } from './taskOperations';

/** "a" or "an" before a word, as the selector's actions read. */
const article = (word: string): string => (/^[aeiou]/i.test(word) ? 'an' : 'a');

/** The resource: its Operation selector and three operations. */
export function taskResource(spec: TaskResourceSpec): Resource {
	const service = spec.api.wording.service;
	const operations = [
		{
			name: 'Create Task',
			value: 'createTask',
			action: `Create ${article(service)} ${service} task`,
			description: `Start ${article(service)} ${service} task for ${inputNoun(spec.api.limits).withArticle} and return the task ID at once${spec.api.asyncOnly ? '' : ' (or wait, in synchronous mode)'}`,
		},
		{
			name: 'Get Task',
			value: 'getTask',
			action: `Get ${article(service)} ${service} task`,
			description: `Get the state of a task by its ID, and its ${spec.api.resultKind === 'document' ? 'document' : 'result image'} once it is done`,
		},
		spec.operation,
	].sort((a, b) => a.name.localeCompare(b.name));
	const defaultOperation = spec.operation.value;
	return {
		name: spec.name,
		api: spec.api,
		price: spec.price,
		resultNoun: spec.resultNoun,
		aliases: spec.aliases,
		apiOptions: spec.options,
		example: spec.example,
		operationProperty: {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [spec.value] } },
			options: operations,
			default: defaultOperation,
		},
		operations: {
			[spec.operation.value]: createAndWaitOperation(spec),
			createTask: createTaskOperation(spec),
			getTask: getTaskOperation(spec),
		},
	};
}
