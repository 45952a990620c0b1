/**
 * A local PicWish-compatible server for development and tests (never part of the package).
 * It follows docs/picwish-api.md: both endpoints, the X-API-KEY check, the url/file one-of rule,
 * the 50 MB limit, the per-key QPS limit, sync 0/1, tasks that move through the pending states,
 * result URLs that expire, failure states chosen by the input, and fault modes.
 *
 * Run: npm run sandbox   (PORT, PICWISH_SANDBOX_KEYS, PICWISH_SANDBOX_QPS, PICWISH_SANDBOX_PROCESSING_MS,
 *                         PICWISH_SANDBOX_RESULT_TTL_MS set the options)
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { watermarkApi } from '../../nodes/PicWish/actions/watermark/api';
import { inspectImage } from '../../nodes/PicWish/helpers/image';
import { markImage } from './mark';
import { parseMultipart } from '../support/multipart';
import { sampleImage } from './samples';

export const TASK_PATH = watermarkApi.taskPath;
const MAX_UPLOAD = 50 * 1024 * 1024;
const MAX_URL_IMAGE = 30 * 1024 * 1024;
const PENDING_STATES = [0, 2, 3, 4, 6, 5];

export type FaultMode = 'status500' | 'malformed' | 'drop' | 'hang' | 'html502';

export interface SandboxOptions {
	port?: number;
	host?: string;
	apiKeys?: string[];
	/** Requests per second allowed per key; above it the answer is 429. */
	qps?: number;
	/** Time a task takes from creation to state 1. */
	processingMs?: number;
	/** Lifetime of a result URL. */
	resultTtlMs?: number;
}

export interface SandboxStats {
	requests: number;
	creates: number;
	queries: number;
	downloads: number;
	rateLimited: number;
	unauthorized: number;
	faults: number;
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
	result?: { bytes: Buffer; contentType: string; extension: string };
	sourceName: string;
	startedAt: number;
}

interface Result {
	bytes: Buffer;
	contentType: string;
	expiresAt: number;
}

export interface Sandbox {
	url: string;
	stats: SandboxStats;
	options: Required<Omit<SandboxOptions, 'port' | 'host'>>;
	/** The next `count` API requests meet the given fault. */
	injectFault: (mode: FaultMode, count?: number) => void;
	reset: () => void;
	close: () => Promise<void>;
}

const unixSeconds = (ms: number) => Math.floor(ms / 1000);

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
		resultTtlMs: options.resultTtlMs ?? 3_600_000,
	};
	const tasks = new Map<string, Task>();
	const results = new Map<string, Result>();
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
		const resultId = `${task.id}.${task.result!.extension}`;
		if (!results.has(resultId)) {
			results.set(resultId, { ...task.result!, expiresAt: completedAt + settings.resultTtlMs });
		}
		const expires = unixSeconds(completedAt + settings.resultTtlMs);
		return {
			...base,
			state: 1,
			progress: 100,
			state_detail: 'Complete',
			processed_at: unixSeconds(task.startedAt),
			completed_at: unixSeconds(completedAt),
			file: `${baseUrl}/results/${resultId}?Expires=${expires}&Signature=sandbox`,
			time_elapsed: task.processingMs / 1000,
		};
	}

	/** Loads the source of a URL task; returns a failure state when PicWish would fail it. */
	async function loadUrl(url: string): Promise<{ bytes: Buffer } | { failState: number }> {
		const fail = /\/fail-(\d+)\.\w+(?:\?.*)?$/.exec(url);
		if (fail) return { failState: -Number(fail[1]) };
		try {
			const parsed = new URL(url);
			if (parsed.origin === baseUrl && parsed.pathname.startsWith('/samples/')) {
				const sample = sampleImage(decodeURIComponent(parsed.pathname.slice('/samples/'.length)));
				return sample ? { bytes: sample.bytes } : { failState: -3 };
			}
			const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
			if (!response.ok) return { failState: -3 };
			const bytes = Buffer.from(await response.arrayBuffer());
			return bytes.length > MAX_URL_IMAGE ? { failState: -5 } : { bytes };
		} catch {
			return { failState: -3 };
		}
	}

	function createTask(key: string, bytes: Buffer | undefined, failState: number | undefined, sourceName: string): Task {
		const now = Date.now();
		const task: Task = {
			id: randomUUID(),
			key,
			createdAt: now,
			startedAt: now,
			processingMs: settings.processingMs,
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
				task.result = markImage(bytes, check.type.kind, check.type.mimeType, check.type.extension, check.width * check.height);
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
		const sync = parts.sync?.body.toString('utf8').trim() === '1';
		let task: Task;
		if (file) {
			task = createTask(key, file.body, undefined, file.filename ?? 'upload');
		} else {
			const loaded = await loadUrl(url!);
			task = createTask(key, 'bytes' in loaded ? loaded.bytes : undefined, 'failState' in loaded ? loaded.failState : undefined, url!);
		}
		if (!sync) {
			sendJson(res, 200, { status: 200, message: 'success (PicWish sandbox)', data: { task_id: task.id } });
			return;
		}
		const doneAt = task.failState !== undefined ? task.failAt! : task.startedAt + task.processingMs;
		// Timers may fire a millisecond early: wait until the task really is done.
		while (Date.now() < doneAt) await new Promise((resolve) => setTimeout(resolve, doneAt - Date.now() + 1));
		sendJson(res, 200, { status: 200, message: 'success (PicWish sandbox)', data: taskData(task) });
	}

	function handleQuery(res: ServerResponse, key: string, taskId: string): void {
		stats.queries++;
		const task = tasks.get(taskId);
		if (!task || task.key !== key) {
			sendJson(res, 404, { status: 404, message: 'task not found (sandbox)' });
			return;
		}
		sendJson(res, 200, { status: 200, message: 'success (PicWish sandbox)', data: taskData(task) });
	}

	function handleResult(res: ServerResponse, id: string): void {
		stats.downloads++;
		const result = results.get(id);
		if (!result || Date.now() > result.expiresAt) {
			res.writeHead(403, { 'Content-Type': 'application/xml' });
			res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Request has expired (sandbox)</Message></Error>');
			return;
		}
		res.writeHead(200, { 'Content-Type': result.contentType, 'Content-Length': String(result.bytes.length) });
		res.end(result.bytes);
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
		if (path.startsWith('/results/') && req.method === 'GET') return handleResult(res, path.slice('/results/'.length));
		if (path === '/' || path === '/healthz') {
			return sendJson(res, 200, { sandbox: 'PicWish watermark removal API sandbox', taskPath: TASK_PATH });
		}

		const isCreate = path === TASK_PATH && req.method === 'POST';
		const isQuery = path.startsWith(`${TASK_PATH}/`) && req.method === 'GET';
		if (!isCreate && !isQuery) {
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
			return sendJson(res, 429, { status: 429, message: 'too many requests: QPS limit exceeded (sandbox)' }, { 'Retry-After': '1' });
		}
		if (applyFault(req, res)) return;
		if (isCreate) return await handleCreate(req, res, key);
		return handleQuery(res, key, decodeURIComponent(path.slice(TASK_PATH.length + 1)));
	}

	function reset(): void {
		tasks.clear();
		results.clear();
		admitted.clear();
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

