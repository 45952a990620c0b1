/** A small multipart/form-data parser, enough for the PicWish create request. */

export interface Part {
	filename?: string;
	contentType?: string;
	body: Buffer;
}

/** Splits a multipart body into its parts: name → { filename, contentType, body }. */
export function parseMultipart(
	contentType: string,
	body: Buffer,
): Record<string, Part> {
	const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
	if (!boundary) throw new Error(`not multipart: ${contentType}`);
	const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
	const parts: Record<string, Part> = {};
	let start = body.indexOf(delimiter);
	while (start !== -1) {
		const next = body.indexOf(delimiter, start + delimiter.length);
		if (next === -1) break;
		const part = body.subarray(start + delimiter.length + 2, next - 2);
		const split = part.indexOf('\r\n\r\n');
		const head = part.subarray(0, split).toString('utf8');
		const content = part.subarray(split + 4);
		const name = /name="([^"]*)"/.exec(head)?.[1] ?? '';
		parts[name] = {
			filename: /filename="([^"]*)"/.exec(head)?.[1],
			contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1],
			body: content,
		};
		start = next;
	}
	return parts;
}
