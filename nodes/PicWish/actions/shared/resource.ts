/** What a resource (one PicWish API) and its operations provide to the node. */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ResourceApi, RunContext, ServiceApi } from '../../tasks/context';

export interface Operation<Api extends ServiceApi = ResourceApi> {
	/** The operation's own parameters, shown only for it. */
	description: INodeProperties[];
	/**
	 * Runs once per execution before any item, for checks about the whole batch (Check Credits
	 * First). What it throws fails every item, as if each had thrown it.
	 */
	prepare?(this: IExecuteFunctions, run: RunContext<Api>, itemCount: number): Promise<void>;
	/** Runs one item; throws a NodeOperationError or NodeApiError naming the item when it fails. */
	execute(this: IExecuteFunctions, itemIndex: number, run: RunContext<Api>): Promise<INodeExecutionData[]>;
	/** What an AI agent gets of an output item, when the operation's result is not a task. */
	toolResult?(item: INodeExecutionData): INodeExecutionData;
}

export interface Resource<Api extends ServiceApi = ResourceApi> {
	/** The Resource option as the UI shows it. */
	name: string;
	/** How its API is called and spoken of. */
	api: Api;
	/** The Operation selector of this resource (its options name each operation). */
	operationProperty: INodeProperties;
	operations: Record<string, Operation<Api>>;
}

/** Any resource, whatever its API: the registry holds them side by side. */
export type AnyResource = Resource<ServiceApi>;
