/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * `npm run bench`: batches at the API's rate limit, against the PicWish sandbox (QPS 2, about 3 s
 * of processing per image), in-process through n8n's engine; results go to docs/benchmarks.md.
 *
 * 1. 40 images through the node, beside the same batch sent the way a user would without it
 *    (all at once, as the HTTP Request node does, and one by one).
 * 2. Peak memory for ten 20 MB images, in n8n's default (memory) and filesystem binary modes,
 *    relative to one image, and from 10 to 40 images.
 *
 * 3. The scenarios of test/bench/scenarios.ts: slow processing, multi-MB photos, and many
 *    executions of one process sharing one key.
 * 4. Reuse Results: the same image more than once (test/bench/scenarios.ts, REUSE_SCENARIOS).
 *
 * Options (environment): BENCH_IMAGES (40), BENCH_PROCESSING_MS (3000), BENCH_QPS (2),
 * BENCH_SKIP_ONE_BY_ONE=1, BENCH_SKIP_MEMORY=1, BENCH_SKIP_SCENARIOS=1, BENCH_SCENARIOS=1,3 (only
 * those), BENCH_SKIP_REUSE=1, BENCH_SKIP_QUEUE=1 (the queue-mode run in real n8n), BENCH_BIG_MB (20),
 * BENCH_MEMORY_RUNS (3), BENCH_REUSE=run|never (the scenarios' Reuse Results; default: the node's). BENCH_ONLY=reuse runs only the Reuse Results section and replaces just that
 * section in docs/benchmarks.md (every other figure there stays as it was). BENCH_REUSE_ROWS=sorted,run
 * runs only those Reuse Results rows (their keys in REUSE_SCENARIOS); with BENCH_ONLY=reuse it then
 * prints them and leaves docs/benchmarks.md as it was.
 */
import './temp';
import '../support/setup-env';

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

import { TASK_PATH } from '../sandbox/server';
import { makePng } from '../support/images';
import { type InputItem, runPicWish, useBinaryMode } from '../support/workflow';
import { queueSection, REUSE_ROWS, reuseSection, scenarioSection } from './scenarios';
import { KEY, noisePng, resetSandbox, sandboxStats, startSandboxProcess } from './support';

const ROOT = resolve(__dirname, '../..');
const N = Number(process.env.BENCH_IMAGES ?? 40);
const PROCESSING_MS = Number(process.env.BENCH_PROCESSING_MS ?? 3000);
const QPS = Number(process.env.BENCH_QPS ?? 2);
const BIG_MB = Number(process.env.BENCH_BIG_MB ?? 20);
const MEMORY_RUNS = Number(process.env.BENCH_MEMORY_RUNS ?? 3);

interface BatchResult {
	label: string;
	wallMs: number;
	requestsPerImage: number;
	seen429: number;
	surfaced429: number;
	failed: number;
}

/** Our node: N images, binary input, default options. */
async function runNode(sandbox: string, images: Buffer[]): Promise<BatchResult> {
	await resetSandbox(sandbox);
	const items: InputItem[] = images.map((data, index) => ({
		binary: { data: { data, fileName: `product-${index}.png`, mimeType: 'image/png' } },
	}));
	const started = Date.now();
	const result = await runPicWish({
		parameters: {
			operation: 'removeWatermark',
			inputType: 'binary',
			binaryPropertyName: 'data',
			options: {},
		},
		items,
		credentials: { apiKey: KEY, baseUrl: sandbox, requestsPerSecond: QPS },
		continueOnFail: true,
	});
	const wallMs = Date.now() - started;
	const stats = await sandboxStats(sandbox);
	const failed =
		result.items.filter((item) => item.json.error).length + (result.status === 'success' ? 0 : N);
	return {
		label: 'n8n-nodes-picwish (Remove Watermark)',
		wallMs,
		requestsPerImage: stats.requests / images.length,
		seen429: stats.rateLimited,
		surfaced429: result.items.filter((item) => String(item.json.error ?? '').includes('429'))
			.length,
		failed,
	};
}

/** One synchronous create, as an HTTP Request node would send it. */
async function createSync(sandbox: string, image: Buffer, name: string): Promise<number> {
	const form = new FormData();
	form.append('sync', '1');
	form.append('file', new Blob([image], { type: 'image/png' }), name);
	const response = await fetch(`${sandbox}${TASK_PATH}`, {
		method: 'POST',
		body: form,
		headers: { 'X-API-KEY': KEY },
	});
	const body = (await response.json()) as { status: number };
	return response.status !== 200 ? response.status : body.status;
}

async function runAllAtOnce(sandbox: string, images: Buffer[]): Promise<BatchResult> {
	await resetSandbox(sandbox);
	const started = Date.now();
	const statuses = await Promise.all(
		images.map(async (image, index) => await createSync(sandbox, image, `p${index}.png`)),
	);
	const stats = await sandboxStats(sandbox);
	const rejected = statuses.filter((status) => status === 429).length;
	return {
		label: 'HTTP Request node style: all at once, one sync request per item',
		wallMs: Date.now() - started,
		requestsPerImage: stats.requests / images.length,
		seen429: stats.rateLimited,
		surfaced429: rejected,
		failed: statuses.filter((status) => status !== 200).length,
	};
}

async function runOneByOne(sandbox: string, images: Buffer[]): Promise<BatchResult> {
	await resetSandbox(sandbox);
	const started = Date.now();
	const statuses: number[] = [];
	for (const [index, image] of images.entries())
		statuses.push(await createSync(sandbox, image, `p${index}.png`));
	const stats = await sandboxStats(sandbox);
	return {
		label: 'one by one, one sync request per item',
		wallMs: Date.now() - started,
		requestsPerImage: stats.requests / images.length,
		seen429: stats.rateLimited,
		surfaced429: statuses.filter((status) => status === 429).length,
		failed: statuses.filter((status) => status !== 200).length,
	};
}

interface MemoryResult {
	mode: string;
	images: number;
	failed: number;
	firstError?: string;
	baselineMb: number;
	peakGrowthMb: number;
	/** Peak growth of the memory V8 knows of, JS heap + Buffers: unlike RSS, blind to how the
	 * allocator reuses pages freed before the run. */
	peakManagedMb: number;
	/** JS heap + Buffer memory still there after a GC once the node has finished: what is really
	 * kept (RSS itself rarely shrinks, so it cannot tell). */
	retainedMb: number;
	outputMb: number;
}

/** Peak RSS growth while the PicWish node runs (sampled every 10 ms), from just before it starts. */
async function measureMemory(
	sandbox: string,
	mode: 'default' | 'filesystem',
	images: Buffer[],
): Promise<MemoryResult> {
	await useBinaryMode(
		mode,
		mode === 'filesystem' ? mkdtempSync(join(tmpdir(), 'picwish-bench-')) : undefined,
	);
	await resetSandbox(sandbox);
	const gc = (globalThis as { gc?: () => void }).gc;
	let baseline = 0;
	let peak = 0;
	let managedPeak = 0;
	let retained = 0;
	let managedBaseline = 0;
	// Buffers and ArrayBuffers V8 knows of (Node counts them in both figures, not always in step).
	const buffers = (usage: NodeJS.MemoryUsage) => Math.max(usage.external, usage.arrayBuffers);
	const managed = () => {
		const usage = process.memoryUsage();
		return usage.heapUsed + buffers(usage);
	};
	let sampling: NodeJS.Timeout | undefined;
	const sample = () => {
		const usage = process.memoryUsage();
		peak = Math.max(peak, usage.rss);
		managedPeak = Math.max(managedPeak, usage.heapUsed + buffers(usage));
	};
	const result = await runPicWish({
		parameters: {
			operation: 'removeWatermark',
			inputType: 'binary',
			binaryPropertyName: 'data',
			options: {},
		},
		items: images.map((data, index) => ({
			binary: { data: { data, fileName: `big-${index}.png`, mimeType: 'image/png' } },
		})),
		credentials: { apiKey: KEY, baseUrl: sandbox, requestsPerSecond: QPS },
		continueOnFail: true,
		onNodeStart: (name) => {
			if (name !== 'PicWish') return;
			gc?.();
			const usage = process.memoryUsage();
			baseline = usage.rss;
			peak = baseline;
			managedBaseline = managed();
			managedPeak = managedBaseline;
			sampling = setInterval(sample, 10);
		},
		onNodeEnd: (name) => {
			if (name === 'PicWish' && sampling) {
				sample();
				clearInterval(sampling);
				gc?.();
				retained = managed();
			}
		},
	});
	const failures = result.items.filter((item) => item.json.error);
	const failed = result.status === 'success' ? failures.length : images.length;
	const firstError =
		result.status === 'success'
			? failures[0] &&
				`${String(failures[0].json.error)} — ${String(failures[0].json.description ?? '')}`
			: `${result.error?.message} — ${result.error?.description ?? ''}`;
	const outputBytes =
		mode === 'default'
			? result.items.reduce((sum, item) => sum + String(item.binary?.data?.data ?? '').length, 0)
			: 0;
	return {
		mode: mode === 'default' ? 'memory (default)' : 'filesystem',
		images: images.length,
		failed,
		firstError,
		baselineMb: baseline / 1048576,
		peakGrowthMb: (peak - baseline) / 1048576,
		peakManagedMb: (managedPeak - managedBaseline) / 1048576,
		retainedMb: (retained - managedBaseline) / 1048576,
		outputMb: outputBytes / 1048576,
	};
}

/**
 * Each memory run in a fresh process: RSS rarely shrinks, so a run measured after others would
 * inherit their freed pages (and look smaller) or their fragmentation (and look larger).
 */
async function measureMemoryInChild(
	sandbox: string,
	mode: 'default' | 'filesystem',
	images: number,
): Promise<MemoryResult> {
	const child = spawn(
		process.execPath,
		[
			'--expose-gc',
			join(ROOT, 'test/support/run-ts.js'),
			__filename,
			'memory',
			mode,
			String(images),
			sandbox,
		],
		{ stdio: ['ignore', 'pipe', 'inherit'] },
	);
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const code = await new Promise<number | null>((resolveExit) => child.on('exit', resolveExit));
	const last = output.trim().split('\n').pop() ?? '';
	if (code !== 0 || !last.startsWith('{'))
		throw new Error(`memory run ${mode} × ${images} failed (exit ${code}): ${output.slice(-500)}`);
	return JSON.parse(last) as MemoryResult;
}

async function memoryChild(
	mode: 'default' | 'filesystem',
	count: number,
	sandbox: string,
): Promise<void> {
	const images = Array.from({ length: count }, (_, index) => noisePng(BIG_MB, index));
	console.log(JSON.stringify(await measureMemory(sandbox, mode, images)));
}

const mb = (value: number) => value.toFixed(1);
const seconds = (ms: number) => (ms / 1000).toFixed(1);
const BENCHMARKS = join(ROOT, 'docs/benchmarks.md');

/**
 * `BENCH_ONLY=reuse`: measures only the Reuse Results section and puts it in docs/benchmarks.md in
 * place of the one there (or before the queue-mode section), leaving every other line as it was.
 */
async function reuseOnly(): Promise<void> {
	const lines: string[] = [];
	await reuseSection((line = '') => {
		console.log(line);
		lines.push(line);
	});
	if (REUSE_ROWS) {
		console.log('\nBENCH_REUSE_ROWS: only some rows measured, docs/benchmarks.md left as it was');
		return;
	}
	const section = `${lines.join('\n')}\n`;
	const text = readFileSync(BENCHMARKS, 'utf8');
	const start = text.indexOf('\n## Reuse Results') + 1;
	const next = (from: number, heading: string) => {
		const at = text.indexOf(`\n${heading}`, from);
		return at < 0 ? -1 : at + 1;
	};
	let updated: string;
	if (start > 0) {
		const end = next(start, '## ');
		updated = text.slice(0, start) + section + (end > 0 ? `\n${text.slice(end)}` : '');
	} else {
		const before = [next(0, '## Queue mode'), next(0, '## Memory')].find((at) => at > 0);
		updated = before
			? `${text.slice(0, before)}${section}\n${text.slice(before)}`
			: `${text.trimEnd()}\n\n${section}`;
	}
	writeFileSync(BENCHMARKS, updated);
	console.log('\nReuse Results section written to docs/benchmarks.md');
}

async function main(): Promise<void> {
	if (process.env.BENCH_ONLY === 'reuse') return await reuseOnly();
	if (process.env.BENCH_ONLY)
		throw new Error(`BENCH_ONLY=${process.env.BENCH_ONLY}: only "reuse" is known`);
	const sandbox = await startSandboxProcess(PROCESSING_MS);
	const lines: string[] = [];
	const log = (line = '') => {
		console.log(line);
		lines.push(line);
	};
	try {
		const images = Array.from({ length: N }, (_, index) =>
			makePng(320 + (index % 7), 320, [index * 5, 120, 200]),
		);
		const lowerBoundMs = (N / QPS) * 1000 + PROCESSING_MS;
		const results = [await runNode(sandbox.url, images), await runAllAtOnce(sandbox.url, images)];
		if (!process.env.BENCH_SKIP_ONE_BY_ONE) results.push(await runOneByOne(sandbox.url, images));

		log(`# Benchmarks`);
		log();
		log(
			`Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${mb(totalmem() / 1073741824)} GiB, Node ${process.version}, by \`npm run bench\`.`,
		);
		log(
			`Against the PicWish sandbox in its own process: QPS ${QPS} per key, ${PROCESSING_MS} ms of processing per image; in-process through n8n-core's engine.`,
		);
		log();
		log(`## ${N} images at the rate limit`);
		log();
		log(
			`Lower bound: ${N} images / ${QPS} requests per second + one processing time = **${seconds(lowerBoundMs)} s** (every image needs at least one request).`,
		);
		log();
		log(
			'| Run | Wall time | × lower bound | API requests per image | 429s seen | 429s surfaced | Failed items |',
		);
		log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
		for (const r of results) {
			log(
				`| ${r.label} | ${seconds(r.wallMs)} s | ${(r.wallMs / lowerBoundMs).toFixed(2)} | ${r.requestsPerImage.toFixed(2)} | ${r.seen429} | ${r.surfaced429} | ${r.failed} |`,
			);
		}
		const ours = results[0];
		log();
		log(
			`Targets: wall time ≤ 1.10 × lower bound (${(ours.wallMs / lowerBoundMs).toFixed(2)}: ${ours.wallMs <= 1.1 * lowerBoundMs ? 'met' : 'NOT met'}); 0 failed items (${ours.failed}); 0 surfaced 429s (${ours.surfaced429}); ≤ 1.5 requests per image (${ours.requestsPerImage.toFixed(2)}: ${ours.requestsPerImage <= 1.5 ? 'met' : 'NOT met'}).`,
		);

		if (!process.env.BENCH_SKIP_SCENARIOS) {
			log();
			await scenarioSection(log);
		}
		if (!process.env.BENCH_SKIP_REUSE) {
			log();
			await reuseSection(log);
		}
		if (!process.env.BENCH_SKIP_QUEUE) await queueSection(log);

		if (!process.env.BENCH_SKIP_MEMORY) {
			log();
			log(`## Memory: ${BIG_MB} MB images`);
			log();
			const size = noisePng(BIG_MB, 0).length / 1048576;
			log(
				`Each image is a ${mb(size)} MB PNG. Each row is the median of ${MEMORY_RUNS} runs, each in a fresh process. Measured while the PicWish node runs, from just before it starts (after a GC): the peak growth of the process's resident memory (RSS), which also depends on how the allocator reuses pages freed before the run; the peak growth of the memory V8 knows of (JS heap + Buffers), which does not; and the heap + Buffers still held after a GC once the node has finished. In n8n's memory mode the cleaned images themselves stay in memory as base64 (the "output held" column): that is n8n's design, not the node's, so the node's share is the growth beyond it.`,
			);
			log();
			log(
				'| Binary mode | Images | Failed | Peak RSS growth | Peak heap + Buffers growth | Kept after GC | Output held by n8n | RSS beyond output ÷ one image | Heap + Buffers beyond output ÷ one image |',
			);
			log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
			const memory: MemoryResult[] = [];
			for (const mode of ['filesystem', 'default'] as const) {
				for (const count of mode === 'filesystem' ? [1, 10, 40] : [1, 10]) {
					const runs: MemoryResult[] = [];
					for (let run = 0; run < MEMORY_RUNS; run++)
						runs.push(await measureMemoryInChild(sandbox.url, mode, count));
					const median = (pick: (r: MemoryResult) => number) =>
						runs.map(pick).sort((x, y) => x - y)[Math.floor(runs.length / 2)];
					const r: MemoryResult = {
						...runs[0],
						failed: runs.reduce((sum, one) => sum + one.failed, 0),
						firstError: runs.find((one) => one.firstError)?.firstError,
						peakGrowthMb: median((one) => one.peakGrowthMb),
						peakManagedMb: median((one) => one.peakManagedMb),
						retainedMb: median((one) => one.retainedMb),
					};
					memory.push(r);
					log(
						`| ${r.mode} | ${r.images} | ${r.failed} | ${mb(r.peakGrowthMb)} MB | ${mb(r.peakManagedMb)} MB | ${mb(r.retainedMb)} MB | ${mb(r.outputMb)} MB | ${((r.peakGrowthMb - r.outputMb) / size).toFixed(2)} | ${((r.peakManagedMb - r.outputMb) / size).toFixed(2)} |`,
					);
				}
			}
			for (const r of memory.filter((m) => m.firstError)) {
				log();
				log(`Failure in the ${r.mode} runs of ${r.images}: ${r.firstError}`);
			}
			const row = (mode: string, images: number) =>
				memory.find((r) => r.mode === mode && r.images === images)!;
			const fs10 = row('filesystem', 10);
			const fs40 = row('filesystem', 40);
			const mem10 = row('memory (default)', 10);
			const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
			const within3 = (r: MemoryResult) =>
				Math.max(r.peakGrowthMb, r.peakManagedMb) - r.outputMb <= 3 * size;
			log();
			log(
				`Targets: ten images ≤ 3 × one image (${mb(3 * size)} MB) — filesystem: RSS ${mb(fs10.peakGrowthMb)} MB, heap + Buffers ${mb(fs10.peakManagedMb)} MB (${verdict(within3(fs10))}); memory mode beyond the output n8n holds: RSS ${mb(mem10.peakGrowthMb - mem10.outputMb)} MB, heap + Buffers ${mb(mem10.peakManagedMb - mem10.outputMb)} MB (${verdict(within3(mem10))}). ` +
					`No growth from 10 to 40 images (filesystem, within one image): RSS ${mb(fs10.peakGrowthMb)} → ${mb(fs40.peakGrowthMb)} MB, heap + Buffers ${mb(fs10.peakManagedMb)} → ${mb(fs40.peakManagedMb)} MB (${verdict(fs40.peakGrowthMb <= fs10.peakGrowthMb + size && fs40.peakManagedMb <= fs10.peakManagedMb + size)}).`,
			);
		}
		writeFileSync(BENCHMARKS, `${lines.join('\n')}\n`);
		console.log('\nwritten to docs/benchmarks.md');
	} finally {
		sandbox.child.kill('SIGTERM');
	}
}

const [, , role, childMode, childCount, childSandbox] = process.argv;
(role === 'memory'
	? memoryChild(childMode as 'default' | 'filesystem', Number(childCount), childSandbox)
	: main()
).then(
	() => process.exit(0),
	(error: Error) => {
		console.error(error);
		process.exit(1);
	},
);
