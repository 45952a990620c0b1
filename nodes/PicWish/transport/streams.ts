import type { IExecuteFunctions } from 'n8n-workflow';

/** The stream n8n's binary helpers take (Node.js Readable), named without importing node:stream. */
export type BinaryStream = Exclude<
	Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0],
	Buffer
>;

/**
 * The first `bytes` bytes of a paused stream (all of it if shorter), put back at once, so whoever
 * consumes the stream next still gets the whole body. Rejects if the stream fails first.
 */
export async function peekStream(stream: BinaryStream, bytes: number): Promise<Buffer> {
	if (stream.readableEnded) return Buffer.alloc(0);
	return await new Promise<Buffer>((resolve, reject) => {
		const finish = (head?: Buffer, error?: Error) => {
			stream.off('readable', onReadable);
			stream.off('end', onEnd);
			stream.off('close', onEnd);
			stream.off('error', onError);
			if (error) reject(error);
			else resolve(head ?? Buffer.alloc(0));
		};
		// read(n) gives n bytes, or what is left once the stream has ended, or null (wait for more).
		// The listener stays for the whole peek: each new 'readable' listener fires at once while data
		// is buffered, so re-adding it would spin.
		const onReadable = () => {
			const head = stream.read(bytes) as Buffer | null;
			if (head === null) return;
			// Put back before the stream can emit 'end' (it would on the next tick once empty).
			stream.unshift(head);
			finish(head);
		};
		const onEnd = () => finish();
		const onError = (error: Error) => finish(undefined, error);
		stream.on('readable', onReadable);
		stream.on('end', onEnd);
		stream.on('close', onEnd);
		stream.on('error', onError);
	});
}
