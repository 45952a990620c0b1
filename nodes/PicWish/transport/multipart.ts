import { randomString } from 'n8n-workflow';

export interface MultipartFile {
	bytes: Buffer;
	fileName: string;
	mimeType: string;
}

export interface MultipartBody {
	body: Buffer;
	contentType: string;
}

/** Room kept around a file's bytes for the multipart head (boundary, field, file name) and tail. */
const ROOM_BEFORE = 4096;
const ROOM_AFTER = 256;

/** Buffers made by allocateFramed: only these have room of their own around them. */
const framed = new WeakSet<Buffer>();

/**
 * A buffer for a file of `size` bytes with room around it, so encodeMultipart can write the framing
 * in place: an upload then holds one copy of the image, not two.
 */
export function allocateFramed(size: number): Buffer {
	const view = Buffer.allocUnsafeSlow(ROOM_BEFORE + size + ROOM_AFTER).subarray(ROOM_BEFORE, ROOM_BEFORE + size);
	framed.add(view);
	return view;
}

/**
 * A quoted-string for Content-Disposition. Quotes, CR and LF are percent-escaped as browsers escape
 * form file names; so is every other control character, which no header may carry (a server's
 * parser rejects the whole upload: busboy says "Malformed part header" for a NUL).
 */
function quoted(value: string): string {
	let text = '';
	for (const char of value) {
		const code = char.charCodeAt(0);
		text += code < 0x20 || code === 0x7f || char === '"' ? `%${code.toString(16).toUpperCase().padStart(2, '0')}` : char;
	}
	return `"${text}"`;
}

/**
 * Encodes multipart/form-data into one Buffer, around the file in place when it was read with
 * allocateFramed. A Buffer rather than FormData + Blob: a Blob's bytes live outside V8's accounting,
 * so the garbage collector does not feel them and freed uploads pile up; a Buffer is counted, and
 * it can be sent again as it is after a 429.
 */
export function encodeMultipart(fields: Record<string, string>, file?: { name: string } & MultipartFile): MultipartBody {
	const boundary = `----n8nPicWish${randomString(24)}`;
	let head = '';
	for (const [name, value] of Object.entries(fields)) {
		head += `--${boundary}\r\nContent-Disposition: form-data; name=${quoted(name)}\r\n\r\n${value}\r\n`;
	}
	const contentType = `multipart/form-data; boundary=${boundary}`;
	if (!file) return { body: Buffer.from(`${head}--${boundary}--\r\n`, 'utf8'), contentType };

	head +=
		`--${boundary}\r\nContent-Disposition: form-data; name=${quoted(file.name)}; filename=${quoted(file.fileName)}\r\n` +
		`Content-Type: ${file.mimeType}\r\n\r\n`;
	const before = Buffer.from(head, 'utf8');
	const after = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
	const { bytes } = file;
	if (framed.has(bytes) && before.length <= ROOM_BEFORE && after.length <= ROOM_AFTER) {
		const body = Buffer.from(bytes.buffer, bytes.byteOffset - before.length, before.length + bytes.length + after.length);
		before.copy(body, 0);
		after.copy(body, before.length + bytes.length);
		return { body, contentType };
	}
	return { body: Buffer.concat([before, bytes, after]), contentType };
}
