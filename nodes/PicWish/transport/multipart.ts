import { randomString } from 'n8n-workflow';

interface MultipartFile {
	bytes: Buffer;
	fileName: string;
	mimeType: string;
}

/**
 * The multipart framing around the files: `pieces[i]` goes before file i, the last piece after the
 * last file (`head` and `tail` for the usual one file).
 */
interface MultipartFrame {
	contentType: string;
	pieces: Buffer[];
	head: Buffer;
	tail: Buffer;
}

/** A file part's header: its field name, file name and type. */
interface FramedFile {
	name: string;
	fileName: string;
	mimeType: string;
}

/** A request body shaped like a Blob: n8n's HTTP client (axios) sends a Blob by reading its stream(). */
interface StreamedBody {
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
		text +=
			code < 0x20 || code === 0x7f || char === '"'
				? `%${code.toString(16).toUpperCase().padStart(2, '0')}`
				: char;
	}
	return `"${text}"`;
}

/** The framing of multipart/form-data with plain fields and, last, the files (an image, and a mask). */
export function frameMultipart(
	fields: Record<string, string>,
	files: FramedFile | FramedFile[] = [],
): MultipartFrame {
	const boundary = `----n8nPicWish${randomString(24)}`;
	const list = Array.isArray(files) ? files : [files];
	let text = '';
	for (const [name, value] of Object.entries(fields)) {
		text += `--${boundary}\r\nContent-Disposition: form-data; name=${quoted(name)}\r\n\r\n${value}\r\n`;
	}
	const pieces: string[] = [];
	list.forEach((file, index) => {
		text +=
			`${index ? '\r\n' : ''}--${boundary}\r\nContent-Disposition: form-data; name=${quoted(file.name)}; filename=${quoted(file.fileName)}\r\n` +
			`Content-Type: ${file.mimeType}\r\n\r\n`;
		pieces.push(text);
		text = '';
	});
	pieces.push(`${list.length ? '\r\n' : ''}--${boundary}--\r\n`);
	if (!list.length) pieces[0] = text + pieces[0];
	const buffers = pieces.map((piece) => Buffer.from(piece, 'utf8'));
	return {
		contentType: `multipart/form-data; boundary=${boundary}`,
		pieces: buffers,
		head: buffers[0],
		tail: buffers[buffers.length - 1],
	};
}

/**
 * A file upload as a body that hands its bytes over as the socket asks for them, in slices of the
 * files' own buffers (no copy). Once the last byte is out, `onSent` runs and the body lets go of
 * the files: a synchronous create then holds no image while PicWish processes it.
 */
export function streamedUpload(
	frame: MultipartFrame,
	bytes: Buffer | Buffer[],
	onSent: () => void,
): StreamedBody {
	let files: Buffer[] | undefined = Array.isArray(bytes) ? bytes : [bytes];
	return {
		size:
			frame.pieces.reduce((sum, piece) => sum + piece.length, 0) +
			files.reduce((sum, file) => sum + file.length, 0),
		type: frame.contentType,
		[Symbol.toStringTag]: 'Blob',
		async *stream() {
			const contents = files;
			if (!contents) throw new Error('The upload was already sent');
			for (const [index, content] of contents.entries()) {
				yield frame.pieces[index];
				for (let offset = 0; offset < content.length; offset += CHUNK_BYTES) {
					yield content.subarray(offset, offset + CHUNK_BYTES);
				}
			}
			yield frame.pieces[contents.length];
			files = undefined;
			onSent();
		},
	};
}

/**
 * A request's form body, streamed (fields alone too): `onSent` runs once the last byte is handed to
 * the socket, which on a busy event loop is well after the turn was given. The pacer counts the
 * request from then, as the server does.
 */
export function formBody(
	fields: Record<string, string>,
	files: Array<FramedFile & MultipartFile>,
	onSent: () => void,
): { contentType: string; data: StreamedBody } {
	const frame = frameMultipart(fields, files);
	return {
		contentType: frame.contentType,
		data: streamedUpload(
			frame,
			files.map((file) => file.bytes),
			onSent,
		),
	};
}
