/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * The batch as it really arrives, at the key's rate limit (QPS 2 against the sandbox): one
 * execution with slow processing and multi-MB photos, and many executions of one process sharing
 * one key (a shop webhook per product, several batches at once). Every number comes from one run;
 * bound = images ÷ rate + one processing time (every image needs at least one request).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ensureHost, HOSTS, packPackage } from '../e2e/host';
import { runQueueMode } from '../e2e/queue-mode';
import { type InputItem, runPicWish, useBinaryMode } from '../support/workflow';
import { KEY, noisePng, resetSandbox, sandboxStats, startSandboxProcess } from './support';

const QPS = Number(process.env.BENCH_QPS ?? 2);

interface Scenario {
	label: string;
	executions: number;
	imagesPerExecution: number;
	processingMs: number;
	input: 'url' | 'photo';
	/** Targets: time ÷ bound, requests per image. */
	target: { ratio: number; requests: number };
}

export const SCENARIOS: Scenario[] = [
	{ label: 'one execution, 40 URL images, 3 s processing', executions: 1, imagesPerExecution: 40, processingMs: 3000, input: 'url', target: { ratio: 1.05, requests: 1.05 } },
	{ label: 'one execution, 40 URL images, 15 s processing', executions: 1, imagesPerExecution: 40, processingMs: 15_000, input: 'url', target: { ratio: 1.05, requests: 1.05 } },
	{ label: 'one execution, 40 URL images, 30 s processing', executions: 1, imagesPerExecution: 40, processingMs: 30_000, input: 'url', target: { ratio: 1.05, requests: 1.05 } },
	{ label: 'one execution, 200 URL images, 15 s processing', executions: 1, imagesPerExecution: 200, processingMs: 15_000, input: 'url', target: { ratio: 1.05, requests: 1.05 } },
	{ label: 'one execution, 40 binary 3 MB photos from disk, 8 s processing', executions: 1, imagesPerExecution: 40, processingMs: 8000, input: 'photo', target: { ratio: 1.05, requests: 1.05 } },
	{ label: 'one process: 40 executions of 1 image at once (a webhook per product), 3 s', executions: 40, imagesPerExecution: 1, processingMs: 3000, input: 'url', target: { ratio: 1.1, requests: 1.05 } },
	{ label: 'one process: 4 executions of 40 images at once, 3 s', executions: 4, imagesPerExecution: 40, processingMs: 3000, input: 'url', target: { ratio: 1.05, requests: 1.05 } },
];

interface ScenarioResult {
	scenario: Scenario;
	images: number;
	wallMs: number;
	boundMs: number;
	requestsPerImage: number;
	seen429: number;
	surfaced429: number;
	failed: number;
}

async function runScenario(scenario: Scenario, photos: Buffer[]): Promise<ScenarioResult> {
	const sandbox = await startSandboxProcess(scenario.processingMs);
	try {
		if (scenario.input === 'photo') await useBinaryMode('filesystem', mkdtempSync(join(tmpdir(), 'picwish-bench-')));
		await resetSandbox(sandbox.url);
		const images = scenario.executions * scenario.imagesPerExecution;
		const itemsOf = (execution: number): InputItem[] =>
			Array.from({ length: scenario.imagesPerExecution }, (_, index) => {
				const n = execution * scenario.imagesPerExecution + index;
				return scenario.input === 'url'
					? { json: { imageUrl: `${sandbox.url}/samples/product-${n}-240x240.jpg` } }
					: { binary: { data: { data: photos[n % photos.length], fileName: `photo-${n}.png`, mimeType: 'image/png' } } };
			});
		const parameters =
			scenario.input === 'url'
				? { operation: 'removeWatermark', inputType: 'url', imageUrl: '={{ $json.imageUrl }}', options: {} }
				: { operation: 'removeWatermark', inputType: 'binary', binaryPropertyName: 'data', options: {} };
		const started = Date.now();
		const results = await Promise.all(
			Array.from({ length: scenario.executions }, async (_, execution) =>
				await runPicWish({
					parameters,
					items: itemsOf(execution),
					credentials: { apiKey: KEY, baseUrl: sandbox.url, requestsPerSecond: QPS },
					continueOnFail: true,
				}),
			),
		);
		const wallMs = Date.now() - started;
		const stats = await sandboxStats(sandbox.url);
		const outputs = results.flatMap((result) => result.items);
		const errors = outputs.filter((item) => item.json.error);
		return {
			scenario,
			images,
			wallMs,
			boundMs: (images / QPS) * 1000 + scenario.processingMs,
			requestsPerImage: stats.requests / images,
			seen429: stats.rateLimited,
			surfaced429: errors.filter((item) => String(item.json.error).includes('429')).length,
			failed: errors.length + results.filter((result) => result.status !== 'success').length * scenario.imagesPerExecution,
		};
	} finally {
		if (scenario.input === 'photo') await useBinaryMode('default');
		sandbox.child.kill('SIGTERM');
	}
}

/** Runs every scenario and returns its section of docs/benchmarks.md. */
export async function scenarioSection(log: (line?: string) => void): Promise<void> {
	const photos = Array.from({ length: 8 }, (_, index) => noisePng(3, 100 + index));
	log('## At the rate limit, the way images arrive');
	log();
	log(`QPS ${QPS} per key, against the sandbox in its own process; several executions run in one process and share the key. Bound = images ÷ rate + one processing time. The "binary photos" are ${(photos[0].length / 1048576).toFixed(1)} MB PNGs stored on disk (n8n's filesystem binary mode); the URL images are fetched by the sandbox.`);
	log();
	log('| Scenario | Images | Wall time | Bound | × bound | Requests per image | 429s seen | 429s surfaced | Failed | Targets |');
	log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
	const only = process.env.BENCH_SCENARIOS?.split(',').map(Number);
	for (const [index, scenario] of SCENARIOS.entries()) {
		if (only && !only.includes(index + 1)) continue;
		const r = await runScenario(scenario, photos);
		const ratio = r.wallMs / r.boundMs;
		const met =
			ratio <= scenario.target.ratio && r.requestsPerImage <= scenario.target.requests && r.failed === 0 && r.seen429 === 0;
		log(
			`| ${scenario.label} | ${r.images} | ${(r.wallMs / 1000).toFixed(1)} s | ${(r.boundMs / 1000).toFixed(1)} s | ${ratio.toFixed(2)} | ${r.requestsPerImage.toFixed(2)} | ${r.seen429} | ${r.surfaced429} | ${r.failed} | ≤ ${scenario.target.ratio} × bound, ≤ ${scenario.target.requests} requests, 0 429s, 0 failed: ${met ? 'met' : 'NOT met'} |`,
		);
	}
}

/** Real n8n 2.41.1 in queue mode: main + 2 workers, Redis and PostgreSQL, 4 webhook batches of 40. */
export async function queueSection(log: (line?: string) => void): Promise<void> {
	ensureHost(HOSTS['2']);
	const tarball = packPackage(mkdtempSync(join(tmpdir(), 'picwish-pack-')));
	const r = await runQueueMode({ tarball, executions: 4, imagesPerExecution: 40, processingMs: 3000, qps: QPS, workers: 2 });
	const ratio = r.wallMs / r.boundMs;
	const perImage = r.requests / r.images;
	const cleaned = r.statuses.filter((status) => status === 'success').length * 40;
	const met = ratio <= 1.1 && perImage <= 1.15 && cleaned === r.images && r.creates === r.images;
	log();
	log('## Queue mode: one key, two workers');
	log();
	log(`Real n8n 2.41.1 in queue mode (main + 2 workers with concurrency 10, Redis and PostgreSQL from Debian's packages), the sandbox at QPS ${QPS} and 3 s of processing. Four webhook calls at once, each with 40 image URLs (Webhook → Split Out → Remove Watermark). The workers cannot see each other's requests: each adapts to the 429s the other causes. "Created" counts the tasks the sandbox made (a second create of the same image would show here).`);
	log();
	log('| Scenario | Images | Cleaned | Created | Wall time | Bound | × bound | Requests per image | 429s seen | Peak requests in one second | Targets |');
	log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
	log(
		`| queue mode, 2 workers, 4 executions of 40 by webhook | ${r.images} | ${cleaned} | ${r.creates} | ${(r.wallMs / 1000).toFixed(1)} s | ${(r.boundMs / 1000).toFixed(1)} s | ${ratio.toFixed(2)} | ${perImage.toFixed(2)} | ${r.seen429} | ${r.peakPerSecond} | every image cleaned once, ≤ 1.10 × bound, ≤ 1.15 requests per image: ${met ? 'met' : 'NOT met'} |`,
	);
}
