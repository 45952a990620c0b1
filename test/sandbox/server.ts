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
 * Besides watermark removal it answers the `image_url` / `image_file` task APIs as their pages
 * describe them (apis.ts and apis-family.ts: fields, limits, prices, results of the documented type
 * and size, documents and ZIPs included; create.ts: the shared create rules). All endpoints share
 * one QPS limit and one credit balance per key; a task is queried on its own endpoint's path only.
 * Inputs an API reuses (Advanced ID Photo's `last_id`) are kept for an hour, per key and API.
 *
 * Run: npm run sandbox   (PORT, PICWISH_SANDBOX_KEYS, PICWISH_SANDBOX_QPS, PICWISH_SANDBOX_PROCESSING_MS,
 *                         PICWISH_SANDBOX_RESULT_TTL_MS, PICWISH_SANDBOX_CREDITS,
 *                         PICWISH_SANDBOX_URL_SIGNATURE=v4|v1, PICWISH_SANDBOX_RETRY_AFTER=1 set the options)
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { watermarkApi } from '../../nodes/PicWish/actions/watermark/api';
import { CREDITS_PATH } from '../../nodes/PicWish/transport/constants';
import { inspectImage } from '../../nodes/PicWish/helpers/image';
import { markImage } from './mark';
import type { Part } from '../support/multipart';
import { sampleHead, sampleImage } from './samples';
import { TASK_APIS, TASK_APIS_BY_PATH } from './apis';
import { createTask as createApiTask, type KeptInput, type TaskApi } from './create';
import { answerFault, creditPackages, loadInput, readBody, readParts, sendJson } from './http';
import { MAX_UPLOAD, tooLarge, uploadLimit } from './inputs';
import { serveResult, signedResultUrl } from './oss';
import type { FaultMode, Sandbox, SandboxOptions, SandboxStats, StoredResult, Task } from './types';

/** Watermark removal's task path (the sandbox's first API, answered with `url` / `file`). */
export const TASK_PATH = watermarkApi.taskPath;
/** Every task endpoint the sandbox answers. */
export const TASK_PATHS: readonly string[] = [TASK_PATH, ...TASK_APIS.map((api) => api.path)];
const PENDING_STATES = [0, 2, 3, 4, 6, 5];

export type { FaultMode, Sandbox, SandboxOptions, SandboxStats } from './types';

const unixSeconds = (ms: number) => Math.floor(ms / 1000);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How long an input stays reusable (PicWish keeps results for an hour). */
const KEPT_INPUT_MS = 3_600_000;

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
	const files = new Map<string, { task: Task; file: StoredResult }>();
	/** Inputs kept for reuse, by their id: whose they are and since when. */
	const kept = new Map<string, KeptInput & { key: string; path: string; at: number }>();
	/** Result files whose URLs were revoked (revokeResults), and when: refused as expired from then on. */
	const revoked = new Map<string, number>();
	const admitted = new Map<string, number[]>();
	const faults: FaultMode[] = [];
	const stats: SandboxStats = {
		requests: 0,
		creates: 0,
		createsByPath: {},
		queries: 0,
		downloads: 0,
		rateLimited: 0,
		unauthorized: 0,
		faults: 0,
		creditChecks: 0,
		peakPerSecond: 0,
		sampleHeads: 0,
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
			const step = Math.min(
				PENDING_STATES.length - 1,
				Math.floor((elapsed / task.processingMs) * PENDING_STATES.length),
			);
			return {
				...base,
				state: PENDING_STATES[step],
				progress: Math.floor((elapsed / task.processingMs) * 100),
				...(step > 0 ? { processed_at: unixSeconds(task.startedAt) } : {}),
			};
		}
		const completedAt = task.startedAt + task.processingMs;
		const results = Object.fromEntries(
			Object.entries(task.results ?? {}).map(([field, file]) => [
				field,
				typeof file === 'string'
					? file
					: task.returnType === 2
						? file.bytes.toString('base64')
						: signedResultUrl(
								baseUrl,
								`${file.id}.${file.ext}`,
								completedAt,
								settings.resultTtlMs,
								settings.urlSignature,
							),
			]),
		);
		return {
			...base,
			state: 1,
			progress: 100,
			state_detail: 'Complete',
			processed_at: unixSeconds(task.startedAt),
			completed_at: unixSeconds(completedAt),
			...results,
			...(task.returnType ? { return_type: task.returnType } : {}),
			time_elapsed: task.processingMs,
		};
	}

	const remainingCredits = (key: string) => settings.credits - (used.get(key) ?? 0);
	const loadUrl = async (url: string) => await loadInput(url, baseUrl);

	/** A new task on `path`: failed in `failState`, or done with `results` (credits are used by successful calls only). */
	function newTask(
		key: string,
		path: string,
		source: { sourceName: string; downloadMs: number },
		outcome:
			| { failState: number }
			| (Pick<Task, 'results' | 'width' | 'height'> & { price: number }),
		id = randomUUID(),
	): Task {
		const now = Date.now();
		const task: Task = {
			id,
			key,
			path,
			createdAt: now,
			startedAt: now,
			processingMs: settings.processingMs,
			...source,
		};
		if ('failState' in outcome) {
			task.failState = outcome.failState;
			task.failAt = now + Math.min(settings.processingMs, 500);
		} else {
			Object.assign(task, {
				results: outcome.results,
				width: outcome.width,
				height: outcome.height,
			});
			for (const file of Object.values(outcome.results ?? {}))
				if (typeof file === 'object') files.set(file.id, { task, file });
			used.set(key, (used.get(key) ?? 0) + outcome.price);
		}
		tasks.set(task.id, task);
		return task;
	}

	/** Watermark removal: the banded JPEG (mark.ts) as `file`, under the task's own ID. */
	function watermarkTask(
		key: string,
		bytes: Buffer | undefined,
		failState: number | undefined,
		sourceName: string,
		downloadMs = 0,
	): Task {
		const check = bytes ? inspectImage(bytes) : undefined;
		if (failState !== undefined || !check?.ok)
			return newTask(key, TASK_PATH, { sourceName, downloadMs }, { failState: failState ?? -7 });
		// The result is named by the task's ID, as PicWish names it.
		const id = randomUUID();
		const file: StoredResult = {
			id,
			ext: 'jpg',
			mime: 'image/jpeg',
			bytes: markImage(bytes!, check.type.kind, check.width, check.height),
		};
		return newTask(
			key,
			TASK_PATH,
			{ sourceName, downloadMs },
			{ results: { file }, width: check.width, height: check.height, price: 1 },
			id,
		);
	}

	/** Answers a created task: its ID (async), or the finished task (sync); the bare main result for return_type 3. */
	async function answerTask(res: ServerResponse, task: Task, sync: boolean): Promise<void> {
		if (!sync) return sendJson(res, 200, { status: 200, data: { task_id: task.id } });
		const doneAt = task.failState !== undefined ? task.failAt! : task.startedAt + task.processingMs;
		// Timers may fire a millisecond early: wait until the task really is done.
		while (Date.now() < doneAt)
			await new Promise((resolve) => setTimeout(resolve, doneAt - Date.now() + 1));
		const main = Object.values(task.results ?? {}).find(
			(file): file is StoredResult => typeof file === 'object',
		);
		if (task.returnType === 3 && main) {
			res.writeHead(200, {
				'Content-Type': main.mime,
				'Content-Length': String(main.bytes.length),
			});
			return void res.end(main.bytes);
		}
		sendJson(res, 200, { status: 200, data: taskData(task) });
	}

	async function handleCreate(
		req: IncomingMessage,
		res: ServerResponse,
		key: string,
		path: string,
	): Promise<void> {
		stats.creates++;
		stats.createsByPath[path] = (stats.createsByPath[path] ?? 0) + 1;
		const api = TASK_APIS_BY_PATH.get(path);
		const parts = await readParts(req, uploadLimit(api?.input));
		if (parts === 'too-large')
			return sendJson(res, 413, { status: 413, message: tooLarge(uploadLimit(api?.input)) });
		if (api) return await handleApiCreate(res, key, api, parts);
		const file = parts.file?.body.length ? parts.file : undefined;
		const url = parts.url?.body.toString('utf8').trim();
		if ((file && url) || (!file && !url)) {
			return sendJson(res, 400, {
				status: 400,
				message: file
					? 'url and file are mutually exclusive (sandbox)'
					: 'one of url or file is required (sandbox)',
			});
		}
		if (file && file.body.length > MAX_UPLOAD)
			return sendJson(res, 413, { status: 413, message: tooLarge(MAX_UPLOAD) });
		if (remainingCredits(key) <= 0) {
			// A guess: how PicWish answers a key with no credits was never seen. 403 is what its
			// status table leaves for refused access.
			return sendJson(res, 403, { status: 403, message: 'Insufficient credits (sandbox)' });
		}
		const sync = parts.sync?.body.toString('utf8').trim() === '1';
		let task: Task;
		if (file) {
			task = watermarkTask(key, file.body, undefined, file.filename ?? 'upload');
		} else {
			const loaded = await loadUrl(url!);
			task =
				'bytes' in loaded
					? watermarkTask(key, loaded.bytes, undefined, url!, loaded.downloadMs)
					: watermarkTask(key, undefined, loaded.failState, url!);
		}
		await answerTask(res, task, sync);
	}

	/** The `image_url` / `image_file` APIs: their rules in apis.ts and create.ts. */
	async function handleApiCreate(
		res: ServerResponse,
		key: string,
		api: TaskApi,
		parts: Record<string, Part>,
	): Promise<void> {
		const taskId = randomUUID();
		const created = await createApiTask(api, parts, {
			load: loadUrl,
			remaining: () => remainingCredits(key),
			baseUrl,
			taskId,
			recall: (id) => {
				const input = kept.get(id);
				return input?.key === key &&
					input.path === api.path &&
					Date.now() - input.at <= KEPT_INPUT_MS
					? input
					: undefined;
			},
			keep: (input) => {
				const now = Date.now();
				// Expired inputs go, so a long-running sandbox does not hold them all.
				for (const [id, { at }] of kept) if (now - at > KEPT_INPUT_MS) kept.delete(id);
				const id = randomUUID().replace(/-/g, '');
				kept.set(id, { ...input, key, path: api.path, at: now });
				return id;
			},
		});
		if ('status' in created)
			return sendJson(res, created.status, { status: created.status, message: created.message });
		const { outcome } = created;
		const stored =
			'failState' in outcome
				? outcome
				: {
						...outcome,
						results: Object.fromEntries(
							Object.entries(outcome.results).map(([field, file]) => [
								field,
								typeof file === 'string'
									? file
									: { id: randomUUID(), ext: file.ext, mime: file.mime, bytes: file.bytes },
							]),
						),
					};
		const task = newTask(key, api.path, created, stored, taskId);
		task.returnType = created.returnType;
		await answerTask(res, task, created.sync);
	}

	function handleQuery(res: ServerResponse, key: string, path: string, taskId: string): void {
		stats.queries++;
		const task = tasks.get(taskId);
		// A task is found on its own endpoint only.
		if (!task || task.key !== key || task.path !== path)
			return sendJson(res, 404, { status: 404, message: 'task not found (sandbox)' });
		sendJson(res, 200, { status: 200, data: taskData(task) });
	}

	/** A completed task's result file; a signed URL decides who may fetch it and until when (oss.ts). */
	function handleResult(res: ServerResponse, path: string, query: URLSearchParams): void {
		stats.downloads++;
		const match = /^\/results\/([^/]+)\.(\w+)$/.exec(path);
		const found = match ? files.get(match[1]) : undefined;
		const ready =
			found &&
			found.file.ext === match![2] &&
			Date.now() >= found.task.startedAt + found.task.processingMs;
		serveResult(
			res,
			path,
			query,
			ready ? found.file : undefined,
			ready ? revoked.get(found.file.id) : undefined,
		);
	}

	/**
	 * Every result URL issued so far stops working, as if it had expired or its CDN had revoked it:
	 * the results of tasks completed by now are refused with OSS's "Request has expired." from now
	 * on, whichever URL names them (a query of their task hands out the same URL). Tasks still
	 * processing, and tasks made later, are not touched. Returns how many results were revoked.
	 */
	function revokeResults(): number {
		const now = Date.now();
		let count = 0;
		for (const { task, file } of files.values()) {
			if (now < task.startedAt + task.processingMs || revoked.has(file.id)) continue;
			revoked.set(file.id, now);
			count++;
		}
		return count;
	}

	function handleCredits(res: ServerResponse, key: string): void {
		stats.creditChecks++;
		sendJson(res, 200, { status: 200, data: creditPackages(settings.credits, used.get(key) ?? 0) });
	}

	/** Applies an injected fault; returns true when the request was answered by it. */
	function applyFault(req: IncomingMessage, res: ServerResponse): boolean {
		const mode = faults.shift();
		if (!mode) return false;
		stats.faults++;
		answerFault(req, res, mode);
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
			if (path === '/__sandbox/revoke-results' && req.method === 'POST')
				return sendJson(res, 200, { ok: true, revoked: revokeResults() });
			if (path === '/__sandbox/faults' && req.method === 'POST') {
				const body = JSON.parse((await readBody(req, 10_000)).toString() || '{}');
				for (let i = 0; i < (body.count ?? 1); i++) faults.push(body.mode);
				return sendJson(res, 200, { ok: true, pending: faults.length });
			}
			return sendJson(res, 404, { error: 'unknown sandbox endpoint' });
		}
		if (path.startsWith('/samples/') && (req.method === 'GET' || req.method === 'HEAD')) {
			const name = decodeURIComponent(path.slice('/samples/'.length));
			// As a shop's CDN describes its images: Reuse Results compares the ETag across runs. A HEAD
			// is answered from the name, without drawing the image (which would hold the event loop).
			const head = sampleHead(name);
			const sample = req.method === 'GET' ? sampleImage(name) : undefined;
			if (!head || (req.method === 'GET' && !sample))
				return sendJson(res, 404, { error: 'no such sample' });
			stats.sampleHeads += req.method === 'HEAD' ? 1 : 0;
			res.writeHead(200, {
				'Content-Type': head.type,
				...(sample ? { 'Content-Length': String(sample.bytes.length) } : {}),
				ETag: head.etag,
			});
			res.end(sample?.bytes);
			return;
		}
		if (path.startsWith('/results/') && req.method === 'GET')
			return handleResult(res, path, url.searchParams);
		if (path === '/' || path === '/healthz') {
			return sendJson(res, 200, {
				sandbox: 'PicWish API sandbox',
				taskPath: TASK_PATH,
				taskPaths: TASK_PATHS,
			});
		}

		const isCreate = TASK_PATHS.includes(path) && req.method === 'POST';
		const queriedPath =
			req.method === 'GET'
				? TASK_PATHS.find((taskPath) => path.startsWith(`${taskPath}/`))
				: undefined;
		const isQuery = queriedPath !== undefined;
		const isCredits = path === CREDITS_PATH && req.method === 'GET' && settings.creditsEndpoint;
		const queriedId = isQuery ? decodeURIComponent(path.slice(queriedPath.length + 1)) : '';
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
			return sendJson(res, 401, {
				status: 401,
				message: 'unauthorized: invalid X-API-KEY (sandbox)',
			});
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
		if (isCreate) return await handleCreate(req, res, key, path);
		if (isCredits) return handleCredits(res, key);
		return handleQuery(res, key, queriedPath!, queriedId);
	}

	function reset(): void {
		tasks.clear();
		files.clear();
		kept.clear();
		revoked.clear();
		admitted.clear();
		used.clear();
		faults.length = 0;
		for (const name of Object.keys(stats) as Array<keyof SandboxStats>)
			if (typeof stats[name] === 'number') (stats[name] as number) = 0;
		stats.createsByPath = {};
	}

	const server: Server = createServer((req, res) => {
		handle(req, res).catch((error: Error) => {
			if (!res.headersSent)
				sendJson(res, 500, { status: 500, message: `sandbox error: ${error.message}` });
		});
	});
	await new Promise<void>((resolve) =>
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
	);
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
		revokeResults,
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
		apiKeys: env.PICWISH_SANDBOX_KEYS?.split(',')
			.map((key) => key.trim())
			.filter(Boolean),
		qps: env.PICWISH_SANDBOX_QPS ? Number(env.PICWISH_SANDBOX_QPS) : undefined,
		processingMs: env.PICWISH_SANDBOX_PROCESSING_MS
			? Number(env.PICWISH_SANDBOX_PROCESSING_MS)
			: undefined,
		resultTtlMs: env.PICWISH_SANDBOX_RESULT_TTL_MS
			? Number(env.PICWISH_SANDBOX_RESULT_TTL_MS)
			: undefined,
		credits: env.PICWISH_SANDBOX_CREDITS ? Number(env.PICWISH_SANDBOX_CREDITS) : undefined,
		urlSignature: env.PICWISH_SANDBOX_URL_SIGNATURE === 'v1' ? 'v1' : undefined,
		retryAfter: env.PICWISH_SANDBOX_RETRY_AFTER === '1',
	}).then((sandbox) => {
		const { apiKeys, qps, processingMs } = sandbox.options;
		console.log(`PicWish sandbox listening on ${sandbox.url}`);
		console.log(
			`  API key(s): ${apiKeys.join(', ')}   QPS: ${qps}   processing: ${processingMs} ms`,
		);
		console.log(
			`  sample images: ${sandbox.url}/samples/poster.png, ${sandbox.url}/samples/photo-800x600.jpg`,
		);
		console.log(`  failure states: ${sandbox.url}/samples/fail-7.png → state -7`);
		const stop = () => {
			void sandbox.close().then(() => process.exit(0));
		};
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
	});
}
