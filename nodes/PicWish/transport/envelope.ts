/** PicWish's answer envelope, `{ status, message, data }`, read from whatever arrived. */
import type { IDataObject } from 'n8n-workflow';

/** Parses a PicWish envelope; a body that is not a JSON object yields undefined. */
export function parseEnvelope(body: unknown): IDataObject | undefined {
	let value = body;
	if (Buffer.isBuffer(value)) value = value.toString('utf8');
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			return undefined;
		}
	}
	return value && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: undefined;
}

/**
 * The status an answer stands for: the HTTP status unless it is 200, else the body's `status`
 * (PicWish repeats it there, and may signal a failure only there). A body without a readable
 * `status` goes by its HTTP status.
 */
export function answerStatus(httpStatus: number, envelope: IDataObject | undefined): number {
	if (httpStatus !== 200 || !envelope) return httpStatus;
	const bodyStatus = Number(envelope.status);
	return envelope.status === undefined || envelope.status === null || !Number.isFinite(bodyStatus)
		? httpStatus
		: bodyStatus;
}

/** The start of a body that is not JSON (an HTML gateway page, say), as plain text for a message. */
export function bodySnippet(body: unknown): string {
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
	const compact = text
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return compact.length > 200 ? `${compact.slice(0, 200)}…` : compact;
}
