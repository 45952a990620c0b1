/**
 * The output items: the task's JSON, and its results downloaded into n8n's binary store — one
 * image, an image and its mask, several images (an item each), named masks and their archive, or
 * a document (its text in the JSON too, for plain text).
 */
import type { IBinaryData, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { documentTypeOf, sniffDocument } from '../helpers/document';
import { markFailure, withTaskId } from '../helpers/errors';
import { extensionOf, resultFileName } from '../helpers/files';
import { type FileType, sniffFileType } from '../helpers/image';
import { type PresentResult, presentResults, type TaskData, taskJson } from '../helpers/task';
import { type ResultDownload, TIMEOUTS } from '../transport';
import { type ResultField, requestTimeoutMs, type RunContext } from './context';

/** What a download of unknown size reserves (a URL input, Get Task). */
const UNKNOWN_RESULT_BYTES = 8 * 1024 * 1024;

/** Most text of a plain-text document put in the JSON (`text`); the file keeps all of it. */
const MAX_TEXT_BYTES = 10 * 1024 * 1024;

export interface ResultOptions {
	resultAs?: 'binary' | 'url';
	outputBinaryPropertyName?: string;
	outputFileName?: string;
}

type Result = PresentResult<ResultField>;

/** What a result is expected to be: an image, a document, the archive of a set of masks, or either of those two. */
type Expected = 'image' | 'document' | 'archive' | 'maskOrArchive';

/** Error pages are never a result, whatever was expected. */
const ERROR_PAGES = ['html', 'xml', 'json'];

/** The result's type from Content-Type, then its first bytes (or its URL); refuses what is not the expected kind. */
function resultType(
	ctx: IExecuteFunctions,
	itemIndex: number,
	download: ResultDownload,
	expected: Expected,
	url: string,
	taskId?: string,
): { mimeType: string; extension: string } {
	const sniffed = sniffFileType(download.head);
	const declared = download.contentType?.split(';')[0].trim().toLowerCase();
	const empty = !download.head.length;
	let found: Pick<FileType, 'mimeType' | 'extension'> | undefined;
	const image = expected === 'image' || expected === 'maskOrArchive';
	if (!empty && image && !(sniffed && !sniffed.mimeType.startsWith('image/'))) {
		if (declared?.startsWith('image/'))
			found = {
				mimeType: declared,
				extension: extensionOf(declared) ?? sniffed?.extension ?? declared.slice(6),
			};
		else if (sniffed) found = sniffed;
	}
	if (!empty && (expected === 'archive' || expected === 'maskOrArchive') && sniffed?.kind === 'zip')
		found = sniffed;
	// A plain-text document may look like JSON or markup; an error page says so in its type.
	const errorPage =
		sniffed && ERROR_PAGES.includes(sniffed.kind) && !declared?.startsWith('text/plain');
	if (!empty && expected === 'document' && !errorPage)
		found = documentTypeOf(declared, url) ??
			sniffDocument(download.head) ?? { mimeType: 'application/octet-stream', extension: 'bin' };
	if (found) return { mimeType: found.mimeType, extension: found.extension };
	const what = empty ? 'an empty file' : sniffed ? sniffed.noun : `"${declared ?? 'unknown'}" data`;
	const wanted = {
		image: 'an image',
		document: 'a document',
		archive: 'a ZIP archive',
		maskOrArchive: 'a mask or a ZIP archive',
	}[expected];
	throw markFailure(
		withTaskId(
			new NodeOperationError(
				ctx.getNode(),
				`The result URL returned ${what} instead of ${wanted}`,
				{
					itemIndex,
					description:
						'The signed result URL may have expired (they are valid for 1 hour) or the storage returned an error page. Run Get Task with the task ID to fetch a fresh result, or create the task again.',
				},
			),
			taskId,
		),
		'resultUnavailable',
	);
}

/** The name of a result file, after the input's name (or the one asked for). */
function resultName(
	requested: string | undefined,
	baseName: string,
	suffix: string | undefined,
	extension: string,
	main: boolean,
): string {
	const withSuffix = (name: string) => (suffix ? `${name}-${suffix}` : name);
	if (main) return resultFileName(requested, withSuffix(baseName), extension);
	// Further results (a mask, the second image) are named after the requested name, without its extension.
	const requestedBase = requested?.trim().replace(/\.[A-Za-z0-9]{2,5}$/, '');
	return resultFileName(undefined, withSuffix(requestedBase || baseName), extension);
}

/** A named result that is the archive of the others (its URL ends in .zip). */
function isArchive(result: Result): boolean {
	if (!result.archiveProperty) return false;
	try {
		return /\.zip$/i.test(new URL(result.url).pathname);
	} catch {
		return false;
	}
}

/** Where one result goes: its binary property, its name's suffix, whether it is the main one, what it must be. */
interface Place {
	property: string;
	suffix?: string;
	main: boolean;
	expected: Expected;
}

function placeOf(run: RunContext, result: Result, index: number, options: ResultOptions): Place {
	const { resource } = run;
	const output = options.outputBinaryPropertyName?.trim() || 'data';
	const resultSuffix = resource.wording.resultSuffix;
	if (result.named) {
		// A ZIP whose URL does not say so is known by its bytes (buildResultItems).
		const archive = isArchive(result);
		const property = archive ? result.archiveProperty! : result.name!;
		return {
			property,
			suffix: property,
			main: false,
			expected: archive ? 'archive' : result.archiveProperty ? 'maskOrArchive' : 'image',
		};
	}
	const expected: Expected = resource.resultKind === 'document' ? 'document' : 'image';
	if (result.numbered)
		return {
			property: output,
			suffix: [resultSuffix, String(result.index)].filter(Boolean).join('-'),
			main: false,
			expected,
		};
	const main = index === 0;
	// A mask alone (no image asked for) is still named a mask.
	const suffix = result.field === resource.results[0].field ? resultSuffix : result.suffix;
	return {
		property: main ? output : (result.binaryProperty ?? result.field),
		suffix,
		main,
		expected,
	};
}

/** The text of a stored plain-text result, for the JSON. */
async function textOf(ctx: IExecuteFunctions, binary: IBinaryData): Promise<string> {
	const bytes = binary.id
		? await ctx.helpers.binaryToBuffer(await ctx.helpers.getBinaryStream(binary.id))
		: Buffer.from(binary.data, 'base64');
	return bytes.subarray(0, MAX_TEXT_BYTES).toString('utf8');
}

/**
 * Builds the output items: the task's JSON, and for a completed task with "Result As: Binary" the
 * downloaded results. Several numbered results (generated images) make an item each, paired with
 * the input item; others go to their binary properties of one item.
 */
export async function buildResultItems(
	ctx: IExecuteFunctions,
	run: RunContext,
	itemIndex: number,
	task: TaskData,
	options: ResultOptions,
	baseName: string,
	/** Size of the input, when known: the result is about as large. */
	expectedBytes = 0,
): Promise<INodeExecutionData[]> {
	const { api, scheduler, asTool, resource } = run;
	const results = presentResults(task, resource.results);
	const perItem = results.length > 0 && results.every((result) => result.numbered);
	const groups = perItem ? results.map((result) => [result]) : [results];
	const items = groups.map((group): INodeExecutionData => {
		const json = taskJson(task, group[0]?.url);
		if (perItem) Object.assign(json, { imageIndex: group[0].index, imageCount: results.length });
		// The names that came (the classes of the masks), the archive aside.
		const named = group.filter((result) => result.named);
		if (named.length)
			json[named[0].named!] = named
				.filter((result) => !isArchive(result))
				.map((result) => result.name!);
		return { json, pairedItem: { item: itemIndex } };
	});
	if (
		items[0].json.taskStatus !== 'completed' ||
		(options.resultAs ?? (asTool && resource.resultKind !== 'document' ? 'url' : 'binary')) !==
			'binary'
	)
		return items;

	for (const [groupIndex, group] of groups.entries()) {
		const item = items[groupIndex];
		item.binary = {};
		for (const [index, result] of group.entries()) {
			let place = placeOf(run, result, index, options);
			const release = await scheduler.transfers.reserve(
				expectedBytes || UNKNOWN_RESULT_BYTES,
				scheduler.run,
				itemIndex,
			);
			try {
				// Streamed into n8n's binary store: on disk (filesystem mode) the file never sits in memory.
				const timeoutMs = requestTimeoutMs(ctx, itemIndex, TIMEOUTS.downloadMs);
				const binary: IBinaryData = await api.download(
					itemIndex,
					result.url,
					{ timeoutMs, taskId: task.task_id },
					async (download) => {
						const { mimeType, extension } = resultType(
							ctx,
							itemIndex,
							download,
							place.expected,
							result.url,
							task.task_id,
						);
						if (place.expected === 'maskOrArchive' && extension === 'zip') {
							// The archive, though its URL did not say: not a class.
							const archive = result.archiveProperty!;
							place = { ...place, property: archive, suffix: archive };
							const names = item.json[result.named!];
							if (Array.isArray(names))
								item.json[result.named!] = names.filter((name) => name !== result.name);
						}
						return await ctx.helpers.prepareBinaryData(
							download.stream,
							resultName(options.outputFileName, baseName, place.suffix, extension, place.main),
							mimeType,
						);
					},
				);
				item.binary[place.property] = binary;
				if (place.expected === 'document' && binary.mimeType.startsWith('text/plain'))
					item.json.text = await textOf(ctx, binary);
			} finally {
				release();
			}
		}
	}
	return items;
}
