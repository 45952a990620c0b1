/* eslint-disable @n8n/community-nodes/no-restricted-globals -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
import nock from 'nock';

import { RunControl } from '../../../../nodes/PicWish/scheduling/runControl';
import { parseEnvelope } from '../../../../nodes/PicWish/transport/envelope';
import { mayResend, networkErrorCode } from '../../../../nodes/PicWish/transport/errors';
import { backoffMs, parseRetryAfter } from '../../../../nodes/PicWish/transport/retry';
import { api, completed, envelope, TASK_PATH } from '../../../support/api';
import { makeBmp, makePng } from '../../../support/images';
import {
	answerBeforeBody,
	cutOff,
	type Handler,
	image,
	json,
	refusedBaseUrl,
	reset,
	stallAfter,
	startServer,
} from '../../../support/local-server';
import { useNock } from '../../../support/nock-lifecycle';
import { BASE_URL, binaryBuffer, runPicWish, TEST_API_KEY } from '../../../support/workflow';

useNock();

const createAsync = {
	operation: 'createTask',
	inputType: 'binary',
	binaryPropertyName: 'data',
	mode: 'async',
};
const imageItems = [
	{ binary: { data: { data: makePng(30, 30), fileName: 'a.png', mimeType: 'image/png' } } },
];

/** Everything a user could see of a run: items, error message, description and details. */
function everythingVisible(result: Awaited<ReturnType<typeof runPicWish>>): string {
	return JSON.stringify({
		items: result.items,
		error: result.error,
		errorJson: JSON.stringify(result.error),
	});
}

describe('transport', () => {
	describe('documented HTTP errors on create', () => {
		it.each([
			[400, 'PicWish rejected the request as invalid (400)', /exactly one input/],
			[401, 'PicWish rejected the API key (401)', /API key in the PicWish credential/],
			[404, 'PicWish could not find the task or endpoint (404)', /Base URL/],
			[413, 'The image is too large for PicWish (413)', /at most 50 MB/],
			[500, 'PicWish had an internal error (500)', /Retry later/],
		])('HTTP %i: a clear message and what to do', async (status, message, description) => {
			const scope = api()
				.post(TASK_PATH)
				.reply(status, { status, message: `server says ${status}` });
			const result = await runPicWish({ parameters: createAsync, items: imageItems });
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe(`${message} [item 0]`);
			expect(result.error?.description).toMatch(description);
			expect(result.error?.description).toContain(`PicWish said: "server says ${status}"`);
			// Never re-sent: a create that failed on the server side may still have made a task.
			expect(scope.isDone()).toBe(true);
			expect(nock.pendingMocks()).toEqual([]);
			expect(everythingVisible(result)).not.toContain(TEST_API_KEY);
		});

		it('a 200 whose body status is not 200 is a failure too', async () => {
			api().post(TASK_PATH).reply(200, { status: 401, message: 'invalid api key' });
			const result = await runPicWish({ parameters: createAsync, items: imageItems });
			expect(result.error?.message).toBe('PicWish rejected the API key (401) [item 0]');
			expect(result.error?.description).toContain('PicWish said: "invalid api key"');
		});

		it('a create that got a 500 is not sent again', async () => {
			const first = api().post(TASK_PATH).reply(500, { status: 500, message: 'oops' });
			const second = api()
				.post(TASK_PATH)
				.reply(200, envelope({ task_id: 'double-charge' }));
			const result = await runPicWish({ parameters: createAsync, items: imageItems });
			expect(result.status).toBe('error');
			expect(first.isDone()).toBe(true);
			expect(second.isDone()).toBe(false);
		});

		it('a create whose connection was reset is not sent again, and says why', async () => {
			const server = await startServer([reset, json(200, envelope({ task_id: 'double-charge' }))]);
			try {
				const result = await runPicWish({
					parameters: createAsync,
					items: imageItems,
					credentials: { baseUrl: server.baseUrl },
				});
				expect(result.error?.message).toBe(
					'The connection to PicWish was closed unexpectedly [item 0]',
				);
				expect(result.error?.description).toMatch(
					/not sent again because PicWish may already have created/,
				);
				expect(server.requests).toHaveLength(1);
				expect(everythingVisible(result)).not.toContain(TEST_API_KEY);
			} finally {
				await server.close();
			}
		});

		// A server (PicWish's too) may answer from the headers alone while a large file is still being
		// sent, then close the connection. A 12 MB upload cannot sit whole in the socket buffers.
		// The client sees the 429, or EPIPE if the closed connection fails a write first.
		it('a create PicWish answered with 429 before reading the upload is sent again', async () => {
			const big = makeBmp(2000, 2000);
			const server = await startServer([
				answerBeforeBody(
					429,
					{ status: 429, message: 'too many requests' },
					{ 'Retry-After': '1' },
				),
				json(200, envelope({ task_id: 'sent-once' })),
			]);
			try {
				const result = await runPicWish({
					parameters: createAsync,
					items: [{ binary: { data: { data: big, fileName: 'big.bmp', mimeType: 'image/bmp' } } }],
					credentials: { baseUrl: server.baseUrl },
				});
				expect(result.error).toBeUndefined();
				expect(result.items[0].json.task_id).toBe('sent-once');
				expect(server.requests).toHaveLength(2);
			} finally {
				await server.close();
			}
		});

		it('a create that could not connect at all is retried, then fails clearly (nothing was sent)', async () => {
			// The waits the node asks for, not the time they took: here they end at once.
			const sleep = jest.spyOn(RunControl.prototype, 'sleep').mockResolvedValue();
			let result: Awaited<ReturnType<typeof runPicWish>>;
			let waits: number[];
			try {
				result = await runPicWish({
					parameters: createAsync,
					items: imageItems,
					credentials: { baseUrl: await refusedBaseUrl() },
				});
				waits = sleep.mock.calls.map(([ms]) => ms);
			} finally {
				sleep.mockRestore();
			}
			expect(result.error?.message).toBe(
				'Could not connect to PicWish: the connection was refused [item 0]',
			);
			expect(result.error?.description).toMatch(/Base URL/);
			expect(result.error?.description).not.toMatch(/not sent again/);
			// Three retries with 1 s, 2 s and 4 s backoff.
			expect(waits).toEqual([1000, 2000, 4000]);
			expect(everythingVisible(result)).not.toContain(TEST_API_KEY);
		});
	});

	describe('rate limits (429)', () => {
		it('retries after the time Retry-After asks for, then succeeds', async () => {
			const times: number[] = [];
			api()
				.post(TASK_PATH)
				.reply(() => {
					times.push(Date.now());
					return [429, { status: 429, message: 'too many requests' }, { 'Retry-After': '1' }];
				});
			api()
				.post(TASK_PATH)
				.reply(() => {
					times.push(Date.now());
					return [200, envelope({ task_id: 'after-429' })];
				});
			const result = await runPicWish({ parameters: createAsync, items: imageItems });
			expect(result.status).toBe('success');
			expect(result.items[0].json.task_id).toBe('after-429');
			expect(times[1] - times[0]).toBeGreaterThanOrEqual(990);
		});

		it('treats a 429 signalled only in the body as a rate limit', async () => {
			api()
				.post(TASK_PATH)
				.reply(200, { status: 429, message: 'qps limit' }, { 'Retry-After': '0' });
			api()
				.post(TASK_PATH)
				.reply(200, envelope({ task_id: 'body-429' }));
			const result = await runPicWish({ parameters: createAsync, items: imageItems });
			expect(result.items[0].json.task_id).toBe('body-429');
		});

		it("waits 429s out until the item's Timeout has passed, then fails it, saying what to do", async () => {
			let sent = 0;
			const scope = api()
				.post(TASK_PATH)
				.reply(() => {
					sent++;
					return [429, { status: 429, message: 'too many' }, { 'Retry-After': '0' }];
				})
				.persist();
			const started = Date.now();
			const result = await runPicWish({
				parameters: { ...createAsync, mode: 'sync', options: { timeout: 2 } },
				items: imageItems,
			});
			scope.persist(false);
			expect(result.error?.message).toBe('PicWish rate limit exceeded (429) [item 0]');
			expect(result.error?.description).toMatch(/Requests Per Second/);
			expect(sent).toBeGreaterThan(2);
			expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
		});
	});

	describe('queries', () => {
		it('a query that got a 5xx or a reset is retried (it changes nothing)', async () => {
			const server = await startServer([
				json(502, { status: 502 }),
				reset,
				json(200, completed('q1')),
			]);
			try {
				const result = await runPicWish({
					parameters: { operation: 'getTask', taskId: 'q1', options: { resultAs: 'url' } },
					credentials: { baseUrl: server.baseUrl },
				});
				expect(result.status).toBe('success');
				expect(result.items[0].json.taskStatus).toBe('completed');
				expect(server.requests.map((r) => r.url)).toEqual(Array(3).fill(`${TASK_PATH}/q1`));
				expect(server.requests[0].headers['x-api-key']).toBe(TEST_API_KEY);
			} finally {
				await server.close();
			}
		});
	});

	describe('result downloads', () => {
		const result = makePng(64, 48);
		const getResult = { operation: 'getTask', taskId: 'done-1', options: { resultAs: 'binary' } };
		// The API and its storage on one local server: the query answers with a result URL on it.
		const queryDone: Handler = (req, res, body) =>
			json(200, completed('done-1', `http://${req.headers.host}/r.png`))(req, res, body);

		it('a download cut off mid-image is fetched again from the start', async () => {
			const server = await startServer([queryDone, cutOff(result, 100), image(result)]);
			try {
				const run = await runPicWish({
					parameters: getResult,
					credentials: { baseUrl: server.baseUrl },
				});
				expect(run.status).toBe('success');
				expect((await binaryBuffer(run.items[0])).equals(result)).toBe(true);
				expect(server.requests.map((r) => r.url)).toEqual([
					`${TASK_PATH}/done-1`,
					'/r.png',
					'/r.png',
				]);
				// Storage URLs are signed: the key is never sent there.
				expect(server.requests[1].headers['x-api-key']).toBeUndefined();
			} finally {
				await server.close();
			}
		});

		it('stops at once when the execution is canceled during a download', async () => {
			// The download stalls until its 120 s timeout: the run ends before the test's 30 s timeout
			// only if the cancel cuts it short.
			const server = await startServer([queryDone, stallAfter(result, 100)]);
			try {
				let canceled = false;
				const run = await runPicWish({
					parameters: getResult,
					credentials: { baseUrl: server.baseUrl },
					onStart: (execution) => {
						const check = setInterval(() => {
							if (server.requests.length === 2) {
								clearInterval(check);
								canceled = true;
								execution.cancel();
							}
						}, 20);
					},
				});
				expect(run.status).toBe('canceled');
				expect(canceled).toBe(true);
			} finally {
				await server.close();
			}
		});
	});

	describe('answers that are not what the docs promise', () => {
		it('an HTML gateway page instead of JSON', async () => {
			api()
				.post(TASK_PATH)
				.reply(
					502,
					'<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
					{
						'Content-Type': 'text/html',
					},
				);
			const result = await runPicWish({ parameters: createAsync, items: imageItems });
			expect(result.error?.message).toBe('PicWish is unavailable (502) [item 0]');
			expect(result.error?.description).toContain(
				'The response began: "502 Bad Gateway 502 Bad Gateway"',
			);
		});

		it('a 200 that is not JSON', async () => {
			api().post(TASK_PATH).reply(200, 'OK', { 'Content-Type': 'text/plain' });
			const result = await runPicWish({ parameters: createAsync, items: imageItems });
			expect(result.error?.message).toBe(
				'PicWish answered with something that is not JSON (HTTP 200) [item 0]',
			);
		});

		it('JSON without data', async () => {
			api().post(TASK_PATH).reply(200, { status: 200, message: 'success' });
			const result = await runPicWish({ parameters: createAsync, items: imageItems });
			expect(result.error?.message).toBe('PicWish answered without task data [item 0]');
		});

		it('a create answer without a task_id fails Remove Watermark clearly', async () => {
			api().post(TASK_PATH).reply(200, envelope({}));
			const result = await runPicWish({
				parameters: {
					operation: 'removeWatermark',
					inputType: 'binary',
					binaryPropertyName: 'data',
				},
				items: imageItems,
			});
			expect(result.error?.message).toBe('PicWish created the task but sent no task_id [item 0]');
		});
	});

	describe('credential', () => {
		it('sends the key as X-API-KEY to the credential base URL, trailing slash or not', async () => {
			nock('http://127.0.0.1:9999', { reqheaders: { 'x-api-key': TEST_API_KEY } })
				.post(TASK_PATH)
				.reply(200, envelope({ task_id: 'local' }));
			const result = await runPicWish({
				parameters: createAsync,
				items: imageItems,
				credentials: { baseUrl: 'http://127.0.0.1:9999/' },
			});
			expect(result.items[0].json.task_id).toBe('local');
		});

		it.each([
			['not a url', /is not a valid URL/],
			['ftp://example.com', /must start with https:\/\/ or http:\/\//],
		])('refuses a Base URL of %j', async (baseUrl, message) => {
			const result = await runPicWish({
				parameters: createAsync,
				items: imageItems,
				credentials: { baseUrl },
			});
			expect(result.error?.message).toMatch(message);
		});

		it('defaults to the global host when the Base URL is empty', async () => {
			nock(BASE_URL)
				.post(TASK_PATH)
				.reply(200, envelope({ task_id: 'default-host' }));
			const result = await runPicWish({
				parameters: createAsync,
				items: imageItems,
				credentials: { baseUrl: '' },
			});
			expect(result.items[0].json.task_id).toBe('default-host');
		});
	});
});

describe('transport building blocks', () => {
	it('parseRetryAfter reads seconds and HTTP dates, and caps long waits', () => {
		expect(parseRetryAfter('2')).toBe(2000);
		expect(parseRetryAfter(['3'])).toBe(3000);
		expect(
			parseRetryAfter('Tue, 24 Nov 2026 12:00:05 GMT', Date.parse('2026-11-24T12:00:00Z')),
		).toBe(5000);
		expect(parseRetryAfter('86400')).toBe(120_000);
		expect(parseRetryAfter(undefined)).toBeUndefined();
		expect(parseRetryAfter('soon')).toBeUndefined();
	});

	it('backoffMs doubles and is capped', () => {
		expect([0, 1, 2, 3, 4, 5, 10].map(backoffMs)).toEqual([
			1000, 2000, 4000, 8000, 16000, 16000, 16000,
		]);
	});

	it('parseEnvelope accepts JSON text, buffers and objects, and refuses the rest', () => {
		expect(parseEnvelope('{"status":200}')).toEqual({ status: 200 });
		expect(parseEnvelope(Buffer.from('{"status":200}'))).toEqual({ status: 200 });
		expect(parseEnvelope({ status: 200 })).toEqual({ status: 200 });
		for (const bad of ['<html>', '[1,2]', '42', 'null', '', undefined, null, 7]) {
			expect(parseEnvelope(bad)).toBeUndefined();
		}
	});

	it.each([
		['ECONNREFUSED', false, true, 'no connection was made'],
		['ENOTFOUND', false, true, 'the host was not found'],
		['EPIPE', false, true, 'the connection closed while the body was being written'],
		['ECONNRESET', false, false, 'the request may have arrived whole'],
		['ECONNABORTED', false, false, 'a timeout: PicWish may be working on it'],
		['other', false, false, 'an unknown fault'],
		['ECONNRESET', true, true, 'a query changes nothing'],
		['ECONNABORTED', true, true, 'a query changes nothing'],
	])('mayResend(%s, idempotent %s) is %s: %s', (code, idempotent, expected) => {
		expect(mayResend(code, idempotent)).toBe(expected);
	});

	it('networkErrorCode finds the code on the error or what it wraps', () => {
		expect(networkErrorCode({ code: 'ECONNREFUSED' })).toBe('ECONNREFUSED');
		expect(networkErrorCode({ cause: { cause: { code: 'ENOTFOUND' } } })).toBe('ENOTFOUND');
		expect(networkErrorCode(new Error('timeout of 30000ms exceeded'))).toBe('ECONNABORTED');
		expect(networkErrorCode(new Error('connect ECONNRESET 1.2.3.4'))).toBe('ECONNRESET');
		expect(networkErrorCode(new Error('something else'))).toBeUndefined();
		expect(networkErrorCode(undefined)).toBeUndefined();
	});
});
