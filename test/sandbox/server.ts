/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * A local PicWish-compatible server for development and tests (never part of the package).
 * It follows docs/picwish-api.md and answers the way the real API was seen to answer ("What the real
 * API sends" there): the task endpoints, the credits endpoint, the X-API-KEY check, the url/file
 * one-of rule, the 50 MB limit, the per-key QPS limit (429 without Retry-After unless asked),
 * sync 0/1, tasks that move through the pending states, success bodies without `message`,
 * integer Unix seconds, `time_elapsed` in ms, JPEG results behind V4-signed OSS-style URLs (or the
 * old `Expires`/`Signature` form) that expire with an OSS XML 403, credits that go down with each
 * successful task, failure states chosen by the input, and fault modes.
 *
 * Run: npm run sandbox   (PORT, PICWISH_SANDBOX_KEYS, PICWISH_SANDBOX_QPS, PICWISH_SANDBOX_PROCESSING_MS,
 *                         PICWISH_SANDBOX_RESULT_TTL_MS, PICWISH_SANDBOX_CREDITS,
 *                         PICWISH_SANDBOX_URL_SIGNATURE=v4|v1, PICWISH_SANDBOX_RETRY_AFTER=1 set the options)
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { watermarkApi } from '../../nodes/PicWish/actions/watermark/api';
import { CREDITS_PATH } from '../../nodes/PicWish/transport/constants';
import { inspectImage } from '../../nodes/PicWish/helpers/image';
import { markImage } from './mark';
import { parseMultipart } from '../support/multipart';
import { sampleImage } from './samples';

export const TASK_PATH = watermarkApi.taskPath;
const MAX_UPLOAD = 50 * 1024 * 1024;
const MAX_URL_IMAGE = 30 * 1024 * 1024;
const PENDING_STATES = [0, 2, 3, 4, 6, 5];
/** Signs the sandbox's result URLs; the download checks the signature as OSS would. */
const SIGNING_SECRET = 'picwish-sandbox-oss-secret';
/** Credits of the first package (a trial), spent before the second. */
const TRIAL_CREDITS = 5;

export type FaultMode = 'status500' | 'malformed' | 'drop' | 'hang' | 'html502';

export interface SandboxOptions {
	port?: number;
	host?: string;
	apiKeys?: string[];
	/** Requests per second allowed per key; above it the answer is 429. */
	qps?: number;
	/** Time a task takes from creation to state 1. */
	processingMs?: number;
	/** Lifetime of a result URL (whole seconds, as OSS signs it). */
	resultTtlMs?: number;
	/** Result URL signatures: OSS V4 (`x-oss-*`, as PicWish answers now) or the old `Expires`/`Signature` form. */
	urlSignature?: 'v4' | 'v1';
	/** Send `Retry-After: 1` with a 429 (the real API was never seen to). */
	retryAfter?: boolean;
	/** Credits per key at the start; each successful task uses one. */
	credits?: number;
	/** Serve the credits endpoint (false: a host without it, which answers 404). */
	creditsEndpoint?: boolean;
	/**
	 * A gateway that answers 404 to a task ID that is not a UUID before it checks the key (real
	 * task IDs are UUIDs; whether PicWish's gateway does this is unknown, so the credential test
	 * must not depend on it).
	 */
	strictTaskIds?: boolean;
}

export interface SandboxStats {
	requests: number;
	creates: number;
	queries: number;
	downloads: number;
	rateLimited: number;
	unauthorized: number;
	faults: number;
	/** Requests for the credits endpoint. */
	creditChecks: number;
	/** Largest number of API requests admitted for one key within any one second. */
	peakPerSecond: number;
}

interface Task {
	id: string;
	key: string;
	createdAt: number;
	processingMs: number;
	/** Failure state the task ends in, if any. */
	failState?: number;
	failAt?: number;
	/** The cleaned image (always a JPEG). */
	result?: Buffer;
	width?: number;
	height?: number;
	/** How long fetching a URL input took (PicWish's `download_time`). */
	downloadMs: number;
	sourceName: string;
	startedAt: number;
}

export interface Sandbox {
	url: string;
	stats: SandboxStats;
	options: Required<Omit<SandboxOptions, 'port' | 'host'>>;
	/** Credits left and used by a key. */
	credits: (key: string) => { remaining: number; used: number };
	/** The next `count` API requests meet the given fault. */
	injectFault: (mode: FaultMode, count?: number) => void;
	reset: () => void;
	close: () => Promise<void>;
}

const unixSeconds = (ms: number) => Math.floor(ms / 1000);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	res.writeHead(status, { 'Content-Type': 'application/json', 'X-PicWish-Sandbox': '1', ...headers });
	res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) tooLarge = true;
			else chunks.push(chunk);
		});
		req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const settings = {
		apiKeys: options.apiKeys ?? ['sandbox-key'],
		qps: options.qps ?? 2,
		processingMs: options.processingMs ?? 3000,
		resultTtlMs: Math.max(1000, Math.round((options.resultTtlMs ?? 3_600_000) / 1000) * 1000),
		urlSignature: options.urlSignature ?? 'v4',
		retryAfter: options.retryAfter ?? false,
		credits: options.credits ?? 1000,
		creditsEndpoint: options.creditsEndpoint ?? true,
		strictTaskIds: options.strictTaskIds ?? false,
	};
	const used = new Map<string, number>();
	const tasks = new Map<string, Task>();
	const admitted = new Map<string, number[]>();
	const faults: FaultMode[] = [];
	const stats: SandboxStats = {
		requests: 0,
		creates: 0,
		queries: 0,
		downloads: 0,
		rateLimited: 0,
		unauthorized: 0,
		faults: 0,
		creditChecks: 0,
		peakPerSecond: 0,
	};
	let baseUrl = '';

	/** Sliding one-second window per key. */
	function admit(key: string): boolean {
		const now = Date.now();
		const times = (admitted.get(key) ?? []).filter((time) => time > now - 1000);
		if (times.length >= settings.qps) {
			admitted.set(key, times);
			return false;
		}
		times.push(now);
		admitted.set(key, times);
		stats.peakPerSecond = Math.max(stats.peakPerSecond, times.length);
		return true;
	}

	function taskData(task: Task, now = Date.now()): Record<string, unknown> {
		const elapsed = now - task.startedAt;
		const base = {
			task_id: task.id,
			created_at: unixSeconds(task.createdAt),
			...(task.width ? { image_width: task.width, image_height: task.height } : {}),
			download_time: task.downloadMs,
			sandbox: true,
		};
		if (task.failState !== undefined && now >= (task.failAt ?? 0)) {
			return { ...base, state: task.failState, progress: 0, state_detail: 'Failed (sandbox)' };
		}
		if (elapsed < task.processingMs) {
			const step = Math.min(PENDING_STATES.length - 1, Math.floor((elapsed / task.processingMs) * PENDING_STATES.length));
			return {
				...base,
				state: PENDING_STATES[step],
				progress: Math.floor((elapsed / task.processingMs) * 100),
				...(step > 0 ? { processed_at: unixSeconds(task.startedAt) } : {}),
			};
		}
		const completedAt = task.startedAt + task.processingMs;
		const resultId = `${task.id}.jpg`;
		return {
			...base,
			state: 1,
			progress: 100,
			state_detail: 'Complete',
			processed_at: unixSeconds(task.startedAt),
			completed_at: unixSeconds(completedAt),
			file: signedResultUrl(resultId, completedAt),
			time_elapsed: task.processingMs,
		};
	}

	/** A result URL signed at `signedAt` for the result lifetime, in the configured form. */
	function signedResultUrl(resultId: string, signedAt: number): string {
		const path = `/results/${resultId}`;
		const lifetime = settings.resultTtlMs / 1000;
		if (settings.urlSignature === 'v1') {
			const expires = unixSeconds(signedAt) + lifetime;
			const signature = sign(`${path}\n${expires}`);
			return `${baseUrl}${path}?Expires=${expires}&OSSAccessKeyId=LTAI5tSandbox&Signature=${encodeURIComponent(signature)}`;
		}
		const date = new Date(unixSeconds(signedAt) * 1000).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
		const query = new URLSearchParams({
			'x-oss-credential': `LTAI5tSandbox/${date.slice(0, 8)}/cn-hongkong/oss/aliyun_v4_request`,
			'x-oss-date': date,
			'x-oss-expires': String(lifetime),
			'x-oss-signature-version': 'OSS4-HMAC-SHA256',
		});
		query.set('x-oss-signature', sign(`${path}\n${query.toString()}`));
		return `${baseUrl}${path}?${query.toString()}`;
	}

	function sign(text: string): string {
		return createHmac('sha256', SIGNING_SECRET).update(text).digest('hex');
	}

	/** When a signed result URL stops working, or why it never worked. */
	function checkSignature(path: string, query: URLSearchParams): { expiresAt: number } | { problem: string } {
		if (query.has('x-oss-signature')) {
			const unsigned = new URLSearchParams([...query].filter(([name]) => name !== 'x-oss-signature'));
			if (query.get('x-oss-signature') !== sign(`${path}\n${unsigned.toString()}`)) return { problem: 'SignatureDoesNotMatch' };
			const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(query.get('x-oss-date') ?? '');
			if (!match) return { problem: 'SignatureDoesNotMatch' };
			const [, y, mo, d, h, mi, sec] = match.map(Number);
			return { expiresAt: Date.UTC(y, mo - 1, d, h, mi, sec) + Number(query.get('x-oss-expires')) * 1000 };
		}
		const expires = query.get('Expires');
		if (!expires || query.get('Signature') !== sign(`${path}\n${expires}`)) return { problem: 'SignatureDoesNotMatch' };
		return { expiresAt: Number(expires) * 1000 };
	}

	/** The key's credit packages: a small trial spent first, then the rest (the fields are as seen; the split is the sandbox's). */
	function creditPackages(key: string): Array<Record<string, unknown>> {
		const total = settings.credits;
		const spent = used.get(key) ?? 0;
		const trial = Math.min(TRIAL_CREDITS, total);
		const trialUsed = Math.min(spent, trial);
		return [
			{ package_name: 'Free trial (sandbox)', total_credits: trial, remaining_credits: trial - trialUsed, used_credits: trialUsed },
			{
				package_name: 'API credits (sandbox)',
				total_credits: total - trial,
				remaining_credits: total - trial - (spent - trialUsed),
				used_credits: spent - trialUsed,
			},
		];
	}

	const remainingCredits = (key: string) => settings.credits - (used.get(key) ?? 0);

	/** Loads the source of a URL task; returns a failure state when PicWish would fail it. */
	async function loadUrl(url: string): Promise<{ bytes: Buffer; downloadMs: number } | { failState: number }> {
		const started = Date.now();
		const fail = /\/fail-(\d+)\.\w+(?:\?.*)?$/.exec(url);
		if (fail) return { failState: -Number(fail[1]) };
		try {
			const parsed = new URL(url);
			if (parsed.origin === baseUrl && parsed.pathname.startsWith('/samples/')) {
				const sample = sampleImage(decodeURIComponent(parsed.pathname.slice('/samples/'.length)));
				return sample ? { bytes: sample.bytes, downloadMs: Date.now() - started } : { failState: -3 };
			}
			const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
			if (!response.ok) return { failState: -3 };
			const bytes = Buffer.from(await response.arrayBuffer());
			return bytes.length > MAX_URL_IMAGE ? { failState: -5 } : { bytes, downloadMs: Date.now() - started };
		} catch {
			return { failState: -3 };
		}
	}

	function createTask(key: string, bytes: Buffer | undefined, failState: number | undefined, sourceName: string, downloadMs = 0): Task {
		const now = Date.now();
		const task: Task = {
			id: randomUUID(),
			key,
			createdAt: now,
			startedAt: now,
			processingMs: settings.processingMs,
			downloadMs,
			sourceName,
		};
		if (failState !== undefined) {
			task.failState = failState;
			task.failAt = now + Math.min(settings.processingMs, 500);
		} else if (bytes) {
			const check = inspectImage(bytes);
			if (!check.ok) {
				task.failState = -7;
				task.failAt = now + Math.min(settings.processingMs, 500);
			} else {
				task.result = markImage(bytes, check.type.kind, check.width, check.height);
				task.width = check.width;
				task.height = check.height;
				// Credits are used by successful calls only.
				used.set(key, (used.get(key) ?? 0) + 1);
			}
		}
		tasks.set(task.id, task);
		return task;
	}

	async function handleCreate(req: IncomingMessage, res: ServerResponse, key: string): Promise<void> {
		stats.creates++;
		const body = await readBody(req, MAX_UPLOAD + 64 * 1024);
		if (body === 'too-large') {
			sendJson(res, 413, { status: 413, message: 'file too large (sandbox): the limit is 50 MB' });
			return;
		}
		const contentType = String(req.headers['content-type'] ?? '');
		let parts: Awaited<ReturnType<typeof parseMultipart>>;
		try {
			parts = contentType.startsWith('multipart/form-data') ? await parseMultipart(contentType, body) : {};
		} catch {
			parts = {};
		}
		const file = parts.file?.body.length ? parts.file : undefined;
		const url = parts.url?.body.toString('utf8').trim();
		if ((file && url) || (!file && !url)) {
			sendJson(res, 400, {
				status: 400,
				message: file ? 'url and file are mutually exclusive (sandbox)' : 'one of url or file is required (sandbox)',
			});
			return;
		}
		if (file && file.body.length > MAX_UPLOAD) {
			sendJson(res, 413, { status: 413, message: 'file too large (sandbox): the limit is 50 MB' });
			return;
		}
		if (remainingCredits(key) <= 0) {
			// A guess: how PicWish answers a key with no credits was never seen. 403 is what its
			// status table leaves for refused access.
			sendJson(res, 403, { status: 403, message: 'Insufficient credits (sandbox)' });
			return;
		}
		const sync = parts.sync?.body.toString('utf8').trim() === '1';
		let task: Task;
		if (file) {
			task = createTask(key, file.body, undefined, file.filename ?? 'upload');
		} else {
			const loaded = await loadUrl(url!);
			task =
				'bytes' in loaded
					? createTask(key, loaded.bytes, undefined, url!, loaded.downloadMs)
					: createTask(key, undefined, loaded.failState, url!);
		}
		if (!sync) {
			sendJson(res, 200, { status: 200, data: { task_id: task.id } });
			return;
		}
		const doneAt = task.failState !== undefined ? task.failAt! : task.startedAt + task.processingMs;
		// Timers may fire a millisecond early: wait until the task really is done.
		while (Date.now() < doneAt) await new Promise((resolve) => setTimeout(resolve, doneAt - Date.now() + 1));
		sendJson(res, 200, { status: 200, data: taskData(task) });
	}

	function handleQuery(res: ServerResponse, key: string, taskId: string): void {
		stats.queries++;
		const task = tasks.get(taskId);
		if (!task || task.key !== key) {
			sendJson(res, 404, { status: 404, message: 'task not found (sandbox)' });
			return;
		}
		sendJson(res, 200, { status: 200, data: taskData(task) });
	}

	/** Serves a result as OSS does: the signature and its lifetime decide, with an XML error otherwise. */
	function handleResult(res: ServerResponse, path: string, query: URLSearchParams): void {
		stats.downloads++;
		// A completed task's image; a signed URL decides who may fetch it and until when.
		const task = tasks.get(path.slice('/results/'.length).replace(/\.jpg$/, ''));
		const result = task && Date.now() >= task.startedAt + task.processingMs ? task.result : undefined;
		const signature = checkSignature(path, query);
		const now = Date.now();
		const problem = !result ? 'NoSuchKey' : 'problem' in signature ? signature.problem : now > signature.expiresAt ? 'AccessDenied' : undefined;
		if (problem) {
			const message = {
				NoSuchKey: 'The specified key does not exist.',
				SignatureDoesNotMatch: 'The request signature we calculated does not match the signature you provided.',
				AccessDenied: 'Request has expired.',
			}[problem];
			const expired = problem === 'AccessDenied' && 'expiresAt' in signature;
			res.writeHead(problem === 'NoSuchKey' ? 404 : 403, { 'Content-Type': 'application/xml', 'x-oss-request-id': randomUUID() });
			res.end(
				`<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>${problem}</Code>\n  <Message>${message}</Message>\n  <RequestId>${randomUUID()}</RequestId>\n  <HostId>sandbox.oss-cn-hongkong.aliyuncs.com</HostId>\n${
					expired ? `  <Expires>${new Date(signature.expiresAt).toISOString()}</Expires>\n  <ServerTime>${new Date(now).toISOString()}</ServerTime>\n` : ''
				}</Error>`,
			);
			return;
		}
		res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': String(result!.length) });
		res.end(result!);
	}

	function handleCredits(res: ServerResponse, key: string): void {
		stats.creditChecks++;
		sendJson(res, 200, { status: 200, data: creditPackages(key) });
	}

	/** Applies an injected fault; returns true when the request was answered by it. */
	function applyFault(req: IncomingMessage, res: ServerResponse): boolean {
		const mode = faults.shift();
		if (!mode) return false;
		stats.faults++;
		req.resume();
		if (mode === 'status500') sendJson(res, 500, { status: 500, message: 'internal error (sandbox fault)' });
		else if (mode === 'malformed') {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end('{"status":200,"data":{"task_id":');
		} else if (mode === 'html502') {
			res.writeHead(502, { 'Content-Type': 'text/html' });
			res.end('<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>');
		} else if (mode === 'drop') req.socket.destroy();
		// 'hang': never answer.
		return true;
	}

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', baseUrl);
		const path = url.pathname;

		if (path.startsWith('/__sandbox/')) {
			if (path === '/__sandbox/stats') return sendJson(res, 200, { ...stats, tasks: tasks.size });
			if (path === '/__sandbox/reset' && req.method === 'POST') {
				reset();
				return sendJson(res, 200, { ok: true });
			}
			if (path === '/__sandbox/faults' && req.method === 'POST') {
				const body = JSON.parse((await readBody(req, 10_000)).toString() || '{}');
				for (let i = 0; i < (body.count ?? 1); i++) faults.push(body.mode);
				return sendJson(res, 200, { ok: true, pending: faults.length });
			}
			return sendJson(res, 404, { error: 'unknown sandbox endpoint' });
		}
		if (path.startsWith('/samples/') && req.method === 'GET') {
			const sample = sampleImage(decodeURIComponent(path.slice('/samples/'.length)));
			if (!sample) return sendJson(res, 404, { error: 'no such sample' });
			res.writeHead(200, { 'Content-Type': sample.type });
			res.end(sample.bytes);
			return;
		}
		if (path.startsWith('/results/') && req.method === 'GET') return handleResult(res, path, url.searchParams);
		if (path === '/' || path === '/healthz') {
			return sendJson(res, 200, { sandbox: 'PicWish watermark removal API sandbox', taskPath: TASK_PATH });
		}

		const isCreate = path === TASK_PATH && req.method === 'POST';
		const isQuery = path.startsWith(`${TASK_PATH}/`) && req.method === 'GET';
		const isCredits = path === CREDITS_PATH && req.method === 'GET' && settings.creditsEndpoint;
		const queriedId = isQuery ? decodeURIComponent(path.slice(TASK_PATH.length + 1)) : '';
		const malformedId = isQuery && settings.strictTaskIds && !UUID.test(queriedId);
		if ((!isCreate && !isQuery && !isCredits) || malformedId) {
			req.resume();
			return sendJson(res, 404, { status: 404, message: 'not found (sandbox)' });
		}
		stats.requests++;
		const key = String(req.headers['x-api-key'] ?? '');
		if (!settings.apiKeys.includes(key)) {
			stats.unauthorized++;
			req.resume();
			return sendJson(res, 401, { status: 401, message: 'unauthorized: invalid X-API-KEY (sandbox)' });
		}
		if (!admit(key)) {
			stats.rateLimited++;
			req.resume();
			return sendJson(
				res,
				429,
				{ status: 429, message: 'too many requests: QPS limit exceeded (sandbox)' },
				settings.retryAfter ? { 'Retry-After': '1' } : {},
			);
		}
		if (applyFault(req, res)) return;
		if (isCreate) return await handleCreate(req, res, key);
		if (isCredits) return handleCredits(res, key);
		return handleQuery(res, key, queriedId);
	}

	function reset(): void {
		tasks.clear();
		admitted.clear();
		used.clear();
		faults.length = 0;
		for (const name of Object.keys(stats) as Array<keyof SandboxStats>) stats[name] = 0;
	}

	const server: Server = createServer((req, res) => {
		handle(req, res).catch((error: Error) => {
			if (!res.headersSent) sendJson(res, 500, { status: 500, message: `sandbox error: ${error.message}` });
		});
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
	const address = server.address() as AddressInfo;
	baseUrl = `http://${options.host ?? '127.0.0.1'}:${address.port}`;

	return {
		url: baseUrl,
		stats,
		options: settings,
		credits: (key) => ({ remaining: remainingCredits(key), used: used.get(key) ?? 0 }),
		injectFault: (mode, count = 1) => {
			for (let i = 0; i < count; i++) faults.push(mode);
		},
		reset,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

// `npm run sandbox`
// run-ts.js puts the script path in argv[1].
if (require.main === module || process.argv[1] === __filename) {
	const env = process.env;
	startSandbox({
		port: Number(env.PORT ?? 8930),
		host: env.HOST ?? '127.0.0.1',
		apiKeys: env.PICWISH_SANDBOX_KEYS?.split(',').map((key) => key.trim()).filter(Boolean),
		qps: env.PICWISH_SANDBOX_QPS ? Number(env.PICWISH_SANDBOX_QPS) : undefined,
		processingMs: env.PICWISH_SANDBOX_PROCESSING_MS ? Number(env.PICWISH_SANDBOX_PROCESSING_MS) : undefined,
		resultTtlMs: env.PICWISH_SANDBOX_RESULT_TTL_MS ? Number(env.PICWISH_SANDBOX_RESULT_TTL_MS) : undefined,
		credits: env.PICWISH_SANDBOX_CREDITS ? Number(env.PICWISH_SANDBOX_CREDITS) : undefined,
		urlSignature: env.PICWISH_SANDBOX_URL_SIGNATURE === 'v1' ? 'v1' : undefined,
		retryAfter: env.PICWISH_SANDBOX_RETRY_AFTER === '1',
	}).then((sandbox) => {
		const { apiKeys, qps, processingMs } = sandbox.options;
		console.log(`PicWish sandbox listening on ${sandbox.url}`);
		console.log(`  API key(s): ${apiKeys.join(', ')}   QPS: ${qps}   processing: ${processingMs} ms`);
		console.log(`  sample images: ${sandbox.url}/samples/poster.png, ${sandbox.url}/samples/photo-800x600.jpg`);
		console.log(`  failure states: ${sandbox.url}/samples/fail-7.png → state -7`);
		const stop = () => {
			void sandbox.close().then(() => process.exit(0));
		};
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
	});
}

