/** The output item: the task's JSON, and the cleaned image downloaded into n8n's binary store. */
import type { IBinaryData, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { markFailure, withTaskId } from '../helpers/errors';
import { extensionOf, resultFileName } from '../helpers/files';
import { sniffFileType } from '../helpers/image';
import { presentResults, type TaskData, taskJson } from '../helpers/task';
import { type ResultDownload, TIMEOUTS } from '../transport';
import { requestTimeoutMs, type RunContext } from './context';

/** What a download of unknown size reserves (a URL input, Get Task). */
const UNKNOWN_RESULT_BYTES = 8 * 1024 * 1024;

export interface ResultOptions {
	resultAs?: 'binary' | 'url';
	outputBinaryPropertyName?: string;
	outputFileName?: string;
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
		return {
			mimeType: declared,
			extension: extensionOf(declared) ?? sniffed?.extension ?? declared.slice(6),
		};
	if (!notAnImage && sniffed) return { mimeType: sniffed.mimeType, extension: sniffed.extension };
	const what = !download.head.length
		? 'an empty file'
		: sniffed
			? sniffed.noun
			: `"${declared ?? 'unknown'}" data`;
	throw markFailure(
		withTaskId(
			new NodeOperationError(ctx.getNode(), `The result URL returned ${what} instead of an image`, {
				itemIndex,
				description:
					'The signed result URL may have expired (they are valid for 1 hour) or the storage returned an error page. Run Get Task with the task ID to fetch a fresh result, or create the task again.',
			}),
			taskId,
		),
		'resultUnavailable',
	);
}

/** The name of a result: the input's name (or the one asked for) with the result's suffix. */
function resultName(
	requested: string | undefined,
	baseName: string,
	suffix: string | undefined,
	extension: string,
	main: boolean,
): string {
	const withSuffix = (name: string) => (suffix ? `${name}-${suffix}` : name);
	if (main) return resultFileName(requested, withSuffix(baseName), extension);
	// Further results (a mask) are named after the main one's requested name, without its extension.
	const requestedBase = requested?.trim().replace(/\.[A-Za-z0-9]{2,5}$/, '');
	return resultFileName(undefined, withSuffix(requestedBase || baseName), extension);
}

/**
 * Builds the output item: the task's JSON, and for a completed task with "Result As: Binary" the
 * downloaded images: the main result in the output binary property, others (a mask) in their own.
 */
export async function buildResultItem(
	ctx: IExecuteFunctions,
	{ api, scheduler, asTool, resource }: RunContext,
	itemIndex: number,
	task: TaskData,
	options: ResultOptions,
	baseName: string,
	/** Size of the input, when known: the result is about as large. */
	expectedBytes = 0,
): Promise<INodeExecutionData> {
	const results = presentResults(task, resource.results);
	const json = taskJson(task, results[0]?.url);
	const item: INodeExecutionData = { json, pairedItem: { item: itemIndex } };
	if (
		json.taskStatus !== 'completed' ||
		(options.resultAs ?? (asTool ? 'url' : 'binary')) !== 'binary'
	)
		return item;

	item.binary = {};
	for (const [index, result] of results.entries()) {
		const main = index === 0;
		const release = await scheduler.transfers.reserve(
			expectedBytes || UNKNOWN_RESULT_BYTES,
			scheduler.run,
			itemIndex,
		);
		try {
			// Streamed into n8n's binary store: on disk (filesystem mode) the image never sits in memory.
			const timeoutMs = requestTimeoutMs(ctx, itemIndex, TIMEOUTS.downloadMs);
			const binary: IBinaryData = await api.download(
				itemIndex,
				result.url,
				{ timeoutMs, taskId: task.task_id },
				async (download) => {
					const { mimeType, extension } = resultType(ctx, itemIndex, download, task.task_id);
					// A mask alone (no image asked for) is still named a mask.
					const suffix =
						result.field === resource.results[0].field
							? resource.wording.resultSuffix
							: result.suffix;
					return await ctx.helpers.prepareBinaryData(
						download.stream,
						resultName(options.outputFileName, baseName, suffix, extension, main),
						mimeType,
					);
				},
			);
			const property = main
				? options.outputBinaryPropertyName?.trim() || 'data'
				: (result.binaryProperty ?? result.field);
			item.binary[property] = binary;
		} finally {
			release();
		}
	}
	return item;
}
