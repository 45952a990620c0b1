/**
 * A binary property's bytes for an upload: read once into a buffer of their own, within the run's
 * transfer budget, held until the upload has them, and read again for another attempt.
 */
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	type FailedInspection,
	type ImageLimits,
	inspectSize,
	UPLOAD_LIMITS,
} from '../helpers/image';
import type { RunScheduler } from '../scheduling';
import type { OpenedFile } from '../transport';

/**
 * A binary's exact size, when known without reading it: the inline base64's decoded length, or
 * n8n's byte count.
 */
function knownSize(binary: IBinaryData): number | undefined {
	if (!binary.id && typeof binary.data === 'string')
		return Buffer.byteLength(binary.data, 'base64');
	if (typeof binary.bytes === 'number' && binary.bytes >= 0) return binary.bytes;
	return undefined;
}

/** What a binary reserves of the transfer budget before it is read: its size, or the upload limit. */
export function reservedSizeOf(binary: IBinaryData): number {
	return knownSize(binary) ?? UPLOAD_LIMITS.maxBytes;
}

/** Bytes held for an upload, with their share of the transfer budget, until released (once). */
export function heldFile(bytes: Buffer, releaseBudget: () => void): OpenedFile {
	let released = false;
	const held: OpenedFile = {
		bytes,
		release: () => {
			if (released) return;
			released = true;
			releaseBudget();
			// Let the image go: the request that sent it may live on while PicWish processes it.
			held.bytes = EMPTY;
		},
	};
	return held;
}

const EMPTY = Buffer.alloc(0);

/** Reads a file again for another attempt (after a 429), within the transfer budget. */
export async function readAgain(
	ctx: IExecuteFunctions,
	scheduler: RunScheduler,
	itemIndex: number,
	{
		propertyName,
		binary,
		sizeBytes,
		limits,
		beside,
	}: {
		propertyName: string;
		binary: IBinaryData;
		sizeBytes: number;
		limits: ImageLimits;
		beside: boolean;
	},
): Promise<OpenedFile> {
	const release = await scheduler.transfers.reserve(sizeBytes, scheduler.run, itemIndex, {
		beside,
	});
	let held: OpenedFile | undefined;
	try {
		const read = await readFileBytes(ctx, itemIndex, propertyName, binary, limits);
		if (!Buffer.isBuffer(read))
			throw new NodeOperationError(ctx.getNode(), `The file in "${propertyName}" ${read.problem}`, {
				itemIndex,
			});
		held = heldFile(read, release);
		return held;
	} finally {
		if (!held) release();
	}
}

/**
 * The file's bytes, read once into a buffer of its own: decoded from n8n's inline base64, or
 * streamed from its binary store. A file whose size alone fails the checks is not read at all:
 * that failure is returned.
 */
export async function readFileBytes(
	ctx: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	binary: IBinaryData,
	limits: ImageLimits,
): Promise<Buffer | FailedInspection> {
	const inline = !binary.id && typeof binary.data === 'string' ? binary.data : undefined;
	const size =
		knownSize(binary) ??
		(binary.id ? (await ctx.helpers.getBinaryMetadata(binary.id)).fileSize : undefined);
	if (
		(inline === undefined && !binary.id) ||
		size === undefined ||
		!Number.isSafeInteger(size) ||
		size < 0
	) {
		return await ctx.helpers.getBinaryDataBuffer(itemIndex, propertyName);
	}
	const tooLarge = inspectSize(size, limits);
	if (tooLarge) return tooLarge;
	const bytes = Buffer.allocUnsafeSlow(size);
	let filled = 0;
	if (inline !== undefined) {
		filled = bytes.write(inline, 'base64');
	} else {
		for await (const chunk of await ctx.helpers.getBinaryStream(binary.id!)) {
			const data = chunk as Buffer;
			// The store holds more than it said: read it the plain way.
			if (filled + data.length > size)
				return await ctx.helpers.getBinaryDataBuffer(itemIndex, propertyName);
			data.copy(bytes, filled);
			filled += data.length;
		}
	}
	return filled === size ? bytes : bytes.subarray(0, filled);
}
