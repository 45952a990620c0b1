/**
 * The node frames its uploads itself (one copy of the file, no runtime dependency). These tests read
 * its bodies with busboy, the parser behind most Node servers, and compare them with what form-data,
 * the reference encoder, makes of the same fields: a framing mistake fails here, not at PicWish.
 */
import fc from 'fast-check';
import FormData from 'form-data';

import {
	formBody,
	frameMultipart,
	streamedUpload,
} from '../../../../nodes/PicWish/transport/multipart';
import { makePng } from '../../../support/images';
import { parseMultipart, type Part } from '../../../support/multipart';

/** Everything a streamed body hands over, in order. */
async function drain(body: ReturnType<typeof streamedUpload>): Promise<Buffer[]> {
	const chunks: Buffer[] = [];
	for await (const chunk of body.stream()) chunks.push(chunk);
	return chunks;
}

/** The node's body for a file upload, as the node sends it: streamed. */
async function nodeFileBody(
	fileName: string,
	bytes: Buffer,
	fields: Record<string, string> = { sync: '1' },
) {
	const frame = frameMultipart(fields, { name: 'file', fileName, mimeType: 'image/png' });
	const body = streamedUpload(frame, bytes, () => {});
	return { body: Buffer.concat(await drain(body)), contentType: body.type };
}

/** The node's body for fields alone (a URL create), streamed as the node sends it; `sent` once drained. */
async function nodeFieldsBody(fields: Record<string, string>) {
	let sent = false;
	const { contentType, data } = formBody(fields, [], () => (sent = true));
	expect(sent).toBe(false);
	const body = Buffer.concat(await drain(data));
	expect(sent).toBe(true);
	return { body, contentType };
}

/** form-data's body for the same fields. */
function referenceBody(
	fields: Record<string, string>,
	file?: { fileName: string; bytes: Buffer; mimeType: string },
) {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	if (file)
		form.append('file', file.bytes, { filename: file.fileName, contentType: file.mimeType });
	return { body: form.getBuffer(), contentType: form.getHeaders()['content-type'] as string };
}

/** What a server sees: each part's name, file name, type and bytes. */
const seen = (parts: Record<string, Part>) =>
	Object.fromEntries(
		Object.entries(parts)
			.sort(([a], [b]) => a.localeCompare(b))
			.map(([name, part]) => [
				name,
				{ filename: part.filename, contentType: part.contentType, hex: part.body.toString('hex') },
			]),
	);

/** How browsers (and the node) write a file name into the header: quotes and control characters percent-escaped. */
const escapedName = (name: string) =>
	[...name]
		.map((char) =>
			char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f || char === '"'
				? `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
				: char,
		)
		.join('');

describe('multipart bodies, as a server reads them (busboy)', () => {
	it('carries the fields and the file byte for byte', async () => {
		const image = makePng(40, 30);
		const { body, contentType } = await nodeFileBody('shop photo.png', image);
		const parts = await parseMultipart(contentType, body);
		expect(parts.sync).toEqual({ body: Buffer.from('1') });
		expect(parts.file.filename).toBe('shop photo.png');
		expect(parts.file.contentType).toBe('image/png');
		expect(parts.file.body.equals(image)).toBe(true);
	});

	it.each([
		['spaces', 'summer dress – front view.png', 'summer dress – front view.png'],
		['non-ASCII letters', 'Größe_东京_çà.png', 'Größe_东京_çà.png'],
		['an emoji', '👗 dress.png', '👗 dress.png'],
		['quotes', 'the "best" shoe.png', 'the %22best%22 shoe.png'],
		['a backslash and an apostrophe', "C:\\shop\\l'été.png", "C:\\shop\\l'été.png"],
		['semicolons and equals signs', 'a;filename="b.png"', 'a;filename=%22b.png%22'],
		['line breaks (no header can be injected)', 'a\r\nX-Evil: 1.png', 'a%0D%0AX-Evil: 1.png'],
		['a tab and a NUL (a header may carry neither)', 'a\tb\u0000c.png', 'a%09b%00c.png'],
	])('keeps a file name with %s', async (_what, fileName, expected) => {
		const image = makePng(20, 20);
		const { body, contentType } = await nodeFileBody(fileName, image);
		const parts = await parseMultipart(contentType, body);
		expect(parts.file.filename).toBe(expected);
		expect(parts.file.body.equals(image)).toBe(true);
		expect(body.toString('latin1')).not.toMatch(/\r\nX-Evil/);
	});

	it('carries a 50 MB file whole', async () => {
		const bytes = Buffer.alloc(50 * 1024 * 1024);
		for (let i = 0; i < bytes.length; i += 4096) bytes.writeUInt32BE(i, i);
		const { body, contentType } = await nodeFileBody('poster.png', bytes);
		const parts = await parseMultipart(contentType, body);
		expect(parts.file.body.length).toBe(bytes.length);
		expect(parts.file.body.equals(bytes)).toBe(true);
	});

	it('streams the file in slices of its own buffer (no copy), says when the last byte is out, then lets it go', async () => {
		const image = Buffer.alloc(200 * 1024, 7);
		const frame = frameMultipart(
			{ sync: '1' },
			{ name: 'file', fileName: 'a.png', mimeType: 'image/png' },
		);
		let sentAfter = -1;
		const chunks: Buffer[] = [];
		const body = streamedUpload(frame, image, () => (sentAfter = chunks.length));
		expect(body.size).toBe(frame.head.length + image.length + frame.tail.length);
		expect(Object.prototype.toString.call(body)).toBe('[object Blob]');
		for await (const chunk of body.stream()) chunks.push(chunk);
		expect(
			chunks
				.slice(1, -1)
				.every((chunk) => chunk.buffer === image.buffer && chunk.length <= 64 * 1024),
		).toBe(true);
		expect(sentAfter).toBe(chunks.length);
		expect(Buffer.concat(chunks).length).toBe(body.size);
		await expect(drain(body)).rejects.toThrow('The upload was already sent');
	});

	// Streamed too, so the pacer counts it from when it really goes out, not from when its turn came.
	it('sends a URL as a plain field, with a fresh boundary each time, and says when it is out', async () => {
		const first = await nodeFieldsBody({ sync: '0', url: 'https://example.com/a%20b.jpg' });
		const second = await nodeFieldsBody({ sync: '0', url: 'https://example.com/a%20b.jpg' });
		expect(seen(await parseMultipart(first.contentType, first.body))).toEqual({
			sync: { hex: Buffer.from('0').toString('hex') },
			url: { hex: Buffer.from('https://example.com/a%20b.jpg').toString('hex') },
		});
		expect(first.contentType).not.toBe(second.contentType);
	});

	// Never empty (tasks/input.ts names a nameless file): a server reads an empty file name as a text field.
	it('property: any file name and any bytes come back as sent (the name escaped as browsers do)', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
				fc.uint8Array({ maxLength: 3000 }),
				async (raw, bytes) => {
					// Lone surrogates cannot be written as UTF-8: a file name never carries them.
					const fileName = raw.replace(/[\uD800-\uDFFF]/gu, '\uFFFD');
					const { body, contentType } = await nodeFileBody(fileName, Buffer.from(bytes));
					const parts = await parseMultipart(contentType, body);
					expect(parts.file.filename).toBe(escapedName(fileName));
					expect(parts.file.body.equals(Buffer.from(bytes))).toBe(true);
					expect(parts.sync.body.toString()).toBe('1');
				},
			),
			{ numRuns: 300 },
		);
	});
});

describe('the same as form-data, the reference encoder', () => {
	it('a file upload: the same fields, file name, type and bytes', async () => {
		const image = makePng(33, 21);
		const file = { fileName: 'Größe photo.png', bytes: image, mimeType: 'image/png' };
		const node = await nodeFileBody(file.fileName, image);
		const reference = referenceBody({ sync: '1' }, file);
		expect(seen(await parseMultipart(node.contentType, node.body))).toEqual(
			seen(await parseMultipart(reference.contentType, reference.body)),
		);
	});

	it('a URL: the same fields', async () => {
		const fields = { sync: '0', url: 'https://example.com/sommer%20kleid.jpg?x=1&y=2' };
		const node = await nodeFieldsBody(fields);
		const reference = referenceBody(fields);
		expect(seen(await parseMultipart(node.contentType, node.body))).toEqual(
			seen(await parseMultipart(reference.contentType, reference.body)),
		);
	});

	it('property: for file names both can write (no quotes, controls or path separators) and any bytes, the same parts', async () => {
		const nameChar = fc.constantFrom(...'abcXYZ019 -_.()éü东😀');
		await fc.assert(
			fc.asyncProperty(
				fc
					.string({ unit: nameChar, minLength: 1, maxLength: 30 })
					.filter((name) => name.trim() !== '' && !/^\.+$/.test(name)),
				fc.uint8Array({ maxLength: 2000 }),
				fc.constantFrom('0', '1'),
				async (fileName, bytes, sync) => {
					const node = await nodeFileBody(fileName, Buffer.from(bytes), { sync });
					const reference = referenceBody(
						{ sync },
						{ fileName, bytes: Buffer.from(bytes), mimeType: 'image/png' },
					);
					expect(seen(await parseMultipart(node.contentType, node.body))).toEqual(
						seen(await parseMultipart(reference.contentType, reference.body)),
					);
				},
			),
			{ numRuns: 200 },
		);
	});
});
