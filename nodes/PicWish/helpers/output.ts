import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { type PicWishClient, type ResultDownload, type TaskData, UNKNOWN_RESULT_BYTES } from '../transport';
import { withTaskId } from './errors';
import { sniffFileType } from './image';
import { describeState, stateNumber } from './states';

/** Result URLs are signed for one hour (vendor docs). */
export const RESULT_URL_TTL_MS = 60 * 60 * 1000;

export interface ResultOptions {
	resultAs?: 'binary' | 'url';
	outputBinaryPropertyName?: string;
	outputFileName?: string;
}

const EXTENSION_BY_MIME: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/jpg': 'jpg',
	'image/png': 'png',
	'image/bmp': 'bmp',
	'image/webp': 'webp',
	'image/gif': 'gif',
	'image/tiff': 'tiff',
};

/** Timestamps come as Unix seconds (number or digits) or as date strings; returns ms or undefined. */
export function toEpochMs(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value) && value > 0)
		return value < 1e12 ? value * 1000 : value;
	if (typeof value === 'string' && value.trim()) {
		if (/^\d+(\.\d+)?$/.test(value.trim())) return toEpochMs(Number(value));
		const parsed = Date.parse(value);
		return Number.isNaN(parsed) ? undefined : parsed;
	}
	return undefined;
}

/** When a signed result URL stops working: from its signature if it says, else completion + 1 h. */
export function resultUrlExpiry(task: TaskData, receivedAt: number): number {
	try {
		const params = new URL(String(task.file)).searchParams;
		const expires = Number(params.get('Expires'));
		if (Number.isFinite(expires) && expires > 1e9) return expires * 1000;
		const signedAt = params.get('x-oss-date');
		const lifetime = Number(params.get('x-oss-expires'));
		const match = signedAt && /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(signedAt);
		if (match && Number.isFinite(lifetime) && lifetime > 0) {
			const [, y, mo, d, h, mi, s] = match.map(Number);
			return Date.UTC(y, mo - 1, d, h, mi, s) + lifetime * 1000;
		}
	} catch {
		// Not a URL we can read: fall back to the documented lifetime.
	}
	return (toEpochMs(task.completed_at) ?? receivedAt) + RESULT_URL_TTL_MS;
}

/** The API's `data` fields under their own names, plus readable derived fields. */
export function taskJson(task: TaskData, receivedAt = Date.now()): IDataObject {
	const json: IDataObject = { ...task };
	const state = stateNumber(task.state);
	if (Number.isFinite(state)) {
		const info = describeState(state);
		json.stateName = info.name;
		json.taskStatus = info.status;
	}
	if (typeof task.file === 'string' && task.file) {
		json.resultUrlExpiresAt = new Date(resultUrlExpiry(task, receivedAt)).toISOString();
	}
	return json;
}

/** The result's type from Content-Type, then its first bytes; refuses anything that is not an image. */
function resultType(
	ctx: IExecuteFunctions,
	itemIndex: number,
	download: ResultDownload,
	taskId?: string,
): { mimeType: string; extension: string } {
	const sniffed = sniffFileType(download.head);
	const declared = download.contentType?.split(';')[0].trim().toLowerCase();
	const notAnImage = !download.head.length || (sniffed && !sniffed.mimeType.startsWith('image/'));
	if (!notAnImage && declared?.startsWith('image/'))
		return { mimeType: declared, extension: EXTENSION_BY_MIME[declared] ?? sniffed?.extension ?? declared.slice(6) };
	if (!notAnImage && sniffed) return { mimeType: sniffed.mimeType, extension: sniffed.extension };
	const what = !download.head.length ? 'an empty file' : sniffed ? sniffed.noun : `"${declared ?? 'unknown'}" data`;
	throw withTaskId(
		new NodeOperationError(ctx.getNode(), `The result URL returned ${what} instead of an image`, {
			itemIndex,
			description:
				'The signed result URL may have expired (they are valid for 1 hour) or the storage returned an error page. Run Get Task with the task ID to fetch a fresh result, or create the task again.',
		}),
		taskId,
	);
}

export function resultFileName(requested: string | undefined, baseName: string, extension: string): string {
	const name = requested?.trim();
	if (!name) return `${baseName}.${extension}`;
	return /\.[A-Za-z0-9]{2,5}$/.test(name) ? name : `${name}.${extension}`;
}

/**
 * Builds the output item: the task's JSON, and for a completed task with "Result As: Binary" the
 * downloaded image in the output binary property.
 */
export async function buildResultItem(
	ctx: IExecuteFunctions,
	client: PicWishClient,
	itemIndex: number,
	task: TaskData,
	options: ResultOptions,
	baseName: string,
	/** Size of the input, when known: the result is about as large. */
	expectedBytes = 0,
): Promise<INodeExecutionData> {
	const json = taskJson(task);
	const item: INodeExecutionData = { json, pairedItem: { item: itemIndex } };
	if (json.taskStatus !== 'completed' || (options.resultAs ?? 'binary') !== 'binary') return item;

	const release = await client.transfers.reserve(expectedBytes || UNKNOWN_RESULT_BYTES, client.run, itemIndex);
	try {
		// Streamed into n8n's binary store: on disk (filesystem mode) the image never sits in memory.
		const binary: IBinaryData = await client.downloadResult(itemIndex, String(task.file), task.task_id, async (download) => {
			const { mimeType, extension } = resultType(ctx, itemIndex, download, task.task_id);
			const fileName = resultFileName(options.outputFileName, baseName, extension);
			return await ctx.helpers.prepareBinaryData(download.stream, fileName, mimeType);
		});
		const property = options.outputBinaryPropertyName?.trim() || 'data';
		item.binary = { [property]: binary };
		return item;
	} finally {
		release();
	}
}
