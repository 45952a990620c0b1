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

/** The multipart framing around the one file: what goes before its bytes and after them. */
export interface MultipartFrame {
	contentType: string;
	head: Buffer;
	tail: Buffer;
}

/** A request body shaped like a Blob: n8n's HTTP client (axios) sends a Blob by reading its stream(). */
export interface StreamedBody {
	readonly size: number;
	readonly type: string;
	stream(): AsyncGenerator<Buffer>;
	readonly [Symbol.toStringTag]: 'Blob';
}

/** How much of a file one chunk of a streamed body carries. */
const CHUNK_BYTES = 64 * 1024;

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

/** The framing of multipart/form-data with plain fields and, last, at most one file. */
export function frameMultipart(fields: Record<string, string>, file?: { name: string; fileName: string; mimeType: string }): MultipartFrame {
	const boundary = `----n8nPicWish${randomString(24)}`;
	let head = '';
	for (const [name, value] of Object.entries(fields)) {
		head += `--${boundary}\r\nContent-Disposition: form-data; name=${quoted(name)}\r\n\r\n${value}\r\n`;
	}
	const contentType = `multipart/form-data; boundary=${boundary}`;
	if (!file) return { contentType, head: Buffer.from(head, 'utf8'), tail: Buffer.from(`--${boundary}--\r\n`, 'utf8') };
	head +=
		`--${boundary}\r\nContent-Disposition: form-data; name=${quoted(file.name)}; filename=${quoted(file.fileName)}\r\n` +
		`Content-Type: ${file.mimeType}\r\n\r\n`;
	return { contentType, head: Buffer.from(head, 'utf8'), tail: Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8') };
}

/** Encodes multipart/form-data into one Buffer (fields only, as a URL create sends them; or a file, for tests). */
export function encodeMultipart(fields: Record<string, string>, file?: { name: string } & MultipartFile): MultipartBody {
	const { contentType, head, tail } = frameMultipart(fields, file);
	return { body: Buffer.concat(file ? [head, file.bytes, tail] : [head, tail]), contentType };
}

/**
 * A file upload as a body that hands its bytes over as the socket asks for them, in slices of the
 * file's own buffer (no copy). Once the last byte is out, `onSent` runs and the body lets go of
 * the file: a synchronous create then holds no image while PicWish processes it.
 */
export function streamedUpload(frame: MultipartFrame, bytes: Buffer, onSent: () => void): StreamedBody {
	let file: Buffer | undefined = bytes;
	return {
		size: frame.head.length + bytes.length + frame.tail.length,
		type: frame.contentType,
		[Symbol.toStringTag]: 'Blob',
		async *stream() {
			const content = file;
			if (!content) throw new Error('The upload was already sent');
			yield frame.head;
			for (let offset = 0; offset < content.length; offset += CHUNK_BYTES) {
				yield content.subarray(offset, offset + CHUNK_BYTES);
			}
			yield frame.tail;
			file = undefined;
			onSent();
		},
	};
}

/**
 * A request's form body: fields alone as one small Buffer, or with a file, streamed (`onSent` runs
 * once its last byte is out).
 */
export function formBody(
	fields: Record<string, string>,
	file: ({ name: string } & MultipartFile) | undefined,
	onSent: () => void,
): { contentType: string; data: Buffer | StreamedBody } {
	if (!file) {
		const { contentType, body } = encodeMultipart(fields);
		return { contentType, data: body };
	}
	const frame = frameMultipart(fields, file);
	return { contentType: frame.contentType, data: streamedUpload(frame, file.bytes, onSent) };
}
