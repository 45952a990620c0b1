import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

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

/** Hands every input item to the chosen operation; output order and pairing follow the input. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = this.getNodeParameter('operation', 0) as Operation;
	const run = operations[operation]?.execute;
	if (!run) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`);
	}
	const client = await PicWishClient.forExecution(this);

	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			returnData.push(...(await run.call(this, itemIndex, client)));
		} catch (error) {
			if (this.continueOnFail() && !this.getExecutionCancelSignal()?.aborted) {
				returnData.push(errorItem(error as Error, itemIndex));
				continue;
			}
			// Both constructors hand back an error of their own kind unchanged (item index included).
			if (error instanceof NodeApiError) {
				throw new NodeApiError(this.getNode(), error as unknown as JsonObject, { itemIndex });
			}
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
	}
	return [returnData];
}
