/**
 * Reads multipart/form-data the way servers do, with busboy (the parser behind most Node servers):
 * the sandbox, the PicWish double and the tests read the node's uploads with it, so a framing
 * mistake in the node (a missing CRLF, a badly quoted file name) shows up as it would at PicWish.
 */
import busboy from 'busboy';

export interface Part {
	/** A file part's name as sent (no path stripped); undefined for a plain field. */
	filename?: string;
	contentType?: string;
	body: Buffer;
}

/** Splits a multipart body into its parts: name → { filename, contentType, body }. */
export async function parseMultipart(
	contentType: string,
	body: Buffer,
): Promise<Record<string, Part>> {
	return await new Promise((resolve, reject) => {
		const parts: Record<string, Part> = {};
		const parser = busboy({
			headers: { 'content-type': contentType },
			preservePath: true,
			defCharset: 'utf8',
			defParamCharset: 'utf8',
			limits: { fieldSize: 1024 * 1024 },
		});
		parser.on('field', (name, value) => {
			parts[name] = { body: Buffer.from(value, 'utf8') };
		});
		parser.on('file', (name, stream, info) => {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				parts[name] = {
					filename: info.filename,
					contentType: info.mimeType,
					body: Buffer.concat(chunks),
				};
			});
		});
		parser.on('close', () => resolve(parts));
		parser.on('error', reject);
		parser.end(body);
	});
}
