/**
 * The one door to the PicWish API: base URL, auth, timeouts, envelope parsing, error mapping,
 * pacing and retries. Also downloads result URLs (signed storage URLs, fetched without the key).
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { withTaskId } from '../helpers/errors';
import { ProcessingTimes } from '../helpers/polling';
import { describeStatus } from '../helpers/status';
import { RunControl } from '../helpers/cancel';
import { RateGovernor } from './governor';
import { encodeMultipart, type MultipartBody, type MultipartFile } from './multipart';
import { type BinaryStream, peekStream } from './streams';
import { TransferBudget } from './transfers';

export const CREDENTIAL_TYPE = 'picWishApi';
export const DEFAULT_BASE_URL = 'https://techhk.aoscdn.com';
export const TASK_PATH = '/api/tasks/visual/external/watermark-remove';

/** Default per-request timeouts (the Request Timeout option overrides them). Uploads may be 50 MB; a query is small and fast. A synchronous create also gets the processing timeout. */
export const TIMEOUTS = {
	createMs: 120_000,
	queryMs: 30_000,
	downloadMs: 120_000,
} as const;

/** Image bytes a run holds for transfers at once (a larger single file still goes, alone). */
export const TRANSFER_BUDGET_BYTES = 32 * 1024 * 1024;

/** What a download of unknown size reserves (a URL input, Get Task). */
export const UNKNOWN_RESULT_BYTES = 8 * 1024 * 1024;

/** Retry budgets. 429s are absorbed by backoff; other faults are retried only where safe. */
export const RETRIES = {
	rateLimited: 6,
	transient: 3,
	backoffBaseMs: 1_000,
	backoffMaxMs: 16_000,
} as const;

/** The task fields of the API's `data` object; unknown fields pass through untouched. */
export interface TaskData extends IDataObject {
	task_id?: string;
	state?: number;
	progress?: number;
	file?: string;
}

export type ImageSource = { kind: 'binary'; file: MultipartFile } | { kind: 'url'; url: string };

export interface ResultDownload {
	/** The body's first bytes, for the type check; the stream still holds them too. */
	head: Buffer;
	/** The whole body, not yet read. */
	stream: BinaryStream;
	contentType?: string;
}

/** Bytes of a result read ahead to tell its type (the header reader needs at most 512). */
const SNIFF_BYTES = 512;

interface ApiCall {
	method: IHttpRequestMethods;
	path: string;
	/** Sent as it is on every attempt. */
	body?: MultipartBody;
	timeoutMs: number;
	/**
	 * A create must never be sent twice when the first attempt may have made a task (a timeout,
	 * a reset or a 5xx after the body was sent): a double charge is worse than a failed item.
	 */
	idempotent: boolean;
	taskId?: string;
}

/**
 * Network error codes that prove no whole request reached the server, so resending is always safe:
 * no connection at all, or (EPIPE) the server closed it while the body was still being sent.
 */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

const NETWORK_MESSAGES: Record<string, { message: string; description: string }> = {
	ECONNREFUSED: {
		message: 'Could not connect to PicWish: the connection was refused',
		description: 'Check the Base URL in the PicWish credential and that the host is reachable from n8n.',
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
		description: 'PicWish or the network closed the connection before the upload was complete, so no task was made. Retry later.',
	},
	other: {
		message: 'Could not reach PicWish',
		description: 'A network error stopped the request. Check the Base URL and the network, then retry.',
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
function networkMessage(code: string): { message: string; description: string } {
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

/** Seconds or an HTTP date, as Retry-After allows; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text !== 'string' && typeof text !== 'number') return undefined;
	const seconds = Number(text);
	if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, 120_000);
	const date = Date.parse(String(text));
	if (Number.isNaN(date)) return undefined;
	return Math.min(Math.max(0, date - now), 120_000);
}

export function backoffMs(attempt: number): number {
	return Math.min(RETRIES.backoffBaseMs * 2 ** attempt, RETRIES.backoffMaxMs);
}

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
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;
}

function bodySnippet(body: unknown): string {
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
	const compact = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
	return compact.length > 200 ? `${compact.slice(0, 200)}…` : compact;
}

export class PicWishClient {
	/** Stops every wait of this run: execution canceled, or the batch failing. */
	readonly run: RunControl;

	/**
	 * Items worked on at once. Most of an item's time is spent waiting for PicWish, and the governor
	 * paces the requests, so this only needs to cover rate × processing time with room to spare.
	 */
	readonly maxItemsInFlight: number;

	/** Image bytes held for uploads and downloads at once, across items. */
	readonly transfers = new TransferBudget(TRANSFER_BUDGET_BYTES);

	/** How long PicWish takes in this run, learned from finished tasks: when to poll. */
	readonly processingTimes = new ProcessingTimes();

	/** Sent as X-API-KEY on API requests only, never to result storage; kept out of every error. */
	readonly #apiKey: string;

	private constructor(
		private readonly ctx: IExecuteFunctions,
		readonly baseUrl: string,
		apiKey: string,
		private readonly governor: RateGovernor,
		requestsPerSecond: number,
	) {
		this.#apiKey = apiKey;
		this.run = new RunControl(ctx);
		this.maxItemsInFlight = Math.min(64, Math.max(2, Math.ceil(requestsPerSecond * 10)));
	}

	/** Reads the credential once per execution; the governor paces every API request of the run. */
	static async forExecution(ctx: IExecuteFunctions): Promise<PicWishClient> {
		const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
		const baseUrl = normalizeBaseUrl(ctx, credentials.baseUrl);
		const configured = Number(credentials.requestsPerSecond ?? 2);
		const rate = Number.isFinite(configured) && configured > 0 ? configured : 2;
		return new PicWishClient(ctx, baseUrl, String(credentials.apiKey ?? ''), new RateGovernor(rate), rate);
	}

	/**
	 * The time one request may take, from sending to the last byte of the answer: the item's
	 * Request Timeout option, or the default for its kind.
	 */
	private requestTimeoutMs(itemIndex: number, defaultMs: number): number {
		const seconds = Number(this.ctx.getNodeParameter('options.requestTimeout', itemIndex, 0));
		return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : defaultMs;
	}

	/**
	 * Ends a request when its time is up or the run stops. n8n's own timeout only counts silence,
	 * so an answer that drips a byte at a time would never end without the deadline.
	 */
	private deadline(timeoutMs: number): { signal: AbortSignal; expired: () => boolean } {
		const timer = AbortSignal.timeout(timeoutMs);
		return { signal: AbortSignal.any([this.run.signal, timer]), expired: () => timer.aborted && !this.run.stopped };
	}

	async createTask(
		itemIndex: number,
		source: ImageSource,
		options: { sync: boolean; processingTimeoutMs: number },
	): Promise<TaskData> {
		const sync = options.sync ? '1' : '0';
		const body =
			source.kind === 'binary'
				? encodeMultipart({ sync }, { name: 'file', ...source.file })
				: encodeMultipart({ sync, url: source.url });
		return await this.call(itemIndex, {
			method: 'POST',
			path: TASK_PATH,
			body,
			timeoutMs: options.sync
				? options.processingTimeoutMs + this.requestTimeoutMs(itemIndex, TIMEOUTS.createMs)
				: this.requestTimeoutMs(itemIndex, TIMEOUTS.createMs),
			idempotent: false,
		});
	}

	async getTask(itemIndex: number, taskId: string): Promise<TaskData> {
		return await this.call(itemIndex, {
			method: 'GET',
			path: `${TASK_PATH}/${encodeURIComponent(taskId)}`,
			timeoutMs: this.requestTimeoutMs(itemIndex, TIMEOUTS.queryMs),
			idempotent: true,
			taskId,
		});
	}

	/**
	 * Downloads a signed result URL (without credentials) and hands its body, as a stream, to
	 * `store`: the image goes to n8n's binary store without being held in memory whole. Network
	 * faults and 5xx are retried from the start, however far the body had come.
	 */
	async downloadResult<T>(
		itemIndex: number,
		url: string,
		taskId: string | undefined,
		store: (download: ResultDownload) => Promise<T>,
	): Promise<T> {
		const node = this.ctx.getNode();
		for (let attempt = 0; ; attempt++) {
			this.run.throwIfStopped(itemIndex);
			let stream: BinaryStream | undefined;
			const timeoutMs = this.requestTimeoutMs(itemIndex, TIMEOUTS.downloadMs);
			const deadline = this.deadline(timeoutMs);
			try {
				const response = (await this.ctx.helpers.httpRequest({
					method: 'GET',
					url,
					encoding: 'stream',
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					timeout: timeoutMs,
					abortSignal: deadline.signal,
				})) as IN8nHttpFullResponse;
				stream = response.body as BinaryStream;
				const status = response.statusCode;
				if (status >= 500 && attempt < RETRIES.transient) {
					stream.destroy();
					await this.run.sleep(backoffMs(attempt), itemIndex);
					continue;
				}
				if (status < 200 || status >= 300) {
					const snippet = bodySnippet(await peekStream(stream, 1024).catch(() => Buffer.alloc(0)));
					const expired = status === 403 || status === 404 || status === 410;
					throw withTaskId(
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
					);
				}
				const headers = response.headers as IDataObject;
				return await store({
					head: await peekStream(stream, SNIFF_BYTES),
					stream,
					contentType: typeof headers['content-type'] === 'string' ? headers['content-type'] : undefined,
				});
			} catch (error) {
				stream?.destroy();
				// The node's own verdicts (an error status, not an image) are final.
				const verdict = error instanceof NodeApiError || error instanceof NodeOperationError ? error : undefined;
				if (verdict) throw verdict;
				this.run.throwIfStopped(itemIndex);
				if (attempt < RETRIES.transient) {
					await this.run.sleep(backoffMs(attempt), itemIndex);
					continue;
				}
				const code = deadline.expired() ? 'ETIMEDOUT' : (networkErrorCode(error) ?? 'other');
				const known = networkMessage(code);
				throw withTaskId(
					new NodeApiError(node, { networkError: code, message: known.message } as JsonObject, {
						itemIndex,
						message: 'Could not download the result image',
						description: `The result URL could not be fetched (${code}). It stays valid for 1 hour after the task completed: use Get Task with the task ID to fetch it again.`,
					}),
					taskId,
				);
			}
		}
	}

	private async call(itemIndex: number, call: ApiCall): Promise<TaskData> {
		const node = this.ctx.getNode();
		let rateLimitedAttempts = 0;
		let transientAttempts = 0;
		for (;;) {
			this.run.throwIfStopped(itemIndex);
			const answered = await this.governor.acquire(this.run);
			const deadline = this.deadline(call.timeoutMs);
			const request: IHttpRequestOptions = {
				method: call.method,
				url: `${this.baseUrl}${call.path}`,
				headers: {
					Accept: 'application/json',
					'X-API-KEY': this.#apiKey,
					...(call.body ? { 'Content-Type': call.body.contentType } : {}),
				},
				encoding: 'text',
				json: false,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: call.timeoutMs,
				abortSignal: deadline.signal,
			};
			if (call.body) request.body = call.body.body;

			let response: IN8nHttpFullResponse;
			try {
				// Not httpRequestWithAuthentication: n8n (1.x and 2.x) replaces its abort signal with
				// the execution's, which would drop the deadline. The header is the credential's
				// `authenticate` rule, applied here.
				response = (await this.ctx.helpers.httpRequest(request)) as IN8nHttpFullResponse;
				answered();
			} catch (error) {
				answered();
				this.run.throwIfStopped(itemIndex);
				const code = deadline.expired() ? 'ETIMEDOUT' : (networkErrorCode(error) ?? 'other');
				const safe = mayResend(code, call.idempotent);
				if (safe && transientAttempts < RETRIES.transient) {
					await this.run.sleep(backoffMs(transientAttempts++), itemIndex);
					continue;
				}
				const known = networkMessage(code);
				const notResent = !safe
					? ' The create request was not sent again because PicWish may already have created (and charged) the task.'
					: '';
				// A clean error object: the wrapped request error would carry the request headers, key
				// included. The code goes under networkError: under "code" or "errorCode" n8n would swap in
				// its generic message.
				throw withTaskId(
					new NodeApiError(node, { networkError: code, message: known.message } as JsonObject, {
						itemIndex,
						message: known.message,
						description: `${known.description} (${code})${notResent}`,
					}),
					call.taskId,
				);
			}

			const envelope = parseEnvelope(response.body);
			const bodyStatus = typeof envelope?.status === 'number' ? envelope.status : Number(envelope?.status);
			const httpStatus = response.statusCode;
			const status = httpStatus !== 200 ? httpStatus : envelope && bodyStatus !== 200 ? bodyStatus : 200;

			// Only a rate-limit answer proves no task was made; it is retried for creates too.
			if (status !== 200 && describeStatus(status).safeToRetry && rateLimitedAttempts < RETRIES.rateLimited) {
				const wait =
					parseRetryAfter((response.headers as IDataObject)['retry-after']) ??
					backoffMs(rateLimitedAttempts);
				rateLimitedAttempts++;
				// Every item of this run waits: the limit is per key, not per item.
				this.governor.pauseFor(wait);
				continue;
			}
			if (status >= 500 && call.idempotent && transientAttempts < RETRIES.transient) {
				await this.run.sleep(backoffMs(transientAttempts++), itemIndex);
				continue;
			}

			if (!envelope) {
				const snippet = bodySnippet(response.body);
				const info = httpStatus !== 200 ? describeStatus(httpStatus) : undefined;
				throw withTaskId(
					new NodeApiError(node, { status: httpStatus, body: snippet } as JsonObject, {
						itemIndex,
						httpCode: String(httpStatus),
						message: info?.message ?? `PicWish answered with something that is not JSON (HTTP ${httpStatus})`,
						description: `${info?.description ?? 'Check the Base URL in the credential: it must point at the PicWish API or a compatible proxy, not a web page.'}${snippet ? ` The response began: "${snippet}"` : ''}`,
					}),
					call.taskId,
				);
			}

			const apiMessage = typeof envelope.message === 'string' ? envelope.message : undefined;
			if (status !== 200) {
				const info = describeStatus(status);
				const taskId = call.taskId ?? taskIdOf(envelope.data);
				throw withTaskId(
					new NodeApiError(node, { status, message: apiMessage ?? info.message } as JsonObject, {
						itemIndex,
						httpCode: String(status),
						message: info.message,
						description: `${info.description}${apiMessage ? ` PicWish said: "${apiMessage}".` : ''}`,
					}),
					taskId,
				);
			}

			const data = envelope.data;
			if (!data || typeof data !== 'object' || Array.isArray(data)) {
				throw withTaskId(
					new NodeApiError(node, { status, message: apiMessage ?? 'no data' } as JsonObject, {
						itemIndex,
						message: 'PicWish answered without task data',
						description:
							'The response had status 200 but no "data" object. Check that the Base URL points at the PicWish API; if it does, contact PicWish support.',
					}),
					call.taskId,
				);
			}
			return data as TaskData;
		}
	}
}

function taskIdOf(data: unknown): string | undefined {
	const id = data && typeof data === 'object' ? (data as IDataObject).task_id : undefined;
	return typeof id === 'string' && id ? id : undefined;
}

function normalizeBaseUrl(ctx: IExecuteFunctions, value: unknown): string {
	const text = typeof value === 'string' && value.trim() ? value.trim() : DEFAULT_BASE_URL;
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw new NodeOperationError(ctx.getNode(), `The Base URL "${text}" in the PicWish credential is not a valid URL`, {
			description: 'Use https://techhk.aoscdn.com (global), https://techsz.aoscdn.com (mainland China), or the http(s) address of your proxy or sandbox.',
		});
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new NodeOperationError(ctx.getNode(), `The Base URL "${text}" in the PicWish credential must start with https:// or http://`, {
			description: 'Use https://techhk.aoscdn.com (global) or https://techsz.aoscdn.com (mainland China).',
		});
	}
	return url.href.replace(/\/+$/, '');
}
