/** What a resource (one PicWish API) and its operations provide to the node. */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
} from 'n8n-workflow';

import type { ResourceApi, RunContext, ServiceApi } from '../../tasks/context';
import type { ApiFields } from '../../tasks/create';
import type { InputImage } from '../../tasks/input';
import type { ApiOption, Refusal } from './apiOptions';

export interface Operation<Api extends ServiceApi = ResourceApi> {
	/** The operation's own parameters, shown only for it. */
	description: INodeProperties[];
	/**
	 * Runs once per execution before any item, for checks about the whole batch (Check Credits
	 * First). What it throws fails every item, as if each had thrown it.
	 */
	prepare?(this: IExecuteFunctions, run: RunContext<Api>, itemCount: number): Promise<void>;
	/** Runs one item; throws a NodeOperationError or NodeApiError naming the item when it fails. */
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		run: RunContext<Api>,
	): Promise<INodeExecutionData[]>;
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
	/** What one task costs, for a task API (Check Credits First, the live check of the price). */
	price?: Pricing;
	/** What its own (default) operation returns, in a few words: README's operations table (npm run docs). */
	resultNoun?: string;
	/** Words users search the nodes panel with for it: the codex's aliases (npm run docs). */
	aliases?: string[];
	/** A task API's options, each with the field it is sent as (the tests' examples). */
	apiOptions?: readonly ApiOption[];
	/** One call of its own operation, as an example (a task API's spec). */
	example?: ResourceExample;
}

/**
 * One call of a task API's own operation: what is set on the node, and what PicWish receives for
 * it. The tests run it for every resource of the registry (through n8n's engine against nock, and
 * against the sandbox), and so does `npm run test:live` against PicWish. Without one, a resource is
 * run with its options' first choices and defaults (test/support/examples.ts).
 */
export interface ResourceExample {
	/** The operation's own parameters besides the image (Object Removal's rectangles); the others keep their defaults. */
	parameters?: INodeParameters;
	/** Entries of its Options collection: the API's options. */
	options?: INodeParameters;
	/** Every field PicWish receives for them besides the image and `sync` (`return_type` included). */
	fields: Record<string, string>;
	/** File parts PicWish receives besides the image: a mask taken from the item's own binary `data`. */
	files?: string[];
}

/** Any resource, whatever its API: the registry holds them side by side. */
export type AnyResource = Resource<ServiceApi>;

/** What a resource's own rules see of one item. */
export interface ItemFields {
	ctx: IExecuteFunctions;
	run: RunContext;
	itemIndex: number;
	/** The API options set on the item, checked against their entries. */
	options: IDataObject;
	/** The input image, as far as it is known before sending. */
	image: InputImage;
	/** Fails the item before any request: `displayName` is the parameter as the UI names it. */
	refuse(displayName: string, refusal: Refusal): never;
}

/** Credits one successful task costs (PicWish's credit-cost page). */
export interface Pricing {
	/**
	 * For the item's options and its image's long edge (undefined when unknown: the higher price).
	 * Where PicWish does not publish the price, the highest plausible one: Check Credits First must
	 * not let a batch start that the credits cannot finish.
	 */
	credits(options: IDataObject, longEdge: number | undefined): number;
	/** Where the price is not certain: the lowest plausible one (what "credits saved" counts; "at least" in messages). */
	atLeast?(options: IDataObject, longEdge: number | undefined): number;
	/** Whether the image's size decides the price (a binary's header is then read before the batch). */
	bySize?: boolean;
	/** The price list in words: "2 credits up to 2048 px on the long edge, 3 above". */
	text: string;
}

export interface TaskResourceSpec {
	/** The Resource option: its value (saved in workflows) and name. */
	value: string;
	name: string;
	api: ResourceApi;
	/** The create-and-wait operation: its value (saved in workflows), name, action and description. */
	operation: { value: string; name: string; action: string; description: string };
	/** What that operation does, for a model: "Removes the background of an image on the web with PicWish". */
	toolSummary: string;
	/** What the model gets a link to: "the image without its background". */
	resultNoun: string;
	/** Words users search the nodes panel with for this API: the codex's aliases (npm run docs). */
	aliases?: string[];
	/** More the model must give or know, for the tool description. */
	toolNeeds?: string;
	/** Parameters of the API's own shown above the Options (both create operations; regular node and tool). */
	parameters?: INodeProperties[];
	/** The API's options, in the Options collection of both create operations. */
	options?: ApiOption[];
	/** Further fields and cross-checks of the item (a mask, exclusive options); runs before any request. */
	fields?(item: ItemFields): Partial<ApiFields> | Promise<Partial<ApiFields>>;
	price: Pricing;
	/** One call of its operation, for the tests and the live run (optional: see ResourceExample). */
	example?: ResourceExample;
}
