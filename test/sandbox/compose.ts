/**
 * Picture compositions the task APIs share beyond render.ts's basics: masks as pixel tests, one
 * picture's pixels inside another's, a cutout laid on a colour, print sheets, a preview's stripes
 * and generated backdrops. Real pixels where render.ts computes them; flat pictures stay flat.
 */
import { createHash } from 'node:crypto';

import type { Rgb } from './encode';
import { clampByte, OUTPUT_LIMIT, type Picture, resize } from './render';

/** A mask image (white = the area), scaled to the given size, as a test on its pixels. */
export function maskTest(
	mask: { width: number; height: number; picture: Picture },
	width: number,
	height: number,
): (x: number, y: number) => boolean {
	const scaled =
		mask.width === width && mask.height === height
			? mask.picture
			: resize(mask.picture, width, height);
	const data = scaled.data;
	if (!data) {
		const lit = scaled.colour[0] + scaled.colour[1] + scaled.colour[2] > 3 * 127;
		return () => lit;
	}
	return (x, y) =>
		data[(y * width + x) * 4] + data[(y * width + x) * 4 + 1] + data[(y * width + x) * 4 + 2] >
		3 * 127;
}

/** The other picture's pixels (same size) where `inside(x, y)`, this one's elsewhere ("retouched" areas). */
export function replaceWhere(
	pic: Picture,
	other: Picture,
	inside: (x: number, y: number) => boolean,
): Picture {
	if (!pic.data || !other.data) return pic;
	const data = Buffer.from(pic.data);
	for (let y = 0; y < pic.height; y++)
		for (let x = 0; x < pic.width; x++) {
			const offset = (y * pic.width + x) * 4;
			if (inside(x, y)) other.data.copy(data, offset, offset, offset + 4);
		}
	return { ...pic, data };
}

/** The picture laid on a colour: opaque, without a subject. */
export function onColour(pic: Picture, colour: Rgb): Picture {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the subject is what is left out
	const { subject, ...flat } = pic;
	if (!pic.data) return flat;
	const data = Buffer.from(pic.data);
	for (let offset = 0; offset < data.length; offset += 4) {
		const alpha = data[offset + 3] / 255;
		for (let channel = 0; channel < 3; channel++)
			data[offset + channel] = Math.round(
				data[offset + channel] * alpha + colour[channel] * (1 - alpha),
			);
		data[offset + 3] = 255;
	}
	return { ...flat, data };
}

/** `columns` × `rows` copies of an opaque picture with `gap` pixels of `background` around each (a print sheet). */
export function tile(
	pic: Picture,
	columns: number,
	rows: number,
	gap: number,
	background: Rgb,
): Picture {
	const width = columns * pic.width + (columns + 1) * gap;
	const height = rows * pic.height + (rows + 1) * gap;
	if (!pic.data || width * height > OUTPUT_LIMIT) return { width, height, colour: pic.colour };
	const data = Buffer.alloc(width * height * 4);
	for (let offset = 0; offset < data.length; offset += 4) data.set([...background, 255], offset);
	const rowBytes = pic.width * 4;
	for (let row = 0; row < rows; row++)
		for (let column = 0; column < columns; column++)
			for (let y = 0; y < pic.height; y++) {
				const top = gap + row * (pic.height + gap) + y;
				const left = gap + column * (pic.width + gap);
				pic.data.copy(data, (top * width + left) * 4, y * rowBytes, (y + 1) * rowBytes);
			}
	return { width, height, data, colour: pic.colour };
}

/** Diagonal grey stripes over the picture (a preview's watermark); a flat picture stays flat. */
export function stripes(pic: Picture, period = 24, band = 6): Picture {
	if (!pic.data) return pic;
	const data = Buffer.from(pic.data);
	for (let y = 0; y < pic.height; y++)
		for (let x = 0; x < pic.width; x++) {
			if ((x + y) % period >= band) continue;
			const offset = (y * pic.width + x) * 4;
			for (let channel = 0; channel < 3; channel++)
				data[offset + channel] = Math.round((data[offset + channel] + 128) / 2);
			data[offset + 3] = Math.max(data[offset + 3], 160);
		}
	return { ...pic, data };
}

/** A colour that follows from a text alone (a prompt, a template), light enough to see a subject on. */
export function seededColour(seed: string): Rgb {
	const hash = createHash('sha256').update(seed).digest();
	return [0, 1, 2].map((index) => 60 + (hash[index] % 180)) as Rgb;
}

/**
 * The picture at 80 % in the middle of a vertical gradient of `colour`, its transparent parts
 * showing the backdrop and the whole graded towards the colour (a generated background).
 */
export function onBackdrop(pic: Picture, colour: Rgb): Picture {
	const { width, height } = pic;
	const graded = (value: number, channel: number) => clampByte(value * 0.8 + colour[channel] * 0.2);
	const mean = pic.colour.map((value, channel) => clampByte((value + colour[channel]) / 2)) as Rgb;
	if (!pic.data || width * height > OUTPUT_LIMIT) return { width, height, colour: mean };
	const inset = { x: Math.round(width * 0.1), y: Math.round(height * 0.1) };
	const inner = { width: width - 2 * inset.x, height: height - 2 * inset.y };
	const data = Buffer.alloc(width * height * 4);
	for (let y = 0; y < height; y++) {
		const shade = 0.6 + (0.4 * y) / height;
		const fromY = Math.floor(((y - inset.y) * height) / inner.height);
		for (let x = 0; x < width; x++) {
			const offset = (y * width + x) * 4;
			const fromX = Math.floor(((x - inset.x) * width) / inner.width);
			const inside = fromX >= 0 && fromX < width && fromY >= 0 && fromY < height;
			const origin = (fromY * width + fromX) * 4;
			const alpha = inside ? pic.data[origin + 3] / 255 : 0;
			for (let channel = 0; channel < 3; channel++) {
				const back = colour[channel] * shade;
				const front = inside ? pic.data[origin + channel] : 0;
				data[offset + channel] = graded(front * alpha + back * (1 - alpha), channel);
			}
			data[offset + 3] = 255;
		}
	}
	return { width, height, data, colour: mean };
}
