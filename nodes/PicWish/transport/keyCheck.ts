/**
 * The credential test: proves that PicWish accepted the key, and never passes a key it did not
 * check. n8n's declarative test sends one request; this needs two (the credits endpoint, and a
 * task query on hosts without it), so the node runs it (`testedBy`).
 *
 * 1. GET the credits endpoint with the key: keyed, read-only, charges nothing. 200 → the key works.
 * 2. Only when that endpoint does not exist (404): GET a task whose ID is a well-formed UUID that
 *    no task has. A gateway that refuses malformed IDs before it looks at the key still checks this
 *    one, so a wrong key meets 401; only PicWish's own "task not found" answer (JSON, status 404)
 *    or a task counts as "the key was checked".
 * Every other answer fails the test with what it means.
 */
import type { INodeCredentialTestResult } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { describeStatus } from '../helpers/status';
import { parseHttpUrl } from '../helpers/urls';
import { summarizeCredits } from '../helpers/credits';
import { API_KEY_HEADER, CREDITS_PATH, DEFAULT_BASE_URL } from './constants';
import { answerStatus, bodySnippet, parseEnvelope } from './envelope';

/** A task ID in PicWish's format (a UUID) that no task has. */
export const UNUSED_TASK_ID = '00000000-0000-4000-8000-000000000000';

const TIMEOUT_MS = 15_000;
/** A busy key may answer 429: the test waits a second and asks again, this many times in all. */
const RATE_LIMITED_TRIES = 3;

export interface KeyCheckRequest {
	url: string;
	headers: Record<string, string>;
	timeoutMs: number;
}

/** Sends a GET and hands back any answer (an error status included); throws only on network failure. */
export type SendKeyCheck = (request: KeyCheckRequest) => Promise<{ statusCode: number; body: unknown }>;

interface Reading {
	httpStatus: number;
	/** The body's status (PicWish repeats it there), else the HTTP status. */
	status: number;
	isJson: boolean;
	data: unknown;
	snippet: string;
}

const failed = (message: string): INodeCredentialTestResult => ({ status: 'Error', message });

/** The message for an answer that is neither a pass nor a missing endpoint. */
function refusal(reading: Reading): INodeCredentialTestResult {
	if (reading.status === 401) return failed('PicWish rejected the API key (401): check it and that the service is enabled');
	if (reading.status === 403) return failed('PicWish refused the API key (403): check its access and your credits');
	if (reading.status === 429)
		return failed('PicWish answered 429 (rate limit) three times: the key is busy with other requests. Test again in a moment.');
	if (!reading.isJson)
		return failed(
			`The Base URL did not answer like the PicWish API (HTTP ${reading.httpStatus}${reading.snippet ? `: "${reading.snippet}"` : ''}). Use https://techhk.aoscdn.com, https://techsz.aoscdn.com, or a PicWish-compatible proxy.`,
		);
	return failed(`${describeStatus(reading.status).message}: the key could not be checked. Try again later.`);
}

/** Tests a PicWish credential; the key is sent only to the Base URL. */
export async function checkApiKey(
	send: SendKeyCheck,
	credentials: { apiKey?: unknown; baseUrl?: unknown },
	/** A task endpoint of the API, for hosts without the credits endpoint. */
	taskPath: string,
): Promise<INodeCredentialTestResult> {
	const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey.trim() : '';
	if (!apiKey) return failed('Enter the API key from https://picwish.com/my-account?subRoute=api-key');
	const text = typeof credentials.baseUrl === 'string' && credentials.baseUrl.trim() ? credentials.baseUrl.trim() : DEFAULT_BASE_URL;
	const base = parseHttpUrl(text);
	if (!base.ok) return failed(`The Base URL "${text}" is not an http(s) address: use https://techhk.aoscdn.com`);
	const baseUrl = base.url.href.replace(/\/+$/, '');

	const get = async (path: string): Promise<Reading> => {
		for (let attempt = 1; ; attempt++) {
			const response = await send({
				url: `${baseUrl}${path}`,
				headers: { Accept: 'application/json', [API_KEY_HEADER]: apiKey },
				timeoutMs: TIMEOUT_MS,
			});
			const envelope = parseEnvelope(response.body);
			const status = answerStatus(response.statusCode, envelope);
			if (status === 429 && attempt < RATE_LIMITED_TRIES) {
				await sleep(1000);
				continue;
			}
			return { httpStatus: response.statusCode, status, isJson: !!envelope, data: envelope?.data, snippet: bodySnippet(response.body) };
		}
	};

	try {
		const credits = await get(CREDITS_PATH);
		if (credits.status === 200 && credits.isJson) {
			const summary = summarizeCredits(credits.data);
			return {
				status: 'OK',
				message: summary ? `Key accepted: ${summary.remaining_credits} credits left` : 'Key accepted',
			};
		}
		if (credits.status !== 404) return refusal(credits);

		// No credits endpoint at this host (a proxy, an older deployment): ask for a task that cannot exist.
		const task = await get(`${taskPath}/${UNUSED_TASK_ID}`);
		if (task.isJson && (task.status === 404 || task.status === 200)) {
			return { status: 'OK', message: 'Key accepted (this host has no credits endpoint; checked with a task query)' };
		}
		return refusal(task);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		return failed(`Could not reach ${baseUrl}: ${reason.replaceAll(apiKey, '***')}`);
	}
}
