import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ImageSource, PicWishClient } from '../transport';
import { itemLabel } from './errors';
import { inspectImage, UPLOAD_LIMITS } from './image';

export interface ReadSource {
	source: ImageSource;
	/** File name without extension, for the default output file name. */
	baseName: string;
	/** Size of an uploaded file in bytes (0 for a URL). */
	bytes: number;
	/** Gives the file's share of the transfer budget back: call once PicWish has answered the create. */
	release: () => void;
}

/** Strips the extension and any path from a file name. */
export function baseNameOf(fileName: string): string {
	const last = fileName.split(/[\\/]/).pop() ?? '';
	const dot = last.lastIndexOf('.');
	return (dot > 0 ? last.slice(0, dot) : last) || 'image';
}

/** A binary's size without reading it: n8n's byte count, the inline data's length, or the maximum. */
export function declaredSize(binary: IBinaryData): number {
	if (typeof binary.bytes === 'number' && binary.bytes >= 0) return binary.bytes;
	if (!binary.id && typeof binary.data === 'string') return Math.floor((binary.data.length * 3) / 4);
	return UPLOAD_LIMITS.maxBytes;
}

/** Reads the item's image from a binary property or a URL, checked as PicWish will check it. */
export async function readImageSource(
	ctx: IExecuteFunctions,
	client: PicWishClient,
	itemIndex: number,
): Promise<ReadSource> {
	const inputType = ctx.getNodeParameter('inputType', itemIndex) as 'binary' | 'url';
	return inputType === 'url' ? readUrl(ctx, itemIndex) : await readBinary(ctx, client, itemIndex);
}

async function readBinary(ctx: IExecuteFunctions, client: PicWishClient, itemIndex: number): Promise<ReadSource> {
	const node = ctx.getNode();
	const propertyName = String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	if (!propertyName) {
		throw new NodeOperationError(node, `"Input Binary Field" is empty ${itemLabel(itemIndex)}`, {
			itemIndex,
			description: 'Enter the name of the binary property that holds the image, usually "data".',
		});
	}
	const binaries = ctx.getInputData()[itemIndex]?.binary ?? {};
	const binary = binaries[propertyName];
	if (!binary) {
		const present = Object.keys(binaries);
		throw new NodeOperationError(
			node,
			`This item has no binary property "${propertyName}" ${itemLabel(itemIndex)}`,
			{
				itemIndex,
				description: present.length
					? `The item has these binary properties: ${present.map((name) => `"${name}"`).join(', ')}. Set "Input Binary Field" to the one that holds the image.`
					: 'The item has no binary data at all. Connect a node that outputs a file (Read/Write Files from Disk, HTTP Request with response format File, Google Drive Download…), or switch "Input Type" to Image URL.',
			},
		);
	}

	const release = await client.transfers.reserve(declaredSize(binary), client.run, itemIndex);
	let handedOver = false;
	try {
		const bytes = await ctx.helpers.getBinaryDataBuffer(itemIndex, propertyName);
		const check = inspectImage(bytes);
		const fileName = binary.fileName ?? `image.${check.type?.extension ?? 'jpg'}`;
		if (!check.ok) {
			throw new NodeOperationError(
				node,
				`The file "${fileName}" in "${propertyName}" ${check.problem} ${itemLabel(itemIndex)}`,
				{ itemIndex, description: check.fix },
			);
		}
		// The MIME type PicWish sees is the real one, whatever the upstream node guessed. The Blob is
		// the one copy kept; the buffer is dropped here.
		const mimeType = check.type.mimeType;
		handedOver = true;
		return {
			source: { kind: 'binary', file: { blob: new Blob([bytes], { type: mimeType }), fileName, mimeType } },
			baseName: baseNameOf(fileName),
			bytes: bytes.length,
			release,
		};
	} finally {
		// A file that fails its checks gives its share back at once.
		if (!handedOver) release();
	}
}

function readUrl(ctx: IExecuteFunctions, itemIndex: number): ReadSource {
	const node = ctx.getNode();
	const raw = String(ctx.getNodeParameter('imageUrl', itemIndex, '') ?? '').trim();
	const fail = (problem: string, description: string) =>
		new NodeOperationError(node, `${problem} ${itemLabel(itemIndex)}`, { itemIndex, description });
	if (!raw) {
		throw fail(
			'"Image URL" is empty',
			'Enter the public http(s) address of a JPG, PNG or BMP image, or an expression such as {{ $json.imageUrl }} that gives one.',
		);
	}
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw fail(
			`"${raw.slice(0, 200)}" is not a valid URL`,
			'Enter a complete address that starts with https:// or http://, for example https://example.com/photo.jpg.',
		);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw fail(
			`The image URL must use http or https, not "${url.protocol.replace(/:$/, '')}"`,
			'PicWish downloads the image from the internet itself, so it needs a public http(s) address. For a local file, read it into binary data and set "Input Type" to Binary File.',
		);
	}
	// URL.href percent-encodes spaces and non-ASCII characters, as the API asks.
	const lastSegment = url.pathname.split('/').filter(Boolean).pop() ?? '';
	let decoded = lastSegment;
	try {
		decoded = decodeURIComponent(lastSegment);
	} catch {
		// A malformed escape: keep the segment as it is.
	}
	return { source: { kind: 'url', url: url.href }, baseName: baseNameOf(decoded), bytes: 0, release: () => {} };
}
