/**
 * What the task steps (read the image, create the task, wait, build the output) work with: the
 * door to the API, the run's scheduling, and the facts of the resource whose API they call.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { ApiFacts } from '../helpers/facts';
import type { ImageLimits } from '../helpers/image';
import { secondsOption } from '../helpers/time';
import type { RunScheduler } from '../scheduling';
import type { PicWishTransport } from '../transport';

/** What every resource tells the door: its API's name in advice. */
export interface ServiceApi {
	wording: {
		/** The API's name in advice: "the watermark removal service is enabled". */
		service: string;
	};
}

/** A task field that holds a result URL, and where its image goes in the output item. */
export interface ResultField {
	/** The field of the finished task: `file`, `image`, `mask`; with `numbered`, the start of its name. */
	field: string;
	/**
	 * Several results, `image_1`, `image_2`, … (`field` + a number): each becomes an output item of
	 * its own, with its number (`imageIndex`), paired with the input item.
	 */
	numbered?: boolean;
	/**
	 * Every field of the task that holds a URL, wherever its name is not known (field `*`): each in
	 * the binary property named after its field, their names listed in the JSON under this name.
	 */
	named?: string;
	/** With `named`: the binary property of an archive (a result URL that ends in .zip). */
	archiveProperty?: string;
	/** Its binary property when it is not the main result (which goes to "Put Output File in Field"). */
	binaryProperty?: string;
	/** Added to the input's name for this result: "photo" → "photo-mask.png". */
	suffix?: string;
}

/** How one PicWish image API (one that works by tasks) is called and spoken of: each such resource declares its own. */
export interface ResourceApi extends ServiceApi {
	/** The task endpoint: POST creates, GET `<path>/<task_id>` queries. */
	taskPath: string;
	/** The multipart field names of the image, as a file and as a URL. */
	imageFields: { file: string; url: string };
	/** Further body fields every create of this resource sends. */
	extraFields?: Record<string, string>;
	/**
	 * The task fields that carry result URLs. The first one present is the main result; the
	 * others go to their own binary properties.
	 */
	results: ResultField[];
	/** What the API accepts as an input image. */
	limits: ImageLimits;
	/** PicWish answers only asynchronously (create, then query): no synchronous mode is offered. */
	asyncOnly?: boolean;
	/** The result is a document (Document OCR): its type comes from the download, not refused as "not an image". */
	resultKind?: 'image' | 'document';
	/** How much each fact above weighs (docs/picwish-api.md): inferred ones are what a live run checks. */
	facts: ApiFacts;
	wording: {
		/** The API's name in advice: "the watermark removal service is enabled". */
		service: string;
		/** What a failed task could not do: "could not remove the watermark". */
		failed: string;
		/** Hints for task states that mean something particular for this API. */
		stateHints?: Record<number, string>;
		/** Added to the input's name for the main result ("photo-no-background.png"); none keeps the name. */
		resultSuffix?: string;
	};
}

export interface RunContext<Api extends ServiceApi = ResourceApi> {
	api: PicWishTransport;
	scheduler: RunScheduler;
	resource: Api;
	/** The node runs as an AI agent's tool: results go to a model, as links (it cannot see binaries). */
	asTool?: boolean;
}

/** The item's Request Timeout option, or the default for the kind of request. */
export function requestTimeoutMs(
	ctx: IExecuteFunctions,
	itemIndex: number,
	defaultMs: number,
): number {
	return secondsOption(ctx.getNodeParameter('options.requestTimeout', itemIndex, 0), defaultMs);
}
