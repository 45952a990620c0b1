/* eslint-disable @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * The sandbox's files that are no images (Document OCR's documents, Clothing Segmentation's ZIP):
 * recognising an input document by its signature, and writing text, PDF, OOXML and ZIP results.
 * Pure JS without dependencies: ZIPs hold stored (uncompressed) entries with a CRC-32 computed here.
 */
import { inflateRawSync } from 'node:zlib';

import { OOXML } from './ooxml';

/** A result file that is no image: any bytes, with their type. */
export interface DocumentFile {
	bytes: Buffer;
	ext: string;
	mime: string;
}

/** An input recognised as a document (or a GIF, which the image headers do not read). */
export interface SniffedDocument {
	kind: string;
	width: number;
	height: number;
}

const OLE2 = Buffer.from('d0cf11e0a1b11ae1', 'hex');

/**
 * A document by its signature: PDF, a ZIP-based Office file (docx, xlsx or pptx by its entries;
 * `office-zip` without them), an old Office file (OLE2: doc, xls or ppt alike), or a GIF.
 */
export function sniffDocument(bytes: Buffer): SniffedDocument | undefined {
	const kind = (name: string) => ({ kind: name, width: 0, height: 0 });
	if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return kind('pdf');
	if (bytes.subarray(0, 8).equals(OLE2)) return kind('ole2');
	if (bytes.subarray(0, 4).toString('latin1') === 'GIF8' && bytes.length >= 10)
		return { kind: 'gif', width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
	if (bytes.length < 30 || bytes.readUInt32LE(0) !== 0x04034b50) return undefined;
	const names = zipDirectory(bytes).map((entry) => entry.name);
	const folder = (prefix: string) => names.some((name) => name.startsWith(prefix));
	return kind(
		folder('word/') ? 'docx' : folder('xl/') ? 'xlsx' : folder('ppt/') ? 'pptx' : 'office-zip',
	);
}

/** The password a protected PDF opens with: undefined when it is not protected (see ocr in apis-family.ts). */
export function pdfPassword(bytes: Buffer): { name?: string } | undefined {
	const text = bytes.toString('latin1');
	const at = text.indexOf('/Encrypt');
	if (at === -1) return undefined;
	// `/Encrypt /secret` names the password; `/Encrypt 5 0 R` (a real dictionary) does not.
	return { name: /^\s*\/([^\s/<>[\]()]+)/.exec(text.slice(at + '/Encrypt'.length))?.[1] };
}

// ---------------------------------------------------------------- ZIP

const CRC_TABLE = Int32Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c;
});

export function crc32(bytes: Buffer): number {
	let crc = -1;
	for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ -1) >>> 0;
}

/** A ZIP of stored entries, dated 1980-01-01 so the same entries give the same bytes. */
export function writeZip(entries: ReadonlyArray<{ name: string; data: Buffer }>): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const { name, data } of entries) {
		const nameBytes = Buffer.from(name, 'utf8');
		// version 2.0, flag 0x0800 (UTF-8 names), stored, time 0, date 1980-01-01.
		const common = Buffer.alloc(26);
		common.writeUInt16LE(20, 0);
		common.writeUInt16LE(0x0800, 2);
		common.writeUInt16LE(0x21, 8);
		common.writeUInt32LE(crc32(data), 10);
		common.writeUInt32LE(data.length, 14);
		common.writeUInt32LE(data.length, 18);
		common.writeUInt16LE(nameBytes.length, 22);
		const local = Buffer.concat([Buffer.from('504b0304', 'hex'), common, nameBytes, data]);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		common.copy(central, 6);
		central.writeUInt32LE(offset, 42);
		centrals.push(central, nameBytes);
		locals.push(local);
		offset += local.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}

/** A ZIP's central directory: each entry's name, method and where its data lies (none without a directory). */
function zipDirectory(bytes: Buffer) {
	const entries: Array<{ name: string; method: number; start: number; size: number }> = [];
	const end = bytes.lastIndexOf(Buffer.from('504b0506', 'hex'));
	if (end === -1 || end + 22 > bytes.length) return entries;
	let at = bytes.readUInt32LE(end + 16);
	for (let count = bytes.readUInt16LE(end + 10); count > 0; count--) {
		if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) break;
		const nameLength = bytes.readUInt16LE(at + 28);
		const local = bytes.readUInt32LE(at + 42);
		if (local + 30 > bytes.length) break;
		entries.push({
			name: bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8'),
			method: bytes.readUInt16LE(at + 10),
			start: local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28),
			size: bytes.readUInt32LE(at + 20),
		});
		at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
	}
	return entries;
}

/** A ZIP's entries by name (stored or deflated; an entry that does not inflate is empty). */
export function readZip(bytes: Buffer): Map<string, Buffer> {
	return new Map(
		zipDirectory(bytes).map(({ name, method, start, size }) => {
			const data = bytes.subarray(start, start + size);
			try {
				return [name, method === 8 ? inflateRawSync(data) : data];
			} catch {
				return [name, Buffer.alloc(0)];
			}
		}),
	);
}

// ---------------------------------------------------------------- documents

/** The output formats of Document OCR, with their types. */
export const DOCUMENT_TYPES = {
	txt: { mime: 'text/plain; charset=utf-8' },
	pdf: { mime: 'application/pdf' },
	docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
	xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
	pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
	zip: { mime: 'application/zip' },
} as const;
export type DocumentFormat = Exclude<keyof typeof DOCUMENT_TYPES, 'zip'>;

const file = (ext: keyof typeof DOCUMENT_TYPES, bytes: Buffer): DocumentFile => ({
	bytes,
	ext,
	mime: DOCUMENT_TYPES[ext].mime,
});

export const zipFile = (entries: ReadonlyArray<{ name: string; data: Buffer }>) =>
	file('zip', writeZip(entries));

/** The lines as a document of the given format. */
export function writeDocument(format: DocumentFormat, lines: readonly string[]): DocumentFile {
	if (format === 'txt') return file('txt', Buffer.from(`${lines.join('\n')}\n`, 'utf8'));
	if (format === 'pdf') return file('pdf', writePdf(lines));
	return file(format, writeZip(OOXML[format](lines)));
}

/** A one-page PDF (Helvetica, the lines from the top); characters beyond Latin-1 become "?". */
function writePdf(lines: readonly string[]): Buffer {
	const escape = (line: string) =>
		line.replace(/[^\x20-\x7e\xa0-\xff]/g, '?').replace(/[\\()]/g, (char) => `\\${char}`);
	const text = lines.map((line) => `(${escape(line)}) Tj T*`).join('\n');
	const content = `BT /F1 12 Tf 16 TL 72 770 Td\n${text}\nET`;
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
		`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
	];
	let pdf = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
	const offsets = objects.map((body, index) => {
		const at = Buffer.byteLength(pdf, 'latin1');
		pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
		return at;
	});
	const xref = Buffer.byteLength(pdf, 'latin1');
	pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	pdf += offsets.map((at) => `${String(at).padStart(10, '0')} 00000 n \n`).join('');
	pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(pdf, 'latin1');
}
