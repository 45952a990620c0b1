/**
 * The `image_url` / `image_file` task APIs the sandbox answers, one `standIn({...})` each (five
 * more in apis-family.ts, registered at the end), each as its doc page states it (the project's
 * research notes, shared/picwish-apis.md §4, tag each fact):
 * the fields it takes and their values, its input limits, its price per successful task and a
 * stand-in result of the documented type and size, and what a minimal task gives (apis.test.ts).
 * Only the endpoint paths come from the node (one place for each fact); everything else is stated
 * here again, so the sandbox cross-checks the node's own rules.
 */
import { backgroundApi } from '../../nodes/PicWish/actions/background/api';
import { colorizationApi } from '../../nodes/PicWish/actions/colorization/api';
import { compressionApi } from '../../nodes/PicWish/actions/compression/api';
import { cropEnhanceApi } from '../../nodes/PicWish/actions/cropEnhance/api';
import { enhanceApi } from '../../nodes/PicWish/actions/enhance/api';
import { enhanceProApi } from '../../nodes/PicWish/actions/enhancePro/api';
import { expansionApi } from '../../nodes/PicWish/actions/expansion/api';
import { faceCutoutApi } from '../../nodes/PicWish/actions/faceCutout/api';
import { idPhotoApi } from '../../nodes/PicWish/actions/idPhoto/api';
import { objectRemovalApi } from '../../nodes/PicWish/actions/objectRemoval/api';
import { restorationApi } from '../../nodes/PicWish/actions/restoration/api';
import { FAMILY_APIS } from './apis-family';
import { maskTest } from './compose';
import type { TaskApi } from './create';
import { type Source, UNPUBLISHED } from './inputs';
import type { Rgb } from './encode';
import { bad, choice, exclusive, type Form, integer, jpgBackground, option, ratio } from './fields';
import {
	clampByte,
	contrast,
	coverRect,
	crop,
	cutout,
	encodeAs,
	expand,
	fillWhere,
	fractionRect,
	mapColours,
	type OutputFormat,
	type Picture,
	type Rect,
	resize,
	subjectCrop,
	toJpeg,
	toMask,
	toWebp,
	WHITE,
} from './render';

/** Every stand-in, in the order declared: each `standIn({...})` below is one API. */
export const TASK_APIS: TaskApi[] = [];
export const TASK_APIS_BY_PATH = new Map<string, TaskApi>();

/** Declares the stand-in of one API (its path is the node's, from its api.ts). */
function standIn<Plan>(api: TaskApi<Plan>): void {
	TASK_APIS.push(api as TaskApi);
	TASK_APIS_BY_PATH.set(api.path, api as TaskApi);
}

const MB = 1024 * 1024;
const longEdge = (source: Source) => Math.max(source.width, source.height);

/** "Colourised": a warm tint laid over the picture's own colours. */
const colourise = (r: number, g: number, b: number): Rgb => {
	const light = 0.299 * r + 0.587 * g + 0.114 * b;
	return [
		clampByte((r + light * 1.1 + 18) / 2),
		clampByte((g + light * 0.98 + 6) / 2),
		clampByte((b + light * 0.78) / 2),
	];
};

// 4.1 Background removal: a PNG cutout (or a JPEG on a colour), and/or a greyscale mask.
standIn<{ outputType: number; crop: boolean; format: OutputFormat; colour?: Rgb }>({
	name: 'background removal',
	path: backgroundApi.taskPath,
	minimalTask: { price: 1, kind: 'png', size: [120, 80] },
	resultFields: ['image', 'mask'],
	returnTypes: [1, 2, 3],
	input: UNPUBLISHED,
	parse(form) {
		choice(form, 'type', ['', 'person', 'object', 'stamp'], ''); // "" = detect
		const format = choice(form, 'format', ['png', 'jpg'], 'png');
		return {
			outputType: option(form, 'output_type', [1, 2, 3], 2),
			crop: option(form, 'crop', [0, 1], 0) === 1,
			format,
			colour: jpgBackground(form, 'bg_color', format),
		};
	},
	price: () => 1,
	async render(plan, source) {
		let picture = cutout(source.picture, fractionRect(source, 0.15, 0.1, 0.7, 0.8));
		if (plan.crop) picture = crop(picture, subjectCrop(picture));
		return {
			image:
				plan.outputType === 3
					? ''
					: await encodeAs(picture, plan.format, { background: plan.colour ?? WHITE }),
			mask: plan.outputType === 2 ? '' : await toMask(picture),
		};
	},
});

// 4.2 Face cutout: the head on a transparent background. The page lists no return_type.
standIn<{ crop: boolean; format: OutputFormat }>({
	name: 'face cutout',
	path: faceCutoutApi.taskPath,
	minimalTask: { price: 1, kind: 'png', size: [120, 80] },
	resultFields: ['image'],
	input: UNPUBLISHED,
	parse: (form) => ({
		crop: option(form, 'crop', [0, 1], 0) === 1,
		format: choice(form, 'output_format', ['png', 'jpg'], 'png'),
	}),
	price: () => 1,
	async render(plan, source) {
		let picture = cutout(source.picture, fractionRect(source, 0.25, 0.08, 0.5, 0.64));
		if (plan.crop) picture = crop(picture, subjectCrop(picture));
		return { image: await encodeAs(picture, plan.format) };
	},
});

const MAX_RECTANGLES = 50;

function parseRectangles(text: string): Rect[] {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		throw bad('rectangles must be JSON: an array of {"x", "y", "width", "height"}');
	}
	if (!Array.isArray(value))
		throw bad('rectangles must be a JSON array of {"x", "y", "width", "height"}');
	if (value.length < 1 || value.length > MAX_RECTANGLES)
		throw bad(`rectangles must hold 1 to ${MAX_RECTANGLES} rectangles, not ${value.length}`);
	return value.map((item: unknown, index) => {
		if (!item || typeof item !== 'object' || Array.isArray(item))
			throw bad(`rectangles[${index}] must be an object {"x", "y", "width", "height"}`);
		const rect = item as Record<string, unknown>;
		for (const [key, min] of [
			['x', 0],
			['y', 0],
			['width', 1],
			['height', 1],
		] as const) {
			const side = rect[key];
			if (typeof side !== 'number' || !Number.isInteger(side) || side < min)
				throw bad(
					`rectangles[${index}].${key} must be an integer of at least ${min}, not ${JSON.stringify(side) ?? 'missing'}`,
				);
		}
		return { x: rect.x, y: rect.y, width: rect.width, height: rect.height } as Rect;
	});
}

// 4.3 Object removal: the marked area painted over; a JPEG of the same size.
standIn<{ area: string; rectangles?: Rect[] }>({
	name: 'object removal',
	path: objectRemovalApi.taskPath,
	minimalTask: {
		fields: { rectangles: '[{"x":10,"y":10,"width":20,"height":20}]' },
		price: 1,
		kind: 'jpeg',
		size: [120, 80],
	},
	resultFields: ['image'],
	returnTypes: [1, 2],
	input: UNPUBLISHED,
	parse(form) {
		const area = exclusive(form, ['mask_url', 'mask_file', 'rectangles'], true)!;
		return {
			area,
			rectangles: area === 'rectangles' ? parseRectangles(form.text('rectangles')!) : undefined,
		};
	},
	masks: (plan, form) =>
		plan.area === 'rectangles'
			? []
			: [
					{
						names: { file: 'mask_file', url: 'mask_url' },
						file: form.file('mask_file'),
						url: form.text('mask_url'),
					},
				],
	price: () => 1, // Not named on the credit-cost page; "Photo Retouch" costs 1 [INFERRED].
	async render(plan, source, { masks: [mask] }) {
		const { width, height } = source;
		const rectangles = plan.rectangles ?? [];
		const inside = mask
			? maskTest(mask, width, height)
			: (x: number, y: number) =>
					rectangles.some((r) => x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height);
		return { image: toJpeg(fillWhere(source.picture, inside)) };
	},
});

/** Enhance's automatic factor: (10, 512] px → 4×, (512, 1024] → 2×, larger → 1× (the long edge, as the node reads it). */
const autoFactor = (edge: number) => (edge <= 512 ? 4 : edge <= 1024 ? 2 : 1);

// 4.5 Photo enhancement: a JPEG at the scaled size.
standIn<{ factor?: number }>({
	name: 'photo enhancement',
	path: enhanceApi.taskPath,
	minimalTask: { price: 2, kind: 'jpeg', size: [480, 320] },
	resultFields: ['image'],
	returnTypes: [1, 2, 3],
	input: UNPUBLISHED,
	parse(form) {
		choice(form, 'type', ['clean', 'face'], 'clean');
		return {
			factor:
				form.text('scale_factor') === undefined
					? undefined
					: option(form, 'scale_factor', [1, 2, 4], 1),
		};
	},
	price: (_plan, source) => (longEdge(source) <= 2048 ? 2 : 3),
	async render(plan, source) {
		const factor = plan.factor ?? autoFactor(longEdge(source));
		const picture = mapColours(source.picture, contrast(1.1));
		return { image: toJpeg(resize(picture, source.width * factor, source.height * factor)) };
	},
});

/** The sandbox's own cap on an Ultra HD / HD result's long edge (PicWish publishes none). */
const SCALE_PRO_MAX_EDGE = 8192;

// 4.6 Advanced enhancer: 4× (Ultra HD) or 2× (HD), a JPEG.
standIn<{ type: number }>({
	name: 'advanced image enhancement',
	path: enhanceProApi.taskPath,
	minimalTask: { price: 5, kind: 'jpeg', size: [480, 320] },
	resultFields: ['image'],
	returnTypes: [1, 2],
	input: {
		kinds: ['jpeg', 'png', 'bmp', 'webp', 'tiff'],
		formats: 'JPG, PNG, BMP, WebP or TIFF',
		maxBytes: 30 * MB,
		minSide: 1,
		maxSide: 4096,
		maxUrlLength: 512,
		published: true,
	},
	parse: (form) => ({ type: option(form, 'type', [0, 1], 0) }),
	price: (plan) => (plan.type === 0 ? 5 : 4),
	async render(plan, source) {
		const factor = Math.max(
			1,
			Math.min(plan.type === 0 ? 4 : 2, SCALE_PRO_MAX_EDGE / longEdge(source)),
		);
		const picture = mapColours(source.picture, contrast(1.12));
		return { image: toJpeg(resize(picture, source.width * factor, source.height * factor)) };
	},
});

// 4.7 Colorization: the same size, in the asked format.
standIn<{ format: OutputFormat }>({
	name: 'photo colorization',
	path: colorizationApi.taskPath,
	minimalTask: { price: 1, kind: 'jpeg', size: [120, 80] },
	resultFields: ['image'],
	returnTypes: [1, 2, 3],
	input: UNPUBLISHED,
	parse(form) {
		const format = choice(form, 'format', ['jpeg', 'jpg', 'png', 'webp'], 'jpeg');
		return { format: format === 'jpeg' ? 'jpg' : format };
	},
	price: () => 1,
	render: async (plan, source) => ({
		image: await encodeAs(mapColours(source.picture, colourise), plan.format),
	}),
});

const COMPRESSION_PRICE_EDGE = 4096;
const COMPRESSION_MAX_EDGE = 8000;

type CompressionPlan = {
	format?: OutputFormat;
	quality?: number;
	kbyte?: number;
	width?: number;
	height?: number;
};
const keptFormat = (source: Source): OutputFormat =>
	source.kind === 'png' ? 'png' : source.kind === 'webp' ? 'webp' : 'jpg';

/** The smallest of a few JPEG qualities that beats the input (and the target size, if any); flat otherwise. */
function compressJpeg(picture: Picture, input: number, quality: number, target?: number) {
	const limit = Math.min(input - 1, target ?? Infinity);
	let best = toJpeg(picture, { quality });
	for (const lower of [50, 25, 10].filter((q) => q < quality)) {
		if (best.bytes.length <= limit) break;
		best = toJpeg(picture, { quality: lower });
	}
	return best.bytes.length <= limit ? best : toJpeg({ ...picture, data: undefined }, { quality });
}

// 4.10 Image compression: a smaller file, resized when asked.
standIn<CompressionPlan>({
	name: 'image compression',
	path: compressionApi.taskPath,
	minimalTask: { price: 1, kind: 'png', size: [120, 80] },
	resultFields: ['image'],
	returnTypes: [1, 2],
	input: UNPUBLISHED,
	parse(form) {
		const format =
			form.text('format') === undefined
				? undefined
				: choice(form, 'format', ['jpg', 'png', 'webp'], 'jpg');
		const quality = integer(form, 'quality', 1, 100);
		const kbyte = integer(form, 'kbyte', 0, 51200);
		if (quality !== undefined && kbyte !== undefined)
			throw bad('quality and kbyte are mutually exclusive: send at most one');
		const width = integer(form, 'width', 0, COMPRESSION_MAX_EDGE) || undefined;
		const height = integer(form, 'height', 0, COMPRESSION_MAX_EDGE) || undefined;
		return { format, quality, kbyte, width, height };
	},
	checkSource(plan, source) {
		if (plan.kbyte !== undefined && (plan.format ?? keptFormat(source)) === 'png')
			throw bad(
				plan.format
					? 'kbyte is not supported for png output'
					: 'kbyte is not supported for png output (format is empty and the input is a PNG)',
			);
	},
	price: (_plan, source) =>
		longEdge(source) <= COMPRESSION_PRICE_EDGE
			? 1
			: longEdge(source) <= COMPRESSION_MAX_EDGE
				? 2
				: { failState: -5 },
	async render(plan, source) {
		const { width: w, height: h } = source;
		const width = plan.width ?? (plan.height ? Math.max(1, Math.round((w * plan.height) / h)) : w);
		const height = plan.height ?? (plan.width ? Math.max(1, Math.round((h * plan.width) / w)) : h);
		const picture =
			width === w && height === h ? source.picture : resize(source.picture, width, height);
		const format = plan.format ?? keptFormat(source);
		if (format === 'webp') return { image: toWebp(picture) };
		if (format === 'png') {
			// Fewer colours compress better: quality decides the bits kept per channel.
			const keep =
				0xff &
				(0xff << (8 - Math.max(2, Math.min(8, Math.round(((plan.quality ?? 50) / 100) * 6) + 2))));
			return {
				image: await encodeAs(
					mapColours(picture, (r, g, b) => [r & keep, g & keep, b & keep]),
					'png',
				),
			};
		}
		const target = plan.kbyte ? plan.kbyte * 1024 : undefined;
		return { image: compressJpeg(picture, source.bytes.length, plan.quality ?? 75, target) };
	},
});

const ID_SIDE = { min: 100, max: 2000 };

function idPhotoSize(form: Form): [number, number] | undefined {
	const size = form.text('size');
	if (size === undefined) return undefined;
	const match = /^(\d+)x(\d+)$/.exec(size);
	if (!match)
		throw bad(`size must be "{width}x{height}" with a lowercase x, e.g. "295x413", not "${size}"`);
	const sides = [Number(match[1]), Number(match[2])] as [number, number];
	if (sides.some((side) => side < ID_SIDE.min || side > ID_SIDE.max))
		throw bad(`size sides must be ${ID_SIDE.min} to ${ID_SIDE.max} pixels, not ${size}`);
	return sides;
}

// 4.8 ID photo: exactly `size`, the person on transparency (PNG) or on a colour (JPEG).
standIn<{ size?: [number, number]; format: OutputFormat; colour?: Rgb }>({
	name: 'ID photo',
	path: idPhotoApi.taskPath,
	minimalTask: { price: 1, kind: 'png', size: [120, 80] },
	resultFields: ['image'],
	returnTypes: [1, 2],
	input: UNPUBLISHED,
	parse(form) {
		const format = choice(form, 'format', ['png', 'jpg'], 'png');
		return { size: idPhotoSize(form), format, colour: jpgBackground(form, 'bg_color', format) };
	},
	price: () => 1,
	async render(plan, source) {
		const [width, height] = plan.size ?? [source.width, source.height];
		const framed = resize(
			crop(source.picture, coverRect(source.picture, width / height)),
			width,
			height,
		);
		const person = cutout(framed, fractionRect(framed, 0.18, 0.1, 0.64, 0.9));
		return { image: await encodeAs(person, plan.format, { background: plan.colour ?? WHITE }) };
	},
});

// 4.14 Crop & enhance: 0 document crop, 1 text enhancement (default, no crop), 2 both, 3 product
// crop, 4 product crop + background removal (a PNG with alpha).
standIn<{ type: number }>({
	name: 'photo cropping and enhancement',
	path: cropEnhanceApi.taskPath,
	minimalTask: { price: 3, kind: 'jpeg', size: [120, 80] },
	resultFields: ['image'],
	returnTypes: [1, 2, 3],
	input: UNPUBLISHED,
	parse: (form) => ({ type: option(form, 'type', [0, 1, 2, 3, 4], 1) }),
	price: () => 3,
	async render(plan, source) {
		let picture = source.picture;
		if (plan.type !== 1) picture = crop(picture, fractionRect(picture, 0.04, 0.04, 0.92, 0.92));
		if (plan.type === 1 || plan.type === 2) picture = mapColours(picture, contrast(1.3));
		if (plan.type === 4)
			return {
				image: await encodeAs(cutout(picture, fractionRect(picture, 0.1, 0.1, 0.8, 0.8)), 'png'),
			};
		return { image: toJpeg(picture) };
	},
});

// 4.12 Old photo restoration: a JPEG of the same size. The page lists no return_type.
standIn<{ colour: boolean }>({
	name: 'old photo restoration',
	path: restorationApi.taskPath,
	minimalTask: { price: 1, kind: 'jpeg', size: [120, 80] },
	resultFields: ['image'],
	input: {
		kinds: ['jpeg', 'png'],
		formats: 'JPG or PNG',
		maxBytes: 20 * MB - 1,
		minSide: 1,
		maxSide: 2048,
		maxUrlLength: 512,
		published: true,
	},
	parse(form) {
		const level = option(form, 'restoration_type', [0, 1, 2], 0);
		if (form.text('model_type') !== undefined) {
			if (level === 0) throw bad('model_type is only allowed when restoration_type is 1 or 2');
			option(form, 'model_type', [1, 2, 3], 1);
		}
		return { colour: option(form, 'change_color', [0, 1], 1) === 1 };
	},
	price: () => 1, // PicWish publishes no price for restoration: the sandbox charges 1.
	async render(plan, source) {
		const restored = mapColours(source.picture, contrast(1.15));
		return { image: toJpeg(plan.colour ? mapColours(restored, colourise) : restored) };
	},
});

type ExpansionPlan = { canvas: boolean; top: number; bottom: number; left: number; right: number };

// 4.11 Image expansion: four-side mode grows the canvas by the ratios; canvas mode (a mask of the
// image's size) fills the masked area. A JPEG.
standIn<ExpansionPlan>({
	name: 'image expansion',
	path: expansionApi.taskPath,
	minimalTask: { price: 1, kind: 'jpeg', size: [144, 96] },
	resultFields: ['image'],
	returnTypes: [1, 2],
	input: {
		kinds: ['jpeg', 'png'],
		formats: 'JPG or PNG',
		maxBytes: 5 * MB,
		minSide: 64,
		maxSide: 4096,
		maxUrlLength: 512,
		published: true,
	},
	parse(form) {
		const canvas = exclusive(form, ['mask_url', 'mask_file'], false) !== undefined;
		const [top, bottom, left, right] = ['top', 'bottom', 'left', 'right'].map((side) =>
			ratio(form, side, 0.1),
		);
		return { canvas, top, bottom, left, right };
	},
	masks: (plan, form) =>
		plan.canvas
			? [
					{
						names: { file: 'mask_file', url: 'mask_url' },
						file: form.file('mask_file'),
						url: form.text('mask_url'),
						sameSize: true,
					},
				]
			: [],
	price: () => 1, // PicWish publishes no price for expansion: the sandbox charges 1.
	async render(plan, source, { masks: [mask] }) {
		const { width, height } = source;
		if (mask) return { image: toJpeg(fillWhere(source.picture, maskTest(mask, width, height))) };
		const left = Math.round(width * plan.left);
		const top = Math.round(height * plan.top);
		const expanded = expand(
			source.picture,
			left,
			top,
			Math.round(width * (1 + plan.left + plan.right)),
			Math.round(height * (1 + plan.top + plan.bottom)),
		);
		return { image: toJpeg(expanded) };
	},
});

// The family of APIs in apis-family.ts, after these.
for (const api of FAMILY_APIS) standIn(api);
