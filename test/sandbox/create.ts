/* eslint-disable @n8n/community-nodes/require-node-api-error -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * How the sandbox creates a task on any `image_url` / `image_file` API (apis.ts holds each API's
 * own rules): the one-of source rule, `sync`, `return_type`, the documented input limits (a file
 * beyond them is a 400 where the page states them; a URL image beyond them fails its task),
 * an optional mask, the price and the stand-in result. The server keeps tasks, credits and URLs.
 */
import { type ImageLimits, inspectImage } from '../../nodes/PicWish/helpers/image';
import type { Part } from '../support/multipart';
import type { Encoded } from './encode';
import { BadRequest, bad, type Form, makeForm, option } from './fields';
import { decodePicture, type Picture } from './render';

/** An input image, decoded only when a result needs its pixels. */
export interface Source {
	bytes: Buffer;
	kind: string;
	width: number;
	height: number;
	readonly picture: Picture;
}

/** What an API takes as its input image: its limits, as the node's ImageLimits name them. */
export interface InputRules
	extends Pick<
		ImageLimits,
		'kinds' | 'formats' | 'maxBytes' | 'minSide' | 'maxSide' | 'maxUrlLength'
	> {
	/**
	 * The API's page states these limits: an uploaded file beyond them is refused with 400. Where
	 * the limits were not readable, a file the sandbox cannot take fails its task (state -7), as
	 * watermark removal does.
	 */
	published: boolean;
}

/** A second image some APIs take: a mask. */
interface MaskSpec {
	/** Field names, for messages. */
	names: { file: string; url: string };
	file?: Part;
	url?: string;
	/** The mask must have the image's size. */
	sameSize?: boolean;
}

export type Results = Record<string, Encoded | ''>;

export interface TaskApi<Plan = unknown> {
	name: string;
	path: string;
	/**
	 * A minimal task on a 120×80 image, as apis.test.ts runs it: the fields it needs besides the
	 * image (none for most APIs), its price, and its result's kind and size.
	 */
	minimalTask: {
		fields?: Record<string, string>;
		price: number;
		kind: string;
		size: readonly [number, number];
	};
	/** The task's result fields, the main one first. */
	resultFields: readonly string[];
	/** The documented return_type values (3, binary, only with sync=1); none: the field is ignored. */
	returnTypes?: readonly number[];
	input: InputRules;
	/** The API's own fields, checked (throws BadRequest). */
	parse(form: Form): Plan;
	mask?(plan: Plan, form: Form): MaskSpec | undefined;
	/** Rules that need the input image itself (throws BadRequest; the sandbox has loaded a URL image by then). */
	checkSource?(plan: Plan, source: Source): void;
	/** Credits a successful task costs, or the state a task fails in. */
	price(plan: Plan, source: Source): number | { failState: number };
	render(plan: Plan, source: Source, mask?: Source): Promise<Results>;
}

export type Loaded = { bytes: Buffer; downloadMs: number } | { failState: number };

interface CreateContext {
	/** Fetches a URL input as the server does (sample images, failure names, real URLs). */
	load: (url: string) => Promise<Loaded>;
	/** Credits the key has left. */
	remaining: () => number;
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
				| { results: Results; width: number; height: number; price: number };
	  };

export const MAX_UPLOAD = 50 * 1024 * 1024;
/** PicWish's generic limit on a URL image (state -5, the watermark doc). */
export const MAX_URL_IMAGE = 30 * 1024 * 1024;
const MASK_KINDS = ['jpeg', 'png'];

function makeSource(bytes: Buffer, kind: string, width: number, height: number): Source {
	let picture: Picture | undefined;
	return {
		bytes,
		kind,
		width,
		height,
		get picture() {
			picture ??= decodePicture(bytes, kind, width, height);
			return picture;
		},
	};
}

type Checked = { source: Source } | { problem: string; failState: number };

/** An image against limits: the reason it is refused and the state a URL task would fail in. */
function check(
	bytes: Buffer,
	rules: Pick<InputRules, 'kinds' | 'formats' | 'maxBytes' | 'minSide' | 'maxSide'>,
): Checked {
	if (bytes.length > rules.maxBytes)
		return {
			problem: `is ${bytes.length} bytes, over the limit of ${rules.maxBytes}`,
			failState: -5,
		};
	const header = inspectImage(bytes, {
		...rules,
		maxBytes: Infinity,
		minSide: 1,
		maxSide: Infinity,
	});
	if (!header.ok)
		return { problem: `is not a ${rules.formats} image (it ${header.problem})`, failState: -7 };
	const { width, height } = header;
	if (width > rules.maxSide || height > rules.maxSide)
		return {
			problem: `is ${width}×${height}, over ${rules.maxSide} pixels per side`,
			failState: -5,
		};
	if (width < rules.minSide || height < rules.minSide)
		return {
			problem: `is ${width}×${height}, under ${rules.minSide} pixels per side`,
			failState: -7,
		};
	return { source: makeSource(bytes, header.type.kind, width, height) };
}

const fail = (failState: number) => ({ failState });

export async function createTask(
	api: TaskApi,
	parts: Record<string, Part>,
	ctx: CreateContext,
): Promise<Created> {
	const form = makeForm(parts);
	const file = form.file('image_file');
	const url = form.text('image_url');
	if (!file && !url)
		return { status: 400, message: 'one of image_url or image_file is required (sandbox)' };
	if (file && url)
		return { status: 400, message: 'image_url and image_file are mutually exclusive (sandbox)' };
	if (file && file.body.length > MAX_UPLOAD)
		return { status: 413, message: 'file too large (sandbox): the limit is 50 MB' };
	let sync: boolean;
	let returnType: number | undefined;
	let plan: unknown;
	let mask: MaskSpec | undefined;
	try {
		sync = option(form, 'sync', [0, 1], 0) === 1;
		if (api.returnTypes) {
			returnType = option(form, 'return_type', api.returnTypes, 1);
			if (returnType === 3 && !sync)
				throw bad('return_type 3 (binary) is only allowed with sync=1');
		}
		plan = api.parse(form);
		mask = api.mask?.(plan, form);
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
	const rules = input.published ? input : { ...input, maxBytes: MAX_UPLOAD };
	let fileSource: Source | undefined;
	let fileFailState: number | undefined;
	if (file) {
		const checked = check(file.body, rules);
		if ('problem' in checked && input.published)
			return { status: 400, message: `image_file ${checked.problem} (sandbox)` };
		if ('source' in checked) fileSource = checked.source;
		else fileFailState = checked.failState;
	}
	let maskFile: Source | undefined;
	if (mask?.file) {
		const checked = check(mask.file.body, {
			kinds: MASK_KINDS,
			formats: 'JPG or PNG',
			maxBytes: MAX_UPLOAD,
			minSide: 1,
			maxSide: Infinity,
		});
		if ('problem' in checked)
			return { status: 400, message: `${mask.names.file} ${checked.problem} (sandbox)` };
		maskFile = checked.source;
		if (
			mask.sameSize &&
			fileSource &&
			(fileSource.width !== maskFile.width || fileSource.height !== maskFile.height)
		)
			return {
				status: 400,
				message: `${mask.names.file} is ${maskFile.width}×${maskFile.height} but the image is ${fileSource.width}×${fileSource.height}: they must have the same size (sandbox)`,
			};
	}
	if (ctx.remaining() <= 0) return { status: 403, message: 'Insufficient credits (sandbox)' };

	const answer = (
		outcome: Extract<Created, { sync: boolean }>['outcome'],
		downloadMs = 0,
	): Created => ({
		sync,
		returnType,
		sourceName: file?.filename ?? url ?? 'upload',
		downloadMs,
		outcome,
	});
	let source = fileSource;
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
	let maskSource = maskFile;
	if (mask?.url) {
		const loaded = await ctx.load(mask.url);
		if ('failState' in loaded) return answer(loaded, downloadMs);
		const checked = check(loaded.bytes, {
			kinds: MASK_KINDS,
			formats: 'JPG or PNG',
			maxBytes: MAX_URL_IMAGE,
			minSide: 1,
			maxSide: Infinity,
		});
		if ('problem' in checked) return answer(fail(-7), downloadMs);
		maskSource = checked.source;
	}
	if (
		mask?.sameSize &&
		maskSource &&
		(maskSource.width !== source.width || maskSource.height !== source.height)
	)
		return answer(fail(-7), downloadMs);
	const price = api.price(plan, source);
	if (typeof price !== 'number') return answer(price, downloadMs);
	if (ctx.remaining() < price)
		return { status: 403, message: `Insufficient credits (sandbox): this task costs ${price}` };
	const results = await api.render(plan, source, maskSource);
	const main = api.resultFields
		.map((field) => results[field])
		.find((result): result is Encoded => !!result);
	return answer(
		{ results, width: main?.width ?? source.width, height: main?.height ?? source.height, price },
		downloadMs,
	);
}
