/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
import { PassThrough, Readable } from 'node:stream';

import { peekStream } from '../../../../nodes/PicWish/transport/streams';

async function readAll(stream: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

describe('peekStream', () => {
	const body = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 251));

	it('returns the first bytes and leaves the whole body for the next reader', async () => {
		const stream = Readable.from(
			[body.subarray(0, 100), body.subarray(100, 700), body.subarray(700)],
			{ objectMode: false },
		);
		const head = await peekStream(stream, 512);
		expect(head.equals(body.subarray(0, 512))).toBe(true);
		expect((await readAll(stream)).equals(body)).toBe(true);
	});

	it('returns a body shorter than asked whole, and it can still be read', async () => {
		const stream = Readable.from([body.subarray(0, 40)], { objectMode: false });
		expect((await peekStream(stream, 512)).length).toBe(40);
		expect((await readAll(stream)).equals(body.subarray(0, 40))).toBe(true);
	});

	it('returns nothing for an empty body', async () => {
		const stream = Readable.from([], { objectMode: false });
		expect((await peekStream(stream, 512)).length).toBe(0);
	});

	it('waits for a body that trickles in byte by byte', async () => {
		const stream = new PassThrough();
		const peeked = peekStream(stream, 8);
		for (const byte of body.subarray(0, 20)) {
			stream.write(Buffer.from([byte]));
			await new Promise((resolve) => setImmediate(resolve));
		}
		stream.end();
		expect((await peeked).equals(body.subarray(0, 8))).toBe(true);
		expect((await readAll(stream)).equals(body.subarray(0, 20))).toBe(true);
	});

	it('rejects when the stream fails before enough has come', async () => {
		const stream = new PassThrough();
		const peeked = peekStream(stream, 512);
		stream.write(Buffer.from('abc'));
		stream.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
		await expect(peeked).rejects.toThrow('aborted');
	});
});
