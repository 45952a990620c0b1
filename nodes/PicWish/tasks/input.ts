/**
 * Reads an item's image, from a binary property or a URL, checked as PicWish will check it, and
 * creates its task. A file is read once, into a buffer with room for the multipart framing.
 */
import { createHash } from 'node:crypto';

import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { itemLabel } from '../helpers/errors';
import { baseNameOf } from '../helpers/files';
import { inspectInput } from '../helpers/document';
import { type FileType, type ImageLimits, UPLOAD_LIMITS } from '../helpers/image';
import { parseHttpUrl } from '../helpers/urls';
import type { RunScheduler } from '../scheduling';
import type { OpenedFile, UploadFile } from '../transport';
import { heldFile, readAgain, readFileBytes, reservedSizeOf } from './binaryFile';

/** A file to upload, without its form field (the resource names that). */
type ImageFile = Omit<UploadFile, 'field'>;

export type ImageSource = { kind: 'binary'; file: ImageFile } | { kind: 'url'; url: string };

/** What is known of an input image before it is sent: a file's type and size; nothing of a URL's. */
export type InputImage =
	| { kind: 'url' }
	| { kind: 'binary'; type: FileType; width: number; height: number }
	| { kind: 'document'; type: FileType };

export interface ReadSource {
	source: ImageSource;
	image: InputImage;
	/** What makes two inputs the same image: a SHA-256 of a file's bytes, or a URL exactly as sent. */
	sameness: string;
	/** File name without extension, for the default output file name. */
	baseName: string;
	/** Size of an uploaded file in bytes (0 for a URL). */
	sizeBytes: number;
	/** Lets go of the file if no attempt took it: call once the create is done, however it ended. */
	release: () => void;
}

/** The parameters that name an image: the input image's, or a mask's. */
export interface ImageParameters {
	/** The parameter with the binary property's name, and its label. */
	binaryProperty: { name: string; label: string };
	/** The parameter with the image's URL, and its label. */
	url: { name: string; label: string };
}

const INPUT_IMAGE: ImageParameters = {
	binaryProperty: { name: 'binaryPropertyName', label: 'Input Binary Field' },
	url: { name: 'imageUrl', label: 'Image URL' },
};

/** A document is not an image: its URL parameter says so (Document OCR). */
const INPUT_DOCUMENT: ImageParameters = {
	...INPUT_IMAGE,
	url: { name: 'fileUrl', label: 'File URL' },
};

/** What the input of an API with these limits is called, alone and with its article. */
export const inputNoun = (limits: ImageLimits): { noun: string; withArticle: string } =>
	limits.documents
		? { noun: 'file', withArticle: 'a file' }
		: { noun: 'image', withArticle: 'an image' };

/** The parameters that name the input of an API with these limits. */
export const inputParameters = (limits: ImageLimits): ImageParameters =>
	limits.documents ? INPUT_DOCUMENT : INPUT_IMAGE;

/** Reads the item's image from a binary property or a URL, checked as the resource's API will check it. */
export async function readImageSource(
	ctx: IExecuteFunctions,
	scheduler: RunScheduler,
	itemIndex: number,
	limits: ImageLimits = UPLOAD_LIMITS,
): Promise<ReadSource> {
	const inputType = ctx.getNodeParameter('inputType', itemIndex) as 'binary' | 'url';
	const parameters = inputParameters(limits);
	return inputType === 'url'
		? readImageUrl(ctx, itemIndex, parameters, limits)
		: await readBinaryImage(ctx, scheduler, itemIndex, parameters, limits);
}

/** Reads an image (the input, or a mask) from the binary property a parameter names. */
export async function readBinaryImage(
	ctx: IExecuteFunctions,
	scheduler: RunScheduler,
	itemIndex: number,
	parameters: ImageParameters,
	limits: ImageLimits,
	/** A further image of the item (a mask), read while the item holds its input's share. */
	{ beside = false } = {},
): Promise<ReadSource> {
	const node = ctx.getNode();
	const label = parameters.binaryProperty.label;
	const propertyName = String(
		ctx.getNodeParameter(parameters.binaryProperty.name, itemIndex, 'data'),
	).trim();
	if (!propertyName) {
		throw new NodeOperationError(node, `"${label}" is empty ${itemLabel(itemIndex)}`, {
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
					? `The item has these binary properties: ${present.map((name) => `"${name}"`).join(', ')}. Set "${label}" to the one that holds the image.`
					: 'The item has no binary data at all. Connect a node that outputs a file (Read/Write Files from Disk, HTTP Request with response format File, Google Drive Download…), or switch "Input Type" to Image URL.',
			},
		);
	}

	const release = await scheduler.transfers.reserve(
		reservedSizeOf(binary),
		scheduler.run,
		itemIndex,
		{ beside },
	);
	let handedOver = false;
	try {
		const read = await readFileBytes(ctx, itemIndex, propertyName, binary, limits);
		const check = Buffer.isBuffer(read) ? inspectInput(read, limits) : read;
		// Never empty: servers read a file part with an empty file name as a text field.
		const fileName = binary.fileName || `image.${check.type?.extension ?? 'jpg'}`;
		if (!check.ok) {
			throw new NodeOperationError(
				node,
				`The file "${fileName}" in "${propertyName}" ${check.problem} ${itemLabel(itemIndex)}`,
				{ itemIndex, description: check.fix },
			);
		}
		// Only bytes that were read can pass the checks. The MIME type PicWish sees is the real one,
		// whatever the upstream node guessed.
		const bytes = read as Buffer;
		// The closure below must not hold the bytes: only `first` does, until an attempt takes it.
		const sizeBytes = bytes.length;
		handedOver = true;
		let first: OpenedFile | undefined = heldFile(bytes, release);
		const file: ImageFile = {
			fileName,
			mimeType: check.type.mimeType,
			open: async () => {
				// The first attempt sends the bytes just checked; one after a 429 reads the file again.
				const opened =
					first ??
					(await readAgain(ctx, scheduler, itemIndex, {
						propertyName,
						binary,
						sizeBytes,
						limits,
						beside,
					}));
				first = undefined;
				return opened;
			},
		};
		const image: InputImage = check.document
			? { kind: 'document', type: check.type }
			: { kind: 'binary', type: check.type, width: check.width, height: check.height };
		// One pass over bytes already in memory: identical files make one task (Reuse Results).
		const sameness = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
		const letGo = () => {
			first?.release();
			// A later attempt reads the file again.
			first = undefined;
		};
		return {
			source: { kind: 'binary', file },
			image,
			sameness,
			baseName: baseNameOf(fileName),
			sizeBytes,
			release: letGo,
		};
	} finally {
		// A file that fails its checks gives its share back at once.
		if (!handedOver) release();
	}
}

/** Reads and checks an image URL (the input's, or a mask's) from the parameter that holds it. */
export function readImageUrl(
	ctx: IExecuteFunctions,
	itemIndex: number,
	parameters: ImageParameters,
	limits: ImageLimits,
): ReadSource {
	const node = ctx.getNode();
	const label = parameters.url.label;
	const raw = String(ctx.getNodeParameter(parameters.url.name, itemIndex, '') ?? '').trim();
	const fail = (problem: string, description: string) =>
		new NodeOperationError(node, `${problem} ${itemLabel(itemIndex)}`, { itemIndex, description });
	if (!raw) {
		throw fail(
			`"${label}" is empty`,
			`Enter the public http(s) address of a ${limits.formats} ${inputNoun(limits).noun}, or an expression such as {{ $json.${parameters.url.name} }} that gives one.`,
		);
	}
	const check = parseHttpUrl(raw);
	if (!check.ok && check.problem === 'invalid') {
		throw fail(
			`"${raw.slice(0, 200)}" is not a valid URL`,
			'Enter a complete address that starts with https:// or http://, for example https://example.com/photo.jpg.',
		);
	}
	if (!check.ok) {
		throw fail(
			`"${label}" must use http or https, not "${check.protocol}"`,
			'PicWish downloads the image from the internet itself, so it needs a public http(s) address. For a local file, read it into binary data and set "Input Type" to Binary File.',
		);
	}
	const { url } = check;
	// URL.href percent-encodes spaces and non-ASCII characters, as the API asks.
	if (limits.maxUrlLength && url.href.length > limits.maxUrlLength) {
		throw fail(
			`"${label}" is ${url.href.length} characters long; this PicWish API takes URLs of up to ${limits.maxUrlLength}`,
			'Use a shorter address (a link without long query parameters), or download the image first and send it as a binary file.',
		);
	}
	const lastSegment = url.pathname.split('/').filter(Boolean).pop() ?? '';
	let decoded = lastSegment;
	try {
		decoded = decodeURIComponent(lastSegment);
	} catch {
		// A malformed escape: keep the segment as it is.
	}
	return {
		source: { kind: 'url', url: url.href },
		image: { kind: 'url' },
		sameness: `url:${url.href}`,
		baseName: baseNameOf(decoded),
		sizeBytes: 0,
		release: () => {},
	};
}
