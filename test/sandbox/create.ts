/* eslint-disable @n8n/community-nodes/require-node-api-error -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * How the sandbox creates a task on any `image_url` / `image_file` API (apis.ts and
 * apis-family.ts hold each API's own rules): the one-of source rule (with an id of an earlier
 * input, where an API reuses inputs), `sync` (async only where the page says so), `return_type`,
 * the documented input limits (a file beyond them is a 400 where the page states them; a URL input
 * beyond them fails its task; documents where an API takes them), the masks, the price and the
 * stand-in results. The server keeps tasks, credits, kept inputs and URLs.
 */
import type { Part } from '../support/multipart';
import type { DocumentFile } from './documents';
import type { Encoded } from './encode';
import { BadRequest, bad, type Form, makeForm, option } from './fields';
import {
	badPort,
	check,
	type InputRules,
	type Loaded,
	MASK_RULES,
	MAX_UPLOAD,
	MAX_URL_IMAGE,
	type Source,
	tooLarge,
	uploadLimit,
} from './inputs';

/** A second image some APIs take: a mask (an API may take several). */
export interface MaskSpec {
	/** Field names, for messages. */
	names: { file: string; url: string };
	file?: Part;
	url?: string;
	/** The mask must have the image's size. */
	sameSize?: boolean;
}

/** A result field's value: an image, another file (a document, a ZIP), or text sent as it is ('' for an empty field). */
export type Results = Record<string, Encoded | DocumentFile | string>;

/** What a stand-in's render gets besides its plan and input. */
export interface RenderTask {
	/** The masks of `masks()`, in its order (undefined: that mask was not sent). */
	masks: ReadonlyArray<Source | undefined>;
	/** The task's ID and its input's name (a file name or URL), for results that name them. */
	taskId: string;
	sourceName: string;
}

export interface TaskApi<Plan = unknown> {
	name: string;
	path: string;
	/**
	 * A minimal task on a 120×80 image, as apis.test.ts runs it: the fields it needs besides the
	 * image (none for most APIs), its price, its main result's kind (an image kind, or a document
	 * extension of documents.ts) and its size (none for a result without pixels).
	 */
	minimalTask: {
		fields?: Record<string, string | Buffer>;
		price: number;
		kind: string;
		size?: readonly [number, number];
	};
	/** The task's result fields, the main one first. */
	resultFields: readonly string[];
	/** The documented return_type values (3, binary, only with sync=1); none: the field is ignored. */
	returnTypes?: readonly number[];
	/** The page allows only sync=0: sync=1 is a 400. */
	asyncOnly?: boolean;
	/**
	 * A field that may name the input instead of an image: an id from `resultField` of an earlier
	 * result of this API and key (the sandbox adds that field to each result, and keeps the input).
	 */
	reuse?: { field: string; resultField: string };
	input: InputRules;
	/** The API's own fields, checked (throws BadRequest). */
	parse(form: Form): Plan;
	/** The masks the task takes, if any. */
	masks?(plan: Plan, form: Form): MaskSpec[];
	/** Rules that need the input image itself (throws BadRequest; the sandbox has loaded a URL image by then). */
	checkSource?(plan: Plan, source: Source): void;
	/** Credits a successful task costs, or the state a task fails in. */
	price(plan: Plan, source: Source): number | { failState: number };
	render(plan: Plan, source: Source, task: RenderTask): Promise<Results>;
}

/** An input kept for reuse (TaskApi.reuse). */
export interface KeptInput {
	source: Source;
	sourceName: string;
}

interface CreateContext {
	/** Fetches a URL input as the server does (sample images, failure names, real URLs). */
	load: (url: string) => Promise<Loaded>;
	/** Credits the key has left. */
	remaining: () => number;
	/** The sandbox's own URL. */
	baseUrl: string;
	/** The new task's ID. */
	taskId: string;
	/** An input kept by an earlier task of this key and API, by its id; undefined once unknown or expired. */
	recall: (id: string) => KeptInput | undefined;
	/** Keeps a successful task's input: its new id. */
	keep: (input: KeptInput) => string;
}

export type Created =
	| { status: 400 | 403 | 413; message: string }
	| {
			sync: boolean;
			returnType?: number;
			sourceName: string;
			downloadMs: number;
			outcome:
				| { failState: number }
				| { results: Results; width?: number; height?: number; price: number };
	  };

const fail = (failState: number) => ({ failState });
const sameSize = (a: Source, b: Source) => a.width === b.width && a.height === b.height;
const list = (names: readonly string[]) =>
	names.length > 2 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names.join(' or ');

export async function createTask(
	api: TaskApi,
	parts: Record<string, Part>,
	ctx: CreateContext,
): Promise<Created> {
	const form = makeForm(parts);
	const file = form.file('image_file');
	const url = form.text('image_url');
	const reuseId = api.reuse && form.text(api.reuse.field);
	const sources: Array<[string, unknown]> = [
		['image_url', url],
		['image_file', file],
		...(api.reuse ? [[api.reuse.field, reuseId] as [string, unknown]] : []),
	];
	const sent = sources.filter(([, value]) => value !== undefined).map(([name]) => name);
	if (sent.length === 0)
		return {
			status: 400,
			message: `one of ${list(sources.map(([name]) => name))} is required (sandbox)`,
		};
	if (sent.length > 1)
		return { status: 400, message: `${sent.join(' and ')} are mutually exclusive (sandbox)` };
	if (file && file.body.length > uploadLimit(api.input))
		return { status: 413, message: tooLarge(uploadLimit(api.input)) };
	let sync: boolean;
	let returnType: number | undefined;
	let plan: unknown;
	let masks: MaskSpec[];
	try {
		sync = option(form, 'sync', [0, 1], 0) === 1;
		if (sync && api.asyncOnly)
			throw bad(`${api.name} supports asynchronous requests only: send sync=0 and query the task`);
		if (api.returnTypes) {
			returnType = option(form, 'return_type', api.returnTypes, 1);
			if (returnType === 3 && !sync)
				throw bad('return_type 3 (binary) is only allowed with sync=1');
		}
		plan = api.parse(form);
		masks = api.masks?.(plan, form) ?? [];
	} catch (error) {
		if (error instanceof BadRequest) return { status: 400, message: error.message };
		throw error;
	}
	const { input } = api;
	if (url && input.maxUrlLength && url.length > input.maxUrlLength)
		return {
			status: 400,
			message: `image_url is ${url.length} characters, over the limit of ${input.maxUrlLength} (sandbox)`,
		};
	const port = url && input.urlPorts && badPort(url, input.urlPorts, ctx.baseUrl);
	if (port)
		return {
			status: 400,
			message: `image_url uses port ${port}: only ports ${input.urlPorts!.join(' and ')} are allowed (sandbox)`,
		};
	const recalled = reuseId ? ctx.recall(reuseId) : undefined;
	if (reuseId && !recalled)
		return {
			status: 400,
			message: `${api.reuse!.field} "${reuseId}" is no ${api.reuse!.resultField} of this key's results of the last hour (sandbox)`,
		};
	const rules = input.published ? input : { ...input, maxBytes: uploadLimit(api.input) };
	let fileSource: Source | undefined;
	let fileFailState: number | undefined;
	if (file) {
		const checked = check(file.body, rules);
		if ('problem' in checked && input.published)
			return { status: 400, message: `image_file ${checked.problem} (sandbox)` };
		if ('source' in checked) fileSource = checked.source;
		else fileFailState = checked.failState;
	}
	const maskSources: Array<Source | undefined> = [];
	for (const mask of masks) {
		if (!mask.file) continue;
		const checked = check(mask.file.body, { ...MASK_RULES, maxBytes: MAX_UPLOAD });
		if ('problem' in checked)
			return { status: 400, message: `${mask.names.file} ${checked.problem} (sandbox)` };
		const image = fileSource ?? recalled?.source;
		if (mask.sameSize && image && !sameSize(image, checked.source))
			return {
				status: 400,
				message: `${mask.names.file} is ${checked.source.width}×${checked.source.height} but the image is ${image.width}×${image.height}: they must have the same size (sandbox)`,
			};
		maskSources[masks.indexOf(mask)] = checked.source;
	}
	if (ctx.remaining() <= 0) return { status: 403, message: 'Insufficient credits (sandbox)' };

	const sourceName = recalled?.sourceName ?? file?.filename ?? url ?? 'upload';
	const answer = (
		outcome: Extract<Created, { sync: boolean }>['outcome'],
		downloadMs = 0,
	): Created => ({ sync, returnType, sourceName, downloadMs, outcome });
	let source = fileSource ?? recalled?.source;
	let downloadMs = 0;
	if (fileFailState !== undefined) return answer(fail(fileFailState));
	if (!source) {
		const loaded = await ctx.load(url!);
		if ('failState' in loaded) return answer(loaded);
		downloadMs = loaded.downloadMs;
		const checked = check(loaded.bytes, {
			...input,
			maxBytes: input.published ? input.maxBytes : MAX_URL_IMAGE,
		});
		if ('problem' in checked) return answer(fail(checked.failState), downloadMs);
		source = checked.source;
	}
	try {
		api.checkSource?.(plan, source);
	} catch (error) {
		if (error instanceof BadRequest) return { status: 400, message: error.message };
		throw error;
	}
	for (const [index, mask] of masks.entries()) {
		if (!mask.url) continue;
		const loaded = await ctx.load(mask.url);
		if ('failState' in loaded) return answer(loaded, downloadMs);
		const checked = check(loaded.bytes, { ...MASK_RULES, maxBytes: MAX_URL_IMAGE });
		if ('problem' in checked) return answer(fail(-7), downloadMs);
		maskSources[index] = checked.source;
	}
	if (
		masks.some(
			(mask, index) => mask.sameSize && maskSources[index] && !sameSize(maskSources[index], source),
		)
	)
		return answer(fail(-7), downloadMs);
	const price = api.price(plan, source);
	if (typeof price !== 'number') return answer(price, downloadMs);
	if (ctx.remaining() < price)
		return { status: 403, message: `Insufficient credits (sandbox): this task costs ${price}` };
	const results = await api.render(plan, source, {
		masks: masks.map((_, index) => maskSources[index]),
		taskId: ctx.taskId,
		sourceName,
	});
	if (api.reuse) results[api.reuse.resultField] = ctx.keep({ source, sourceName });
	// The size of the main result (the first one sent): none for a document or a ZIP.
	const main = api.resultFields.map((field) => results[field]).find((result) => !!result);
	const size =
		typeof main === 'object'
			? 'width' in main
				? { width: main.width, height: main.height }
				: {}
			: { width: source.width, height: source.height };
	return answer({ results, ...size, price }, downloadMs);
}
