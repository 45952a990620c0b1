import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { namingItem } from '../helpers/errors';
import { RunScheduler } from '../scheduling';
import { PicWishTransport, readCredentials } from '../transport';
import { type AnyResource, resources as defaultResources } from './index';
import { isToolVariant, toolFailure, toolResult } from './shared/tool';

/** The continue-on-fail item: the item's own cause, with its task ID when one was created. */
function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.description) json.description = error.description;
		if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
		const taskId = error.context?.taskId;
		if (typeof taskId === 'string') json.task_id = taskId;
	}
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * Hands every input item to the chosen resource's operation. Items run concurrently (the key's
 * pacer paces their API requests, shared with every execution on the key); output order and pairing follow the input. Without
 * continue-on-fail, the first failure stops the others and fails the node, naming its item.
 */
export async function router(
	this: IExecuteFunctions,
	registry: Record<string, AnyResource> = defaultResources,
	continueOnFail: boolean = this.continueOnFail(),
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resourceName = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const resource = Object.hasOwn(registry, resourceName) ? registry[resourceName] : undefined;
	const operation =
		resource && Object.hasOwn(resource.operations, operationName)
			? resource.operations[operationName]
			: undefined;
	if (!resource || !operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" is not supported`,
		);
	}
	const settings = await readCredentials(this);
	const scheduler = await RunScheduler.forExecution(this, settings);
	try {
		const api = new PicWishTransport(
			this,
			{ ...settings, service: resource.api.wording.service },
			scheduler,
		);
		const asTool = isToolVariant(this.getNode());
		const run = { api, scheduler, resource: resource.api, asTool };

		// A check about the whole batch: what it throws, every item meets (and reports as its own).
		const refused = operation.prepare
			? await operation.prepare.call(this, run, items.length).then(
					() => undefined,
					(error: Error) => error,
				)
			: undefined;
		const forTool = operation.toolResult ?? toolResult;

		const results: INodeExecutionData[][] = new Array(items.length);
		let failure: { itemIndex: number; error: Error } | undefined;
		await scheduler.forEachItem(items.length, async (itemIndex) => {
			try {
				if (refused) throw refused;
				const output = await operation.execute.call(this, itemIndex, run);
				results[itemIndex] = asTool ? output.map(forTool) : output;
			} catch (error) {
				if (asTool && !scheduler.run.stopped) {
					// The model reads it and can act: n8n 1.x would end the agent's run on a thrown error.
					results[itemIndex] = [toolFailure(errorItem(error as Error, itemIndex))];
				} else if (continueOnFail && !scheduler.run.stopped) {
					results[itemIndex] = [errorItem(error as Error, itemIndex)];
				} else if (!failure) {
					// Items stopped because of this failure end with "canceled": only the first counts.
					failure = { itemIndex, error: error as Error };
					scheduler.run.stop();
				}
			}
			return !failure;
		});

		if (failure) {
			const { itemIndex } = failure;
			const error = namingItem(failure.error, itemIndex);
			// The node's own errors already carry their item; anything else is wrapped with it.
			if (error instanceof NodeApiError || error instanceof NodeOperationError) throw error;
			throw new NodeOperationError(this.getNode(), error, { itemIndex });
		}
		if (scheduler.run.stopped) throw scheduler.run.canceledError();
		const { created, reused, creditsSaved, remade } = scheduler.tally;
		if (reused || remade) {
			// Where the user looks after a run: what Reuse Results saved, and what it had to make again.
			const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
			const again = remade
				? ` (${remade} made again: a remembered result no longer downloaded)`
				: '';
			this.addExecutionHints({
				message: `${count(items.length, 'item')}, ${count(created, 'task')} created${again}, ${reused} reused — ${count(creditsSaved, 'credit')} saved`,
				location: 'outputPane',
			});
		}
		return [results.flat()];
	} finally {
		// Its waiting requests go, and its rate no longer caps the key.
		scheduler.close();
	}
}
