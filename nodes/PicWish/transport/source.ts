/**
 * How an image's own host describes it now: a HEAD request to the image URL (not to PicWish: no
 * credit, no PicWish rate, no key). Reuse Results compares it with what the host said when the
 * task was made, so a URL whose image was replaced is cleaned again.
 */
import type { IDataObject, IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';

import type { SourceFacts } from '../scheduling/taskShare';

/** A HEAD stays short: it only decides whether a remembered result may be reused. */
const SOURCE_CHECK_TIMEOUT_MS = 10_000;

const header = (headers: IDataObject, name: string): string | undefined => {
	const value = headers[name];
	return typeof value === 'string' && value ? value : undefined;
};

/** The validators the host gives (ETag, or Last-Modified with Content-Length); undefined when it gives neither or refuses. */
export async function describeSource(
	ctx: IExecuteFunctions,
	url: string,
	signal: AbortSignal,
): Promise<SourceFacts | undefined> {
	try {
		const response = (await ctx.helpers.httpRequest({
			method: 'HEAD',
			url,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: SOURCE_CHECK_TIMEOUT_MS,
			abortSignal: signal,
		})) as IN8nHttpFullResponse;
		if (response.statusCode < 200 || response.statusCode >= 300) return undefined;
		const headers = (response.headers ?? {}) as IDataObject;
		const facts: SourceFacts = {
			etag: header(headers, 'etag'),
			lastModified: header(headers, 'last-modified'),
			contentLength: header(headers, 'content-length'),
		};
		return facts.etag || (facts.lastModified && facts.contentLength) ? facts : undefined;
	} catch {
		// Unreachable or refused: the result is reused within one run only.
		return undefined;
	}
}

/** Whether the host still describes the image as it did: the same ETag, or the same date and length. */
export function sameSource(then: SourceFacts, now: SourceFacts | undefined): boolean {
	if (!now) return false;
	if (then.etag || now.etag) return then.etag === now.etag;
	return then.lastModified === now.lastModified && then.contentLength === now.contentLength;
}
