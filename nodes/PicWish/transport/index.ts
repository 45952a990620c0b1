/**
 * The one door to the PicWish API: base URL, the key header, a deadline per request, envelope
 * parsing, error mapping and the retries that are safe. It also downloads result URLs (signed
 * storage URLs, fetched without the key). It knows no operation and no UI option: callers pass
 * paths, fields and timeouts.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IN8nHttpFullResponse,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { markFailure, withTaskId } from '../helpers/errors';
import { describeStatus } from '../helpers/status';
import { taskIdOf } from '../helpers/task';
import type { RunControl, RunPace, Turn } from '../scheduling';
import { API_KEY_HEADER } from './constants';
import { answerStatus, bodySnippet, parseEnvelope } from './envelope';
import {
	mayResend,
	networkError,
	networkErrorCode,
	networkMessage,
	notJson,
	resultStatusError,
} from './errors';
import { formBody } from './multipart';
import { type Attempt, backoffMs, parseRetryAfter, RetryBudget } from './retry';
import type { ApiSettings } from './settings';
import { type BinaryStream, peekStream } from './streams';
import {
	type ApiAnswer,
	type ApiRequest,
	DEFAULT_RATE_LIMIT_PATIENCE_MS,
	type OpenedFile,
	type ResultDownload,
} from './types';

export { CREDITS_PATH } from './constants';
export { readCredentials } from './settings';
export { describeSource, sameSource } from './source';
export * from './types';

/** Bytes of a result read ahead to tell its type (the header reader needs at most 512). */
const SNIFF_BYTES = 512;

export class PicWishTransport {
	/** Sent as the key header on API requests only, never to result storage; kept out of every error. */
	readonly #apiKey: string;

	readonly baseUrl: string;

	private readonly service?: string;

	constructor(
		private readonly ctx: IExecuteFunctions,
		settings: ApiSettings,
		private readonly scheduling: { run: RunControl; pace: RunPace },
	) {
		this.#apiKey = settings.apiKey;
		this.baseUrl = settings.baseUrl;
		this.service = settings.service;
	}

	/** Sends an API request, paced and retried where safe; returns the answer's data or throws. */
	async request(itemIndex: number, call: ApiRequest): Promise<ApiAnswer> {
		const { form } = call;
		const patienceMs = call.rateLimitPatienceMs ?? DEFAULT_RATE_LIMIT_PATIENCE_MS;
		return await this.withRetries(itemIndex, patienceMs, async (budget) => {
			// Files are opened per attempt (read again after a 429) and streamed: they count as sent,
			// and are let go of, when the last byte is out, however long PicWish then takes. They are
			// opened before the turn is taken, so a failed read cannot leave a turn unanswered.
			const files = form?.files ?? [];
			const opened: OpenedFile[] = [];
			const releaseFiles = () => {
				for (const file of opened) file.release();
			};
			let allOpen = false;
			try {
				for (const file of files) opened.push(await file.open());
				allOpen = true;
			} finally {
				// A file that could not be read gives back the ones already opened.
				if (!allOpen) releaseFiles();
			}
			let turn: Turn | undefined;
			let deadline: ReturnType<PicWishTransport['deadline']> | undefined;
			let response: IN8nHttpFullResponse;
			try {
				const granted = await this.scheduling.pace.acquire(itemIndex);
				turn = granted;
				deadline = this.deadline(call.timeoutMs);
				const body =
					form &&
					formBody(
						form.fields,
						files.map((file, index) => ({
							name: file.field,
							fileName: file.fileName,
							mimeType: file.mimeType,
							bytes: opened[index].bytes,
						})),
						() => {
							granted.bodySent();
							releaseFiles();
							call.onSent?.();
						},
					);
				// Not httpRequestWithAuthentication: n8n (1.x and 2.x) replaces its abort signal with
				// the execution's, which would drop the deadline. The header is the credential's
				// `authenticate` rule, applied here.
				response = (await this.ctx.helpers.httpRequest({
					method: call.method,
					url: `${this.baseUrl}${call.path}`,
					headers: {
						Accept: 'application/json',
						[API_KEY_HEADER]: this.#apiKey,
						...(body ? { 'Content-Type': body.contentType } : {}),
					},
					...(body ? { body: body.data } : {}),
					encoding: 'text',
					json: false,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					timeout: call.timeoutMs,
					abortSignal: deadline.signal,
				})) as IN8nHttpFullResponse;
			} catch (error) {
				// A canceled wait for the turn ends here too.
				this.scheduling.run.throwIfStopped(itemIndex);
				const code = deadline?.expired() ? 'ETIMEDOUT' : (networkErrorCode(error) ?? 'other');
				const safe = mayResend(code, call.idempotent);
				const notResent = safe
					? ''
					: ' The create request was not sent again because PicWish may already have created (and charged) the task.';
				if (safe && budget.transientLeft) return { again: 'transient' };
				throw withTaskId(
					networkError(this.ctx.getNode(), code, {
						itemIndex,
						description: `${networkMessage(code).description} (${code})${notResent}`,
					}),
					call.taskId,
				);
			} finally {
				releaseFiles();
				turn?.answered();
			}
			return this.readAnswer(itemIndex, call, response, budget);
		});
	}

	/**
	 * Downloads a signed result URL (without the key) and hands its body, as a stream, to `store`:
	 * the image goes to n8n's binary store without being held in memory whole. Network faults and
	 * 5xx are retried from the start, however far the body had come.
	 */
	async download<T>(
		itemIndex: number,
		url: string,
		options: { timeoutMs: number; taskId?: string },
		store: (download: ResultDownload) => Promise<T>,
	): Promise<T> {
		const node = this.ctx.getNode();
		return await this.withRetries(itemIndex, 0, async (budget): Promise<Attempt<T>> => {
			let stream: BinaryStream | undefined;
			const deadline = this.deadline(options.timeoutMs);
			try {
				const response = (await this.ctx.helpers.httpRequest({
					method: 'GET',
					url,
					encoding: 'stream',
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					timeout: options.timeoutMs,
					abortSignal: deadline.signal,
				})) as IN8nHttpFullResponse;
				stream = response.body as BinaryStream;
				const status = response.statusCode;
				if (status >= 500 && budget.transientLeft) {
					stream.destroy();
					return { again: 'transient' };
				}
				if (status < 200 || status >= 300) {
					const snippet = bodySnippet(await peekStream(stream, 1024).catch(() => Buffer.alloc(0)));
					stream.destroy();
					throw resultStatusError(node, status, snippet, itemIndex, options.taskId);
				}
				const headers = response.headers as IDataObject;
				const contentType = headers['content-type'];
				return {
					done: await store({
						head: await peekStream(stream, SNIFF_BYTES),
						stream,
						contentType: typeof contentType === 'string' ? contentType : undefined,
					}),
				};
			} catch (error) {
				stream?.destroy();
				// The node's own verdicts (an error status, not an image) are final.
				const verdict =
					error instanceof NodeApiError || error instanceof NodeOperationError ? error : undefined;
				if (verdict) throw verdict;
				this.scheduling.run.throwIfStopped(itemIndex);
				if (budget.transientLeft) return { again: 'transient' };
				const code = deadline.expired() ? 'ETIMEDOUT' : (networkErrorCode(error) ?? 'other');
				throw markFailure(
					withTaskId(
						networkError(node, code, {
							itemIndex,
							message: 'Could not download the result image',
							description: `The result URL could not be fetched (${code}). It stays valid for 1 hour after the task completed: use Get Task with the task ID to fetch it again.`,
						}),
						options.taskId,
					),
					'resultUnavailable',
				);
			}
		});
	}

	/** Tries until done; each attempt decides, from the budget, whether another try is allowed. */
	private async withRetries<T>(
		itemIndex: number,
		rateLimitPatienceMs: number,
		attempt: (budget: RetryBudget) => Promise<Attempt<T>>,
	): Promise<T> {
		const budget = new RetryBudget(Date.now() + rateLimitPatienceMs);
		for (;;) {
			this.scheduling.run.throwIfStopped(itemIndex);
			const outcome = await attempt(budget);
			if ('done' in outcome) return outcome.done;
			if (outcome.again === 'rateLimited') {
				// Every request on the key waits, in every execution: the limit is per key, not per item.
				this.scheduling.pace.rateLimited(outcome.waitMs);
			} else {
				await this.scheduling.run.sleep(backoffMs(budget.transient++), itemIndex);
			}
		}
	}

	/** Reads an API answer: its data, another try (a 429, or a 5xx to a query), or the error it stands for. */
	private readAnswer(
		itemIndex: number,
		call: ApiRequest,
		response: IN8nHttpFullResponse,
		budget: RetryBudget,
	): Attempt<ApiAnswer> {
		const envelope = parseEnvelope(response.body);
		const httpStatus = response.statusCode;
		const status = answerStatus(httpStatus, envelope);
		const apiMessage = typeof envelope?.message === 'string' ? envelope.message : undefined;
		const info = {
			...describeStatus(status, this.service),
			...(status === 404 ? call.notFound : undefined),
		};
		if (!info.rateLimited) this.scheduling.pace.answeredOk();
		if (status === 200 && envelope) return { done: { data: envelope.data, message: apiMessage } };

		// Only a rate-limit answer proves no task was made; it is retried for creates too.
		if (info.rateLimited && budget.rateLimitedLeft) {
			return {
				again: 'rateLimited',
				waitMs: parseRetryAfter((response.headers as IDataObject)['retry-after']),
			};
		}
		if (status >= 500 && call.idempotent && budget.transientLeft) return { again: 'transient' };

		const node = this.ctx.getNode();
		if (!envelope)
			throw withTaskId(notJson(node, itemIndex, httpStatus, response.body, info), call.taskId);
		throw withTaskId(
			new NodeApiError(node, { status, message: apiMessage ?? info.message } as JsonObject, {
				itemIndex,
				httpCode: String(status),
				message: info.message,
				description: `${info.description}${apiMessage ? ` PicWish said: "${apiMessage}".` : ''}`,
			}),
			call.taskId ?? taskIdOf(envelope.data),
		);
	}

	/**
	 * Ends a request when its time is up or the run stops. n8n's own timeout only counts silence,
	 * so an answer that drips a byte at a time would never end without the deadline.
	 */
	private deadline(timeoutMs: number): { signal: AbortSignal; expired: () => boolean } {
		const timer = AbortSignal.timeout(timeoutMs);
		const { run } = this.scheduling;
		return {
			signal: AbortSignal.any([run.signal, timer]),
			expired: () => timer.aborted && !run.stopped,
		};
	}
}
