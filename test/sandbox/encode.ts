/* eslint-disable @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * The sandbox's image writers. Real content goes through jpeg-js (as mark.ts does) or a plain
 * zlib PNG writer; results too large to encode cheaply in pure JS become FLAT images that are
 * still real, decodable files whose headers state the true size:
 *  - a flat baseline JPEG (every 8×8 block after the first codes to zero bits, so a 16k × 16k
 *    JPEG is a few MB of zero bytes, written in milliseconds);
 *  - a flat lossless WebP (VP8L with one-symbol prefix codes: every pixel costs zero bits);
 *  - PNGs streamed row by row through zlib (flat rows repeat the same buffer).
 */
import { createDeflate, deflateSync } from 'node:zlib';

import jpeg from 'jpeg-js';

import { pngChunk } from '../support/images';

export type Rgb = [number, number, number];

/** One result file as the sandbox serves it. */
export interface Encoded {
	bytes: Buffer;
	ext: 'jpg' | 'png' | 'webp';
	mime: string;
	width: number;
	height: number;
}

const JPEG_MIME = 'image/jpeg';

// ---------------------------------------------------------------- PNG

/** PNG colour types used here: 0 grey, 2 RGB, 6 RGBA (8 bits per sample). */
export type PngColour = 0 | 2 | 6;
export const PNG_CHANNELS: Record<PngColour, number> = { 0: 1, 2: 3, 6: 4 };

/**
 * A PNG from its rows: `row(y)` gives the row's samples (without the filter byte); the same
 * buffer may be returned for many rows. Rows are deflated as a stream, so huge flat images need
 * no huge buffer.
 */
export async function writePng(
	width: number,
	height: number,
	colour: PngColour,
	row: (y: number) => Buffer,
): Promise<Buffer> {
	const deflate = createDeflate({ level: width * height > 4_000_000 ? 1 : 6 });
	const chunks: Buffer[] = [];
	deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
	const done = new Promise<void>((resolve, reject) => {
		deflate.on('end', resolve);
		deflate.on('error', reject);
	});
	filterRows(width, height, colour, row, (filtered) => deflate.write(filtered));
	deflate.end();
	await done;
	return pngFile(width, height, colour, Buffer.concat(chunks));
}

/** The same, at once (for images small enough to hold whole): RGBA pixels as an RGBA PNG. */
export function writePngSync(data: Uint8Array, width: number, height: number): Buffer {
	const rows: Buffer[] = [];
	const pixels = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
	filterRows(
		width,
		height,
		6,
		(y) => pixels.subarray(y * width * 4, (y + 1) * width * 4),
		(filtered) => rows.push(filtered),
	);
	return pngFile(width, height, 6, deflateSync(Buffer.concat(rows)));
}

/** Filter "Up" (2) for every row: each byte less the one above it. Rows that repeat (flat images) filter to zeros. */
function filterRows(
	width: number,
	height: number,
	colour: PngColour,
	row: (y: number) => Buffer,
	emit: (filtered: Buffer) => void,
): void {
	const zeros = Buffer.alloc(1 + width * PNG_CHANNELS[colour], 0);
	zeros[0] = 2;
	let previous: Buffer | undefined;
	for (let y = 0; y < height; y++) {
		const current = row(y);
		if (current === previous) emit(zeros);
		else {
			const filtered = Buffer.allocUnsafe(1 + current.length);
			filtered[0] = 2;
			for (let i = 0; i < current.length; i++)
				filtered[i + 1] = (current[i] - (previous ? previous[i] : 0)) & 0xff;
			emit(filtered);
		}
		previous = current;
	}
}

function pngFile(width: number, height: number, colour: PngColour, idat: Buffer): Buffer {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8;
	header[9] = colour;
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', header),
		pngChunk('IDAT', idat),
		pngChunk('IEND', Buffer.alloc(0)),
	]);
}

export const pngResult = (bytes: Buffer, width: number, height: number): Encoded => ({
	bytes,
	ext: 'png',
	mime: 'image/png',
	width,
	height,
});

// ---------------------------------------------------------------- JPEG

/** Real pixels (RGBA, opaque) as a JPEG. */
export function encodeJpeg(data: Buffer, width: number, height: number, quality = 85): Encoded {
	return {
		bytes: Buffer.from(jpeg.encode({ data, width, height }, quality).data),
		ext: 'jpg',
		mime: JPEG_MIME,
		width,
		height,
	};
}

/** Canonical Huffman codes from a DHT's counts per length and its symbols. */
function huffmanCodes(
	counts: number[],
	symbols: number[],
): Map<number, { code: number; length: number }> {
	const codes = new Map<number, { code: number; length: number }>();
	let code = 0;
	let index = 0;
	for (let length = 1; length <= 16; length++) {
		for (let i = 0; i < counts[length - 1]; i++)
			codes.set(symbols[index++], { code: code++, length });
		code <<= 1;
	}
	return codes;
}

// The standard DC luminance table (ITU T.81 Annex K) for every component; an AC table whose only
// code, "0" (one bit), is end-of-block: a flat image has no AC coefficients.
const DC_COUNTS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_SYMBOLS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const AC_COUNTS = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const DC_CODES = huffmanCodes(DC_COUNTS, DC_SYMBOLS);
/** Every quantiser is 8, so a block's quantised DC is its level-shifted sample value. */
const QUANTISER = 8;

const segment = (marker: number, payload: Buffer): Buffer => {
	const head = Buffer.from([0xff, marker, 0, 0]);
	head.writeUInt16BE(payload.length + 2, 2);
	return Buffer.concat([head, payload]);
};

/**
 * A valid baseline JPEG of any size (up to 65535 per side) in one colour. Only the first block
 * of each component carries a DC value; every later block is "DC difference 0, end of block" =
 * 3 zero bits, so the scan is a run of zero bytes.
 */
export function flatJpeg(width: number, height: number, [r, g, b]: Rgb): Encoded {
	const w = Math.min(65535, Math.max(1, Math.round(width)));
	const h = Math.min(65535, Math.max(1, Math.round(height)));
	const ycc = [
		0.299 * r + 0.587 * g + 0.114 * b,
		128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
		128 + 0.5 * r - 0.418688 * g - 0.081312 * b,
	].map((value) => Math.max(-128, Math.min(127, Math.round(value) - 128)));
	// The first MCU's bits.
	const bits: number[] = [];
	const put = (value: number, length: number) => {
		for (let bit = length - 1; bit >= 0; bit--) bits.push((value >> bit) & 1);
	};
	for (const dc of ycc) {
		const category = dc === 0 ? 0 : Math.floor(Math.log2(Math.abs(dc))) + 1;
		const { code, length } = DC_CODES.get(category)!;
		put(code, length);
		if (category > 0) put(dc > 0 ? dc : dc + (1 << category) - 1, category);
		put(0, 1); // end of block
	}
	const blocks = Math.ceil(w / 8) * Math.ceil(h / 8);
	const totalBits = bits.length + 9 * (blocks - 1);
	const scan = Buffer.alloc(Math.ceil(totalBits / 8));
	bits.forEach((bit, index) => {
		if (bit) scan[index >> 3] |= 0x80 >> (index & 7);
	});
	// Fill the last byte with 1 bits, as T.81 pads.
	for (let index = totalBits; index < scan.length * 8; index++)
		scan[index >> 3] |= 0x80 >> (index & 7);
	// Byte stuffing: a 0xFF in entropy-coded data is followed by 0x00.
	const pieces: Buffer[] = [];
	let start = 0;
	for (let at = scan.indexOf(0xff); at !== -1; at = scan.indexOf(0xff, at + 1)) {
		pieces.push(scan.subarray(start, at + 1), Buffer.from([0]));
		start = at + 1;
	}
	pieces.push(scan.subarray(start));
	const frame = Buffer.from([
		8,
		h >> 8,
		h & 0xff,
		w >> 8,
		w & 0xff,
		3,
		1,
		0x11,
		0,
		2,
		0x11,
		0,
		3,
		0x11,
		0,
	]);
	const bytes = Buffer.concat([
		Buffer.from([0xff, 0xd8]),
		segment(0xe0, Buffer.from('4a46494600010100000100010000', 'hex')),
		segment(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, QUANTISER)])),
		segment(0xc0, frame),
		segment(0xc4, Buffer.from([0x00, ...DC_COUNTS, ...DC_SYMBOLS])),
		segment(0xc4, Buffer.from([0x10, ...AC_COUNTS, 0x00])),
		segment(0xda, Buffer.from([3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0])),
		...pieces,
		Buffer.from([0xff, 0xd9]),
	]);
	return { bytes, ext: 'jpg', mime: JPEG_MIME, width: w, height: h };
}

// ---------------------------------------------------------------- WebP

/**
 * A valid lossless WebP (VP8L) in one colour, of the given size (up to 16384 per side, as VP8L
 * allows). Its five prefix codes each have a single symbol, so the pixels take no bits at all.
 */
export function flatWebp(width: number, height: number, [r, g, b]: Rgb, alpha = 255): Encoded {
	const w = Math.min(16384, Math.max(1, Math.round(width)));
	const h = Math.min(16384, Math.max(1, Math.round(height)));
	const out: number[] = [];
	let current = 0;
	let used = 0;
	// VP8L packs bits from the least significant end.
	const put = (value: number, length: number) => {
		for (let bit = 0; bit < length; bit++) {
			current |= ((value >> bit) & 1) << used;
			if (++used === 8) {
				out.push(current);
				current = 0;
				used = 0;
			}
		}
	};
	put(0x2f, 8); // signature
	put(w - 1, 14);
	put(h - 1, 14);
	put(alpha < 255 ? 1 : 0, 1);
	put(0, 3); // version
	put(0, 1); // no transform
	put(0, 1); // no colour cache
	put(0, 1); // no meta prefix codes
	// Green (with lengths and cache), red, blue, alpha, distance: each a "simple" one-symbol code.
	for (const symbol of [g, r, b, alpha, 0]) {
		put(1, 1);
		put(0, 1);
		put(symbol > 1 ? 1 : 0, 1);
		put(symbol, symbol > 1 ? 8 : 1);
	}
	if (used > 0) out.push(current);
	const data = Buffer.from(out.length % 2 ? [...out, 0] : out);
	const chunkHeader = Buffer.alloc(8);
	chunkHeader.write('VP8L', 0, 'ascii');
	chunkHeader.writeUInt32LE(out.length, 4);
	const riff = Buffer.alloc(12);
	riff.write('RIFF', 0, 'ascii');
	riff.writeUInt32LE(4 + chunkHeader.length + data.length, 4);
	riff.write('WEBP', 8, 'ascii');
	return {
		bytes: Buffer.concat([riff, chunkHeader, data]),
		ext: 'webp',
		mime: 'image/webp',
		width: w,
		height: h,
	};
}
