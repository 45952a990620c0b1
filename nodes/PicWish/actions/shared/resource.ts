/** What a resource (one PicWish API) and its operations provide to the node. */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ResourceApi, RunContext } from '../../tasks/context';

export interface Operation {
	/** The operation's own parameters, shown only for it. */
	description: INodeProperties[];
	/** Runs one item; throws a NodeOperationError or NodeApiError naming the item when it fails. */
	execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<INodeExecutionData[]>;
}

export interface Resource {
	/** The Resource option as the UI shows it. */
	name: string;
	/** How its API is called and spoken of. */
	api: ResourceApi;
	/** The Operation selector of this resource (its options name each operation). */
	operationProperty: INodeProperties;
	operations: Record<string, Operation>;
}
