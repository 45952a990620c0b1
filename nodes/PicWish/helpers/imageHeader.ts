/**
 * Image headers read without decoding and without dependencies: the file type by its magic bytes,
 * and width and height from the PNG, JPEG, BMP, WebP or TIFF header. Every function here returns a
 * result for any bytes (random, truncated, hostile) and never throws. Pure.
 */

export interface FileType {
	/** Short lowercase name: jpeg, png, bmp, gif, webp, … */
	kind: string;
	/** What the user would call it in a message, with its article: "a GIF image". */
	noun: string;
	mimeType: string;
	extension: string;
	/** An image whose header the node reads (its width and height). */
	accepted: boolean;
}

const ascii = (bytes: Uint8Array, start: number, length: number): string =>
	start + length <= bytes.length
		? String.fromCharCode(...bytes.subarray(start, start + length))
		: '';

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0): boolean =>
	bytes.length >= offset + signature.length &&
	signature.every((value, index) => bytes[offset + index] === value);

const type = (
	kind: string,
	noun: string,
	mimeType: string,
	extension: string,
	accepted = false,
): FileType => ({ kind, noun, mimeType, extension, accepted });

/** The file type by magic bytes, or undefined when nothing is recognised. */
export function sniffFileType(bytes: Uint8Array): FileType | undefined {
	if (startsWith(bytes, [0xff, 0xd8, 0xff]))
		return type('jpeg', 'a JPEG image', 'image/jpeg', 'jpg', true);
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
		return type('png', 'a PNG image', 'image/png', 'png', true);
	if (ascii(bytes, 0, 2) === 'BM' && bytes.length >= 14)
		return type('bmp', 'a BMP image', 'image/bmp', 'bmp', true);
	if (ascii(bytes, 0, 4) === 'GIF8') return type('gif', 'a GIF image', 'image/gif', 'gif');
	if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP')
		return type('webp', 'a WebP image', 'image/webp', 'webp', true);
	if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
		return type('tiff', 'a TIFF image', 'image/tiff', 'tiff', true);
	if (ascii(bytes, 4, 4) === 'ftyp') {
		const brand = ascii(bytes, 8, 4);
		if (brand.startsWith('avi')) return type('avif', 'an AVIF image', 'image/avif', 'avif');
		if (['heic', 'heix', 'mif1', 'msf1', 'heim', 'heis'].includes(brand))
			return type('heic', 'a HEIC image', 'image/heic', 'heic');
		return type('video', 'an MP4/QuickTime video', 'video/mp4', 'mp4');
	}
	if (startsWith(bytes, [0x00, 0x00, 0x01, 0x00]))
		return type('ico', 'an ICO icon', 'image/x-icon', 'ico');
	if (ascii(bytes, 0, 5) === '%PDF-')
		return type('pdf', 'a PDF document', 'application/pdf', 'pdf');
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]))
		return type('zip', 'a ZIP archive', 'application/zip', 'zip');

	const head = new TextDecoder('utf-8', { fatal: false })
		.decode(bytes.subarray(0, 512))
		.replace(/^\uFEFF/, '')
		.trimStart()
		.toLowerCase();
	if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg')))
		return type('svg', 'an SVG image', 'image/svg+xml', 'svg');
	if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<head'))
		return type('html', 'an HTML page', 'text/html', 'html');
	if (head.startsWith('{') || head.startsWith('['))
		return type('json', 'JSON text', 'application/json', 'json');
	if (head.startsWith('<')) return type('xml', 'XML or HTML text', 'text/xml', 'xml');
	const sample = bytes.subarray(0, 512);
	if (sample.length > 0 && sample.every((b) => b === 0x09 || b === 0x0a || b === 0x0d || b >= 0x20))
		return type('text', 'plain text', 'text/plain', 'txt');
	return undefined;
}

interface Dimensions {
	width: number;
	height: number;
}
type HeaderResult = Dimensions | { problem: string };

/** Reads PNG dimensions from IHDR and checks the file still ends with IEND. */
function readPng(bytes: Uint8Array, view: DataView): HeaderResult {
	if (bytes.length < 24) return { problem: 'is truncated (the PNG header is incomplete)' };
	if (ascii(bytes, 12, 4) !== 'IHDR')
		return { problem: 'is corrupted (the PNG has no IHDR header)' };
	const width = view.getUint32(16);
	const height = view.getUint32(20);
	// A complete PNG ends with the IEND chunk; a cut-off download does not.
	const tail = ascii(bytes, Math.max(0, bytes.length - 64), Math.min(64, bytes.length));
	if (!tail.includes('IEND')) return { problem: 'is truncated (the PNG has no IEND end marker)' };
	return { width, height };
}

/** Reads JPEG dimensions and checks the file is complete. */
function readJpeg(bytes: Uint8Array, view: DataView): HeaderResult {
	const frame = readJpegFrame(bytes, view);
	if (!('problem' in frame) && !hasJpegEnd(bytes))
		return { problem: 'is truncated (the JPEG has no end-of-image marker)' };
	return frame;
}

/** Walks JPEG segments to the first start-of-frame marker, which holds the dimensions. */
function readJpegFrame(bytes: Uint8Array, view: DataView): HeaderResult {
	let offset = 2;
	for (;;) {
		if (offset >= bytes.length)
			return { problem: 'is truncated (the JPEG ends before its frame header)' };
		if (bytes[offset] !== 0xff)
			return { problem: 'is corrupted (a JPEG segment marker is missing)' };
		while (offset < bytes.length && bytes[offset] === 0xff) offset++;
		if (offset >= bytes.length)
			return { problem: 'is truncated (the JPEG ends before its frame header)' };
		const marker = bytes[offset++];
		// Markers without a length field.
		if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
		if (marker === 0xd9 || marker === 0xda)
			return { problem: 'is corrupted (the JPEG has no frame header before its image data)' };
		if (offset + 2 > bytes.length) return { problem: 'is truncated (a JPEG segment is cut off)' };
		const length = view.getUint16(offset);
		if (length < 2) return { problem: 'is corrupted (a JPEG segment has an invalid length)' };
		const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
		if (isStartOfFrame) {
			if (offset + 7 > bytes.length)
				return { problem: 'is truncated (the JPEG frame header is cut off)' };
			const height = view.getUint16(offset + 3);
			const width = view.getUint16(offset + 5);
			return { width, height };
		}
		offset += length;
	}
}

/** A complete JPEG ends with FFD9, possibly followed by a little padding or metadata. */
function hasJpegEnd(bytes: Uint8Array): boolean {
	const stop = Math.max(1, bytes.length - 64 * 1024);
	for (let i = bytes.length - 1; i >= stop; i--) {
		if (bytes[i] === 0xd9 && bytes[i - 1] === 0xff) return true;
	}
	return false;
}

/** Reads BMP dimensions from the DIB header and checks the file is as long as it says. */
function readBmp(bytes: Uint8Array, view: DataView): HeaderResult {
	if (bytes.length < 26) return { problem: 'is truncated (the BMP header is incomplete)' };
	const declaredSize = view.getUint32(2, true);
	const pixelOffset = view.getUint32(10, true);
	const dibSize = view.getUint32(14, true);
	let width: number;
	let height: number;
	if (dibSize === 12) {
		width = view.getUint16(18, true);
		height = view.getUint16(20, true);
	} else if (dibSize >= 40) {
		width = Math.abs(view.getInt32(18, true));
		// Negative height means a top-down bitmap.
		height = Math.abs(view.getInt32(22, true));
	} else {
		return { problem: 'is corrupted (the BMP header has an unknown size)' };
	}
	if (declaredSize > bytes.length || pixelOffset >= bytes.length)
		return { problem: 'is truncated (the BMP is shorter than its header says)' };
	return { width, height };
}

/** Reads WebP dimensions from its VP8, VP8L or VP8X chunk. */
function readWebp(bytes: Uint8Array, view: DataView): HeaderResult {
	const truncated = { problem: 'is truncated (the WebP header is incomplete)' };
	const uint24 = (offset: number) =>
		bytes[offset] | (bytes[offset + 1] << 8) | (bytes[offset + 2] << 16);
	const chunk = ascii(bytes, 12, 4);
	if (chunk === 'VP8X')
		return bytes.length < 30 ? truncated : { width: 1 + uint24(24), height: 1 + uint24(27) };
	if (chunk === 'VP8L') {
		if (bytes.length < 25) return truncated;
		const bits = view.getUint32(21, true);
		return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff) };
	}
	if (chunk === 'VP8 ')
		return bytes.length < 30
			? truncated
			: { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
	return bytes.length < 16 ? truncated : { problem: 'is corrupted (the WebP has no image chunk)' };
}

/** Reads TIFF dimensions from the first image directory (tags 256 and 257). */
function readTiff(bytes: Uint8Array, view: DataView): HeaderResult {
	const little = bytes[0] === 0x49;
	const truncated = { problem: 'is truncated (the TIFF directory is cut off)' };
	if (bytes.length < 8) return truncated;
	const directory = view.getUint32(4, little);
	if (directory + 2 > bytes.length) return truncated;
	const entries = view.getUint16(directory, little);
	const found: Record<number, number> = {};
	for (let index = 0; index < entries; index++) {
		const entry = directory + 2 + index * 12;
		if (entry + 12 > bytes.length) return truncated;
		const tag = view.getUint16(entry, little);
		if (tag !== 256 && tag !== 257) continue;
		// SHORT (3) or LONG (4), stored in the entry itself.
		found[tag] =
			view.getUint16(entry + 2, little) === 3
				? view.getUint16(entry + 8, little)
				: view.getUint32(entry + 8, little);
	}
	if (found[256] === undefined || found[257] === undefined)
		return { problem: 'is corrupted (the TIFF has no width or height)' };
	return { width: found[256], height: found[257] };
}

export const HEADER_READERS: Record<string, (bytes: Uint8Array, view: DataView) => HeaderResult> = {
	png: readPng,
	jpeg: readJpeg,
	bmp: readBmp,
	webp: readWebp,
	tiff: readTiff,
};

/**
 * Width and height from the first bytes of an image alone (no end-of-file check), for pricing
 * before the file is read whole; undefined when the header is not in those bytes.
 */
export function imageDimensions(head: Uint8Array): { width: number; height: number } | undefined {
	const kind = sniffFileType(head)?.kind;
	if (!kind || !HEADER_READERS[kind]) return undefined;
	const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
	if (kind === 'jpeg') {
		// The frame header alone: the end-of-image marker is not in the head.
		const frame = readJpegFrame(head, view);
		return 'problem' in frame ? undefined : frame;
	}
	const read = HEADER_READERS[kind](head, view);
	return 'problem' in read ? undefined : read;
}
