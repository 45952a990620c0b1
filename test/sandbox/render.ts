/**
 * The sandbox's stand-in image processing for the task APIs (apis.ts): plausible, cheap results
 * of the right type and size, never mistaken for real ones. A `Picture` holds real RGBA pixels
 * when it is small enough to compute in pure JS; otherwise it is flat (one colour, the input's
 * mean where known) and only its size, its subject and its colour travel through the operations.
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

import {
	type Encoded,
	encodeJpeg,
	flatJpeg,
	flatWebp,
	type PngColour,
	PNG_CHANNELS,
	pngResult,
	type Rgb,
	writePng,
} from './encode';
import { fromBmp } from './mark';

/** Input pixels decoded at most (as mark.ts). */
const DECODE_LIMIT = 4_000_000;
/**
 * Output pixels computed at most; larger results are flat. It keeps each result under about half
 * a second: jpeg-js takes about 0.4 s a megapixel.
 */
export const OUTPUT_LIMIT = 1_500_000;
/** The colour of an input the sandbox does not decode (WebP, TIFF, structural test files, huge images). */
const GREY: Rgb = [160, 160, 160];
export const WHITE: Rgb = [255, 255, 255];

export interface Rect {
	x: number;
	y: number;
	width: number;
	height: number;
}

export interface Picture {
	width: number;
	height: number;
	/** RGBA pixels, when small enough to compute; otherwise the picture is flat in `colour`. */
	data?: Buffer;
	/** The mean colour: a flat picture's only colour. */
	colour: Rgb;
	/** A cutout: transparent outside this rectangle. */
	subject?: Rect;
}

function meanColour(data: Uint8Array): Rgb {
	const sums = [0, 0, 0];
	const pixels = data.length / 4;
	const step = Math.max(1, Math.floor(pixels / 50_000));
	let count = 0;
	for (let pixel = 0; pixel < pixels; pixel += step, count++)
		for (let channel = 0; channel < 3; channel++) sums[channel] += data[pixel * 4 + channel];
	return sums.map((sum) => Math.round(sum / Math.max(1, count))) as Rgb;
}

/** The input as a picture; `kind`, `width` and `height` come from its header. */
export function decodePicture(bytes: Buffer, kind: string, width: number, height: number): Picture {
	let decoded: { data: Uint8Array; width: number; height: number } | undefined;
	if (width * height <= DECODE_LIMIT) {
		try {
			if (kind === 'png') decoded = PNG.sync.read(bytes);
			else if (kind === 'jpeg')
				decoded = jpeg.decode(bytes, { useTArray: true, maxMemoryUsageInMB: 256 });
			else if (kind === 'bmp') decoded = fromBmp(bytes);
		} catch {
			// A file the codecs cannot read (the tests' structural images): flat below.
		}
	}
	if (!decoded || decoded.width !== width || decoded.height !== height)
		return { width, height, colour: GREY };
	const data = Buffer.from(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength);
	return { width, height, data, colour: meanColour(data) };
}

const clampRect = (rect: Rect, width: number, height: number): Rect => {
	const x = Math.max(0, Math.min(width - 1, Math.round(rect.x)));
	const y = Math.max(0, Math.min(height - 1, Math.round(rect.y)));
	return {
		x,
		y,
		width: Math.max(1, Math.min(width - x, Math.round(rect.width))),
		height: Math.max(1, Math.min(height - y, Math.round(rect.height))),
	};
};

/** A rectangle given in fractions of the picture's size. */
export const fractionRect = (
	pic: { width: number; height: number },
	x: number,
	y: number,
	w: number,
	h: number,
): Rect =>
	clampRect(
		{ x: pic.width * x, y: pic.height * y, width: pic.width * w, height: pic.height * h },
		pic.width,
		pic.height,
	);

/** A new picture of the given size whose pixel (x, y) is the source's (fromX(x), fromY(y)). */
function remap(
	pic: Picture,
	width: number,
	height: number,
	fromX: (x: number) => number,
	fromY: (y: number) => number,
): Picture {
	const w = Math.max(1, Math.round(width));
	const h = Math.max(1, Math.round(height));
	if (!pic.data || w * h > OUTPUT_LIMIT) return { width: w, height: h, colour: pic.colour };
	const source = pic.data;
	const data = Buffer.alloc(w * h * 4);
	const columns = Int32Array.from({ length: w }, (_, x) => fromX(x));
	for (let y = 0; y < h; y++) {
		const row = fromY(y) * pic.width;
		for (let x = 0; x < w; x++) {
			const target = (y * w + x) * 4;
			const origin = (row + columns[x]) * 4;
			data[target] = source[origin];
			data[target + 1] = source[origin + 1];
			data[target + 2] = source[origin + 2];
			data[target + 3] = source[origin + 3];
		}
	}
	return { width: w, height: h, data, colour: pic.colour };
}

/** Nearest-neighbour scaling (the subject scales with it). */
export function resize(pic: Picture, width: number, height: number): Picture {
	const w = Math.max(1, Math.round(width));
	const h = Math.max(1, Math.round(height));
	const result = remap(
		pic,
		w,
		h,
		(x) => Math.min(pic.width - 1, Math.floor((x * pic.width) / w)),
		(y) => Math.min(pic.height - 1, Math.floor((y * pic.height) / h)),
	);
	if (pic.subject) {
		const sx = w / pic.width;
		const sy = h / pic.height;
		result.subject = clampRect(
			{
				x: pic.subject.x * sx,
				y: pic.subject.y * sy,
				width: pic.subject.width * sx,
				height: pic.subject.height * sy,
			},
			w,
			h,
		);
	}
	return result;
}

export function crop(pic: Picture, rect: Rect): Picture {
	const area = clampRect(rect, pic.width, pic.height);
	const result = remap(
		pic,
		area.width,
		area.height,
		(x) => x + area.x,
		(y) => y + area.y,
	);
	if (pic.subject) {
		const x = Math.max(0, pic.subject.x - area.x);
		const y = Math.max(0, pic.subject.y - area.y);
		const right = Math.min(area.width, pic.subject.x + pic.subject.width - area.x);
		const bottom = Math.min(area.height, pic.subject.y + pic.subject.height - area.y);
		result.subject = clampRect(
			{ x, y, width: right - x, height: bottom - y },
			area.width,
			area.height,
		);
	}
	return result;
}

/** The largest centred crop of the given aspect ratio ("cover" before a resize). */
export const coverRect = (pic: Picture, aspect: number): Rect =>
	pic.width / pic.height > aspect
		? clampRect(
				{
					x: (pic.width - pic.height * aspect) / 2,
					y: 0,
					width: pic.height * aspect,
					height: pic.height,
				},
				pic.width,
				pic.height,
			)
		: clampRect(
				{
					x: 0,
					y: (pic.height - pic.width / aspect) / 2,
					width: pic.width,
					height: pic.width / aspect,
				},
				pic.width,
				pic.height,
			);

/** A canvas of the given size with the picture at (left, top), its edges stretched outwards (outpainting). */
export function expand(
	pic: Picture,
	left: number,
	top: number,
	width: number,
	height: number,
): Picture {
	const clamp = (value: number, max: number) => Math.max(0, Math.min(max - 1, value));
	return remap(
		pic,
		width,
		height,
		(x) => clamp(x - left, pic.width),
		(y) => clamp(y - top, pic.height),
	);
}

type ColourMap = (r: number, g: number, b: number) => Rgb;

/** Every pixel's colour through `map` (alpha kept). */
export function mapColours(pic: Picture, map: ColourMap): Picture {
	const result: Picture = { ...pic, colour: map(...pic.colour) };
	if (pic.data) {
		const data = Buffer.from(pic.data);
		for (let offset = 0; offset < data.length; offset += 4) {
			const [r, g, b] = map(data[offset], data[offset + 1], data[offset + 2]);
			data[offset] = r;
			data[offset + 1] = g;
			data[offset + 2] = b;
		}
		result.data = data;
	}
	return result;
}

export const clampByte = (value: number): number =>
	value <= 0 ? 0 : value >= 255 ? 255 : Math.round(value);

/** Stronger contrast around mid-grey ("enhanced"). */
export const contrast = (amount: number): ColourMap => {
	const table = Array.from({ length: 256 }, (_, value) => clampByte((value - 128) * amount + 128));
	return (r, g, b) => [table[r], table[g], table[b]];
};

/** Paints the pixels where `inside(x, y)` in the picture's mean colour ("removed" objects). */
export function fillWhere(pic: Picture, inside: (x: number, y: number) => boolean): Picture {
	if (!pic.data) return pic;
	const data = Buffer.from(pic.data);
	const [r, g, b] = pic.colour;
	for (let y = 0; y < pic.height; y++) {
		for (let x = 0; x < pic.width; x++) {
			if (!inside(x, y)) continue;
			const offset = (y * pic.width + x) * 4;
			data[offset] = r;
			data[offset + 1] = g;
			data[offset + 2] = b;
			data[offset + 3] = 255;
		}
	}
	return { ...pic, data };
}

/** A cutout: the subject kept, everything else transparent. */
export function cutout(pic: Picture, subject: Rect): Picture {
	const area = clampRect(subject, pic.width, pic.height);
	const result: Picture = { ...pic, subject: area };
	if (pic.data) {
		const data = Buffer.from(pic.data);
		const rowBytes = pic.width * 4;
		for (let y = 0; y < pic.height; y++) {
			const row = y * rowBytes;
			if (y < area.y || y >= area.y + area.height) data.fill(0, row, row + rowBytes);
			else {
				data.fill(0, row, row + area.x * 4);
				data.fill(0, row + (area.x + area.width) * 4, row + rowBytes);
			}
		}
		result.data = data;
	}
	return result;
}

/** A cutout's subject grown by a small transparent margin: what "crop to the subject" keeps. */
export function subjectCrop(pic: Picture): Rect {
	const subject = pic.subject ?? { x: 0, y: 0, width: pic.width, height: pic.height };
	const margin = Math.max(1, Math.round(Math.min(pic.width, pic.height) * 0.02));
	const x = Math.max(0, subject.x - margin);
	const y = Math.max(0, subject.y - margin);
	return {
		x,
		y,
		width: Math.min(pic.width, subject.x + subject.width + margin) - x,
		height: Math.min(pic.height, subject.y + subject.height + margin) - y,
	};
}

// ---------------------------------------------------------------- encoding

/** A JPEG: transparent parts laid on `background` (JPEG has no alpha). */
export function toJpeg(
	pic: Picture,
	{ quality = 85, background = WHITE }: { quality?: number; background?: Rgb } = {},
): Encoded {
	const { width, height, data } = pic;
	if (!data || width * height > OUTPUT_LIMIT) return flatJpeg(width, height, pic.colour);
	const flat = Buffer.alloc(data.length);
	for (let offset = 0; offset < data.length; offset += 4) {
		const alpha = data[offset + 3] / 255;
		for (let channel = 0; channel < 3; channel++)
			flat[offset + channel] = Math.round(
				data[offset + channel] * alpha + background[channel] * (1 - alpha),
			);
		flat[offset + 3] = 255;
	}
	return encodeJpeg(flat, width, height, quality);
}

function hasAlpha(pic: Picture): boolean {
	if (pic.subject) return true;
	if (!pic.data) return false;
	for (let offset = 3; offset < pic.data.length; offset += 4)
		if (pic.data[offset] < 255) return true;
	return false;
}

/** A PNG: RGBA when anything is transparent, RGB otherwise. */
async function toPng(pic: Picture): Promise<Encoded> {
	const { width, height, data } = pic;
	const colourType: PngColour = hasAlpha(pic) ? 6 : 2;
	const channels = PNG_CHANNELS[colourType];
	let row: (y: number) => Buffer;
	if (data) {
		row =
			channels === 4
				? (y) => data.subarray(y * width * 4, (y + 1) * width * 4)
				: (y) => {
						const line = Buffer.alloc(width * 3);
						for (let x = 0; x < width; x++)
							data.copy(line, x * 3, (y * width + x) * 4, (y * width + x) * 4 + 3);
						return line;
					};
	} else {
		const pixel = Buffer.from(channels === 4 ? [...pic.colour, 255] : pic.colour);
		const full = Buffer.alloc(width * channels, pixel);
		const subject = pic.subject;
		if (subject) {
			const empty = Buffer.alloc(width * channels);
			const middle = Buffer.alloc(width * channels);
			middle.fill(pixel, subject.x * channels, (subject.x + subject.width) * channels);
			row = (y) => (y >= subject.y && y < subject.y + subject.height ? middle : empty);
		} else row = () => full;
	}
	return pngResult(await writePng(width, height, colourType, row), width, height);
}

/** A cutout's mask: a greyscale PNG, white on the subject, black elsewhere. */
export async function toMask(pic: Picture): Promise<Encoded> {
	const { width, height } = pic;
	const subject = pic.subject ?? { x: 0, y: 0, width, height };
	const empty = Buffer.alloc(width);
	const middle = Buffer.alloc(width);
	middle.fill(255, subject.x, subject.x + subject.width);
	const bytes = await writePng(width, height, 0, (y) =>
		y >= subject.y && y < subject.y + subject.height ? middle : empty,
	);
	return pngResult(bytes, width, height);
}

/** A WebP: flat, in the picture's mean colour (the sandbox has no WebP encoder). */
export const toWebp = (pic: Picture): Encoded => flatWebp(pic.width, pic.height, pic.colour);

export type OutputFormat = 'jpg' | 'png' | 'webp';

export async function encodeAs(
	pic: Picture,
	format: OutputFormat,
	options: { quality?: number; background?: Rgb } = {},
): Promise<Encoded> {
	if (format === 'png') return await toPng(pic);
	if (format === 'webp') return toWebp(pic);
	return toJpeg(pic, options);
}
