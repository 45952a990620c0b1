/**
 * Network failures and failed result downloads. For a network failure: whether it proves that
 * nothing reached PicWish (so a create may be sent again), and the message and fix shown. Errors
 * are built from clean objects: the request error n8n throws carries the request's headers, API
 * key included.
 */
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { markFailure, withTaskId } from '../helpers/errors';

import { bodySnippet } from './envelope';

/**
 * Codes that prove no whole request reached the server, so resending is always safe: no connection
 * at all, or (EPIPE) the server closed it while the body was still being sent.
 */
const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EPIPE',
]);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

const NETWORK_MESSAGES: Record<string, { message: string; description: string }> = {
	ECONNREFUSED: {
		message: 'Could not connect to PicWish: the connection was refused',
		description:
			'Check the Base URL in the PicWish credential and that the host is reachable from n8n.',
	},
	ENOTFOUND: {
		message: 'Could not connect to PicWish: the host name was not found',
		description:
			'Check the Base URL in the PicWish credential (https://techhk.aoscdn.com, or https://techsz.aoscdn.com for mainland China) and the DNS settings of the n8n host.',
	},
	timeout: {
		message: 'PicWish did not answer in time',
		description:
			'The request timed out. Check the network between n8n and PicWish, or retry later (for example with the node setting Retry On Fail).',
	},
	ECONNRESET: {
		message: 'The connection to PicWish was closed unexpectedly',
		description: 'The network or PicWish dropped the connection. Retry later.',
	},
	EPIPE: {
		message: 'The connection to PicWish was closed while the image was being sent',
		description:
			'PicWish or the network closed the connection before the upload was complete, so no task was made. Retry later.',
	},
	other: {
		message: 'Could not reach PicWish',
		description:
			'A network error stopped the request. Check the Base URL and the network, then retry.',
	},
};
NETWORK_MESSAGES.EAI_AGAIN = NETWORK_MESSAGES.ENOTFOUND;

/**
 * Whether a request that failed with this network error may be sent again. A query changes nothing;
 * a create only when the error proves PicWish never had the whole request.
 */
export function mayResend(code: string, idempotent: boolean): boolean {
	return idempotent || NOT_SENT_CODES.has(code);
}

/** The message and fix for a network error code (timeouts share one). */
export function networkMessage(code: string): { message: string; description: string } {
	return NETWORK_MESSAGES[TIMEOUT_CODES.has(code) ? 'timeout' : code] ?? NETWORK_MESSAGES.other;
}

/** Finds a Node.js network error code on an error or the errors it wraps. */
export function networkErrorCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
		current = (current as { cause?: unknown }).cause;
	}
	const message = error instanceof Error ? error.message : '';
	if (/timeout of \d+ms exceeded/i.test(message)) return 'ECONNABORTED';
	return /\b(E[A-Z]{4,})\b/.exec(message)?.[1];
}

/**
 * The error for a request that failed on the network. The code goes under `networkError`: under
 * "code" or "errorCode" n8n would swap in its generic message.
 */
export function networkError(
	node: INode,
	code: string,
	options: { itemIndex: number; message?: string; description: string },
): NodeApiError {
	const known = networkMessage(code);
	return new NodeApiError(node, { networkError: code, message: known.message } as JsonObject, {
		itemIndex: options.itemIndex,
		message: options.message ?? known.message,
		description: options.description,
	});
}

/** The error for an answer that is not JSON: a gateway's HTML page, a web server that is not PicWish. */
export function notJson(
	node: INode,
	itemIndex: number,
	httpStatus: number,
	body: unknown,
	/** What the status means (`describeStatus`, or the caller's own wording of it); unused for a 200. */
	statusInfo: { message: string; description: string },
): NodeApiError {
	const snippet = bodySnippet(body);
	const info = httpStatus !== 200 ? statusInfo : undefined;
	return new NodeApiError(node, { status: httpStatus, body: snippet } as JsonObject, {
		itemIndex,
		httpCode: String(httpStatus),
		message:
			info?.message ?? `PicWish answered with something that is not JSON (HTTP ${httpStatus})`,
		description: `${info?.description ?? 'Check the Base URL in the credential: it must point at the PicWish API or a compatible proxy, not a web page.'}${snippet ? ` The response began: "${snippet}"` : ''}`,
	});
}

/**
 * A result download answered with an error status: an expired or revoked URL (403/404/410), or the
 * storage failing. Either way the result could not be fetched (Reuse Results makes it again).
 */
export function resultStatusError(
	node: INode,
	status: number,
	snippet: string,
	itemIndex: number,
	taskId?: string,
): NodeApiError {
	const expired = status === 403 || status === 404 || status === 410;
	return markFailure(
		withTaskId(
			new NodeApiError(node, { status, body: snippet } as JsonObject, {
				itemIndex,
				httpCode: String(status),
				message: expired
					? `The result URL has expired or is no longer valid (${status})`
					: `Could not download the result image (${status})`,
				description: expired
					? 'PicWish result URLs are valid for 1 hour. Create the task again to get a fresh result, and download results right after they complete.'
					: 'The storage that holds the result answered with an error. Retry later, or use Get Task with the task ID.',
			}),
			taskId,
		),
		'resultUnavailable',
	);
}
