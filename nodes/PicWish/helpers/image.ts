/**
 * Image sniffing without decoding and without dependencies: the file type by its magic bytes,
 * and width and height from the PNG, JPEG or BMP header. Every function here returns a result
 * for any bytes (random, truncated, hostile) and never throws.
 */

/** The API's upload limits (vendor docs, "Guidelines and Limits"). */
export const UPLOAD_LIMITS = {
	maxBytes: 50 * 1024 * 1024,
	minSide: 20,
	maxSide: 10000,
	formats: 'JPG, PNG or BMP',
} as const;

export interface FileType {
	/** Short lowercase name: jpeg, png, bmp, gif, webp, … */
	kind: string;
	/** What the user would call it in a message, with its article: "a GIF image". */
	noun: string;
	mimeType: string;
	extension: string;
	/** Accepted by PicWish for upload. */
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
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return type('jpeg', 'a JPEG image', 'image/jpeg', 'jpg', true);
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
		return type('png', 'a PNG image', 'image/png', 'png', true);
	if (ascii(bytes, 0, 2) === 'BM' && bytes.length >= 14)
		return type('bmp', 'a BMP image', 'image/bmp', 'bmp', true);
	if (ascii(bytes, 0, 4) === 'GIF8') return type('gif', 'a GIF image', 'image/gif', 'gif');
	if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP')
		return type('webp', 'a WebP image', 'image/webp', 'webp');
	if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
		return type('tiff', 'a TIFF image', 'image/tiff', 'tiff');
	if (ascii(bytes, 4, 4) === 'ftyp') {
		const brand = ascii(bytes, 8, 4);
		if (brand.startsWith('avi')) return type('avif', 'an AVIF image', 'image/avif', 'avif');
		if (['heic', 'heix', 'mif1', 'msf1', 'heim', 'heis'].includes(brand))
			return type('heic', 'a HEIC image', 'image/heic', 'heic');
		return type('video', 'an MP4/QuickTime video', 'video/mp4', 'mp4');
	}
	if (startsWith(bytes, [0x00, 0x00, 0x01, 0x00])) return type('ico', 'an ICO icon', 'image/x-icon', 'ico');
	if (ascii(bytes, 0, 5) === '%PDF-') return type('pdf', 'a PDF document', 'application/pdf', 'pdf');
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return type('zip', 'a ZIP archive', 'application/zip', 'zip');

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

export type ImageInspection =
	| {
			ok: true;
			type: FileType;
			width: number;
			height: number;
	  }
	| {
			ok: false;
			/** What is wrong, for the error message. */
			problem: string;
			/** How to fix it, for the error description. */
			fix: string;
			type?: FileType;
	  };

export type FailedInspection = Extract<ImageInspection, { ok: false }>;

const ACCEPTED_FIX = `Send a ${UPLOAD_LIMITS.formats} image between ${UPLOAD_LIMITS.minSide} and ${UPLOAD_LIMITS.maxSide} pixels per side, up to 50 MB.`;

interface Dimensions {
	width: number;
	height: number;
}
type HeaderResult = Dimensions | { problem: string };

/** Reads PNG dimensions from IHDR and checks the file still ends with IEND. */
function readPng(bytes: Uint8Array, view: DataView): HeaderResult {
	if (bytes.length < 24) return { problem: 'is truncated (the PNG header is incomplete)' };
	if (ascii(bytes, 12, 4) !== 'IHDR') return { problem: 'is corrupted (the PNG has no IHDR header)' };
	const width = view.getUint32(16);
	const height = view.getUint32(20);
	// A complete PNG ends with the IEND chunk; a cut-off download does not.
	const tail = ascii(bytes, Math.max(0, bytes.length - 64), Math.min(64, bytes.length));
	if (!tail.includes('IEND')) return { problem: 'is truncated (the PNG has no IEND end marker)' };
	return { width, height };
}

/** Walks JPEG segments to the first start-of-frame marker, which holds the dimensions. */
function readJpeg(bytes: Uint8Array, view: DataView): HeaderResult {
	let offset = 2;
	for (;;) {
		if (offset >= bytes.length) return { problem: 'is truncated (the JPEG ends before its frame header)' };
		if (bytes[offset] !== 0xff) return { problem: 'is corrupted (a JPEG segment marker is missing)' };
		while (offset < bytes.length && bytes[offset] === 0xff) offset++;
		if (offset >= bytes.length) return { problem: 'is truncated (the JPEG ends before its frame header)' };
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
			if (offset + 7 > bytes.length) return { problem: 'is truncated (the JPEG frame header is cut off)' };
			const height = view.getUint16(offset + 3);
			const width = view.getUint16(offset + 5);
			if (!hasJpegEnd(bytes)) return { problem: 'is truncated (the JPEG has no end-of-image marker)' };
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

/** Checks a file's size alone: empty, or over the upload limit (no need to read such a file). */
export function inspectSize(byteLength: number): FailedInspection | undefined {
	if (byteLength === 0) return { ok: false, problem: 'is empty (0 bytes)', fix: ACCEPTED_FIX };
	if (byteLength > UPLOAD_LIMITS.maxBytes)
		return {
			ok: false,
			problem: `is ${formatBytes(byteLength)}, over PicWish's upload limit of 50 MB`,
			fix: 'Resize or compress the image below 50 MB, or pass a public URL instead (PicWish accepts up to 30 MB by URL).',
		};
	return undefined;
}

/**
 * Checks bytes the way PicWish will: format (JPG, PNG, BMP), size, and dimensions from the header.
 */
export function inspectImage(bytes: Uint8Array): ImageInspection {
	const sizeProblem = inspectSize(bytes.length);
	if (sizeProblem) return sizeProblem;
	const fileType = sniffFileType(bytes);
	if (!fileType?.accepted) {
		const what = fileType ? fileType.noun : 'not a recognised image';
		return {
			ok: false,
			type: fileType,
			problem: `is ${what}; PicWish accepts only ${UPLOAD_LIMITS.formats} images`,
			fix: fileType?.mimeType.startsWith('image/')
				? `Convert the image to JPG or PNG first (for example with the Edit Image node). ${ACCEPTED_FIX}`
				: `Check that the binary property holds the image itself, not an error page or another document. ${ACCEPTED_FIX}`,
		};
	}
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const readers: Record<string, (b: Uint8Array, v: DataView) => HeaderResult> = {
		png: readPng,
		jpeg: readJpeg,
		bmp: readBmp,
	};
	const header = readers[fileType.kind](bytes, view);
	if ('problem' in header)
		return { ok: false, type: fileType, problem: header.problem, fix: `Re-export or download the image again. ${ACCEPTED_FIX}` };
	const { width, height } = header;
	const { minSide, maxSide } = UPLOAD_LIMITS;
	if (width < minSide || height < minSide || width > maxSide || height > maxSide)
		return {
			ok: false,
			type: fileType,
			problem: `is ${width}×${height} pixels; PicWish accepts ${minSide} to ${maxSide} pixels per side`,
			fix:
				width > maxSide || height > maxSide
					? 'Scale the image down (for example with the Edit Image node) so that no side exceeds 10000 pixels.'
					: 'Use a larger image: each side must be at least 20 pixels.',
		};
	return { ok: true, type: fileType, width, height };
}

export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} bytes`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
	return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
