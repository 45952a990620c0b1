import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { namingItem } from '../helpers/errors';
import { PicWishClient } from '../transport';
import { operations, type Operation } from './index';

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
 * Hands every input item to the chosen operation. Items run concurrently (their API requests are
 * paced by the client's rate governor); output order and pairing follow the input. Without
 * continue-on-fail, the first failure stops the others and fails the node, naming its item.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = this.getNodeParameter('operation', 0) as Operation;
	const run = operations[operation]?.execute;
	if (!run) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`);
	}
	const client = await PicWishClient.forExecution(this);
	const continueOnFail = this.continueOnFail();

	const results: INodeExecutionData[][] = new Array(items.length);
	let failure: { itemIndex: number; error: Error } | undefined;
	let next = 0;
	const worker = async () => {
		while (next < items.length && !failure && !client.run.stopped) {
			const itemIndex = next++;
			try {
				results[itemIndex] = await run.call(this, itemIndex, client);
			} catch (error) {
				if (continueOnFail && !client.run.stopped) {
					results[itemIndex] = [errorItem(error as Error, itemIndex)];
				} else if (!failure) {
					// Items stopped because of this failure end with "canceled": only the first counts.
					failure = { itemIndex, error: error as Error };
					client.run.stop();
				}
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(items.length, client.maxItemsInFlight) }, worker));

	if (failure) {
		const { itemIndex } = failure;
		const error = namingItem(failure.error, itemIndex);
		// Both constructors hand back an error of their own kind unchanged (item index included).
		if (error instanceof NodeApiError) {
			throw new NodeApiError(this.getNode(), error as unknown as JsonObject, { itemIndex });
		}
		throw new NodeOperationError(this.getNode(), error, { itemIndex });
	}
	if (client.run.stopped) throw client.run.canceledError();
	return [results.flat()];
}
