/* eslint-disable @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/** Small, valid image files built in memory for tests (no fixtures on disk). */
import { crc32, deflateSync } from 'node:zlib';

/** One PNG chunk: length, type, data and CRC. */
export function pngChunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typeAndData) >>> 0);
	return Buffer.concat([length, typeAndData, crc]);
}

/** A real, decodable RGB PNG filled with one colour. */
export function makePng(
	width: number,
	height: number,
	rgb: [number, number, number] = [200, 30, 30],
): Buffer {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8; // bit depth
	header[9] = 2; // colour type RGB
	// Scanlines are only built for sizes a test can afford; huge headers get a token IDAT.
	const rows =
		width * height <= 4_000_000
			? Buffer.concat(
					Array.from({ length: height }, () =>
						Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).fill(Buffer.from(rgb))]),
					),
				)
			: Buffer.from([0]);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', header),
		pngChunk('IDAT', deflateSync(rows)),
		pngChunk('IEND', Buffer.alloc(0)),
	]);
}

/** A structurally valid baseline JPEG: SOI, APP0 (JFIF), optional padding, SOF0, SOS, EOI. */
export function makeJpeg(width: number, height: number, { exifBytes = 0 } = {}): Buffer {
	const segment = (marker: number, payload: Buffer) => {
		const head = Buffer.from([0xff, marker, 0, 0]);
		head.writeUInt16BE(payload.length + 2, 2);
		return Buffer.concat([head, payload]);
	};
	const app0 = segment(0xe0, Buffer.from('4a46494600010100000100010000', 'hex'));
	const app1 = exifBytes > 0 ? segment(0xe1, Buffer.alloc(exifBytes, 0x41)) : Buffer.alloc(0);
	const sof = Buffer.alloc(15);
	sof[0] = 8; // precision
	sof.writeUInt16BE(height, 1);
	sof.writeUInt16BE(width, 3);
	sof[5] = 3; // components
	sof.set([1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1], 6);
	const sos = segment(0xda, Buffer.from([3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3f, 0]));
	return Buffer.concat([
		Buffer.from([0xff, 0xd8]),
		app0,
		app1,
		segment(0xc0, sof),
		sos,
		Buffer.alloc(64, 0x55), // entropy-coded data stand-in
		Buffer.from([0xff, 0xd9]),
	]);
}

/** A real 24-bit BMP (bottom-up; top-down when `topDown`). */
export function makeBmp(width: number, height: number, { topDown = false } = {}): Buffer {
	const rowSize = Math.ceil((width * 3) / 4) * 4;
	const pixels = width * height <= 4_000_000 ? rowSize * height : 0;
	const file = Buffer.alloc(54 + pixels, 0x80);
	file.write('BM', 0, 'ascii');
	file.writeUInt32LE(file.length, 2);
	file.writeUInt32LE(0, 6);
	file.writeUInt32LE(54, 10);
	file.writeUInt32LE(40, 14);
	file.writeInt32LE(width, 18);
	file.writeInt32LE(topDown ? -height : height, 22);
	file.writeUInt16LE(1, 26);
	file.writeUInt16LE(24, 28);
	file.writeUInt32LE(0, 30);
	file.writeUInt32LE(pixels, 34);
	return file;
}

export const GIF = Buffer.from(
	'47494638396101000100800000ffffff00000021f90401000000002c00000000010001000002024401003b',
	'hex',
);
export const WEBP = Buffer.concat([
	Buffer.from('RIFF'),
	Buffer.from([30, 0, 0, 0]),
	Buffer.from('WEBPVP8 '),
	Buffer.alloc(22),
]);
export const TIFF = Buffer.concat([
	Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]),
	Buffer.alloc(32),
]);
export const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n');
export const HTML_PAGE = Buffer.from(
	'<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>',
);
