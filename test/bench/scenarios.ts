/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * The batch as it really arrives, at the key's rate limit (QPS 2 against the sandbox): one
 * execution with slow processing and multi-MB photos, and many executions of one process sharing
 * one key (a shop webhook per product, several batches at once). Every number comes from one run;
 * bound = images ÷ rate + one processing time (every image needs at least one request).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	COUNTED_WITHIN_MS,
	DECREASE_FACTOR,
	RECOVERY_PER_SECOND,
} from '../../nodes/PicWish/scheduling/pacer';
import { CREDITS_PATH } from '../../nodes/PicWish/transport/constants';
import { ensureHost, HOSTS, packPackage } from '../e2e/host';
import { runQueueMode } from '../e2e/queue-mode';
import { markImage } from '../sandbox/mark';
import { sampleImage } from '../sandbox/samples';
import { pngChunk } from '../support/images';
import { binaryBuffer, type InputItem, runPicWish, useBinaryMode } from '../support/workflow';
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

const SCENARIOS: Scenario[] = [
	{
		label: 'one execution, 40 URL images, 3 s processing',
		executions: 1,
		imagesPerExecution: 40,
		processingMs: 3000,
		input: 'url',
		target: { ratio: 1.05, requests: 1.05 },
	},
	{
		label: 'one execution, 40 URL images, 15 s processing',
		executions: 1,
		imagesPerExecution: 40,
		processingMs: 15_000,
		input: 'url',
		target: { ratio: 1.05, requests: 1.05 },
	},
	{
		label: 'one execution, 40 URL images, 30 s processing',
		executions: 1,
		imagesPerExecution: 40,
		processingMs: 30_000,
		input: 'url',
		target: { ratio: 1.05, requests: 1.05 },
	},
	{
		label: 'one execution, 200 URL images, 15 s processing',
		executions: 1,
		imagesPerExecution: 200,
		processingMs: 15_000,
		input: 'url',
		target: { ratio: 1.05, requests: 1.05 },
	},
	{
		label: 'one execution, 40 binary 3 MB photos from disk, 8 s processing',
		executions: 1,
		imagesPerExecution: 40,
		processingMs: 8000,
		input: 'photo',
		target: { ratio: 1.05, requests: 1.05 },
	},
	{
		label: 'one process: 40 executions of 1 image at once (a webhook per product), 3 s',
		executions: 40,
		imagesPerExecution: 1,
		processingMs: 3000,
		input: 'url',
		target: { ratio: 1.1, requests: 1.05 },
	},
	{
		label: 'one process: 4 executions of 40 images at once, 3 s',
		executions: 4,
		imagesPerExecution: 40,
		processingMs: 3000,
		input: 'url',
		target: { ratio: 1.05, requests: 1.05 },
	},
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

/** The node's options in these scenarios: its defaults, or BENCH_REUSE=run|never to compare Reuse Results' cost. */
const SCENARIO_OPTIONS = process.env.BENCH_REUSE ? { reuseResults: process.env.BENCH_REUSE } : {};

/**
 * Photo n: one of the noise photos with its number in a text chunk, so every photo is its own
 * image (as a shop's are): Reuse Results would otherwise make one task for identical bytes.
 */
function numberedPhoto(photo: Buffer, n: number): Buffer {
	const afterHeader = 8 + 25; // PNG signature, then the IHDR chunk
	return Buffer.concat([
		photo.subarray(0, afterHeader),
		pngChunk('tEXt', Buffer.from(`Comment\0photo ${n}`, 'latin1')),
		photo.subarray(afterHeader),
	]);
}

async function runScenario(scenario: Scenario, photos: Buffer[]): Promise<ScenarioResult> {
	const sandbox = await startSandboxProcess(scenario.processingMs);
	try {
		if (scenario.input === 'photo')
			await useBinaryMode('filesystem', mkdtempSync(join(tmpdir(), 'picwish-bench-')));
		await resetSandbox(sandbox.url);
		const images = scenario.executions * scenario.imagesPerExecution;
		const itemsOf = (execution: number): InputItem[] =>
			Array.from({ length: scenario.imagesPerExecution }, (_, index) => {
				const n = execution * scenario.imagesPerExecution + index;
				return scenario.input === 'url'
					? { json: { imageUrl: `${sandbox.url}/samples/product-${n}-240x240.jpg` } }
					: {
							binary: {
								data: {
									data: numberedPhoto(photos[n % photos.length], n),
									fileName: `photo-${n}.png`,
									mimeType: 'image/png',
								},
							},
						};
			});
		const parameters =
			scenario.input === 'url'
				? {
						operation: 'removeWatermark',
						inputType: 'url',
						imageUrl: '={{ $json.imageUrl }}',
						options: SCENARIO_OPTIONS,
					}
				: {
						operation: 'removeWatermark',
						inputType: 'binary',
						binaryPropertyName: 'data',
						options: SCENARIO_OPTIONS,
					};
		const started = Date.now();
		const results = await Promise.all(
			Array.from(
				{ length: scenario.executions },
				async (_, execution) =>
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
			failed:
				errors.length +
				results.filter((result) => result.status !== 'success').length *
					scenario.imagesPerExecution,
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
	log(
		`QPS ${QPS} per key, against the sandbox in its own process; several executions run in one process and share the key. Bound = images ÷ rate + one processing time. The "binary photos" are ${(photos[0].length / 1048576).toFixed(1)} MB PNGs stored on disk (n8n's filesystem binary mode); the URL images are fetched by the sandbox.`,
	);
	log();
	log(
		'| Scenario | Images | Wall time | Bound | × bound | Requests per image | 429s seen | 429s surfaced | Failed | Targets |',
	);
	log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
	const only = process.env.BENCH_SCENARIOS?.split(',').map(Number);
	for (const [index, scenario] of SCENARIOS.entries()) {
		if (only && !only.includes(index + 1)) continue;
		const r = await runScenario(scenario, photos);
		const ratio = r.wallMs / r.boundMs;
		const met =
			ratio <= scenario.target.ratio &&
			r.requestsPerImage <= scenario.target.requests &&
			r.failed === 0 &&
			r.seen429 === 0;
		log(
			`| ${scenario.label} | ${r.images} | ${(r.wallMs / 1000).toFixed(1)} s | ${(r.boundMs / 1000).toFixed(1)} s | ${ratio.toFixed(2)} | ${r.requestsPerImage.toFixed(2)} | ${r.seen429} | ${r.surfaced429} | ${r.failed} | ≤ ${scenario.target.ratio} × bound, ≤ ${scenario.target.requests} requests, 0 429s, 0 failed: ${met ? 'met' : 'NOT met'} |`,
		);
	}
}

/** Real n8n 2.41.1 in queue mode: main + 2 workers, Redis and PostgreSQL, 4 webhook batches of 40. */
export async function queueSection(log: (line?: string) => void): Promise<void> {
	ensureHost(HOSTS['2']);
	const tarball = packPackage(mkdtempSync(join(tmpdir(), 'picwish-pack-')));
	const r = await runQueueMode({
		tarball,
		executions: 4,
		imagesPerExecution: 40,
		processingMs: 3000,
		qps: QPS,
		workers: 2,
	});
	const ratio = r.wallMs / r.boundMs;
	const perImage = r.requests / r.images;
	const cleaned = r.statuses.filter((status) => status === 'success').length * 40;
	const met = ratio <= 1.1 && perImage <= 1.15 && cleaned === r.images && r.creates === r.images;
	log();
	log('## Queue mode: one key, two workers');
	log();
	log(
		`Real n8n 2.41.1 in queue mode (main + 2 workers with concurrency 10, Redis and PostgreSQL from Debian's packages), the sandbox at QPS ${QPS} and 3 s of processing. Four webhook calls at once, each with 40 image URLs (Webhook → Split Out → Remove Watermark). The workers cannot see each other's requests: each adapts to the 429s the other causes. "Created" counts the tasks the sandbox made (a second create of the same image would show here).`,
	);
	log();
	log(
		'| Scenario | Images | Cleaned | Created | Wall time | Bound | × bound | Requests per image | 429s seen | Peak requests in one second | Targets |',
	);
	log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
	log(
		`| queue mode, 2 workers, 4 executions of 40 by webhook | ${r.images} | ${cleaned} | ${r.creates} | ${(r.wallMs / 1000).toFixed(1)} s | ${(r.boundMs / 1000).toFixed(1)} s | ${ratio.toFixed(2)} | ${perImage.toFixed(2)} | ${r.seen429} | ${r.peakPerSecond} | every image cleaned once, ≤ 1.10 × bound, ≤ 1.15 requests per image: ${met ? 'met' : 'NOT met'} |`,
	);
}

/**
 * Reuse Results (issue #20): the same image more than once, on one key at its rate limit. Item
 * `n` (counted across the executions) names image `(n × 7) mod distinct` unless the scenario says
 * otherwise (7 is prime to both counts: every image as often as the others, repeats spread out).
 * Bound = distinct images ÷ rate + one processing time: only a new image needs a request.
 */
interface ReuseScenario {
	/** Its image names' own part, and what BENCH_REUSE_ROWS selects it by. */
	key: string;
	label: string;
	executions: number;
	itemsPerExecution: number;
	distinct: number;
	processingMs: number;
	/** Target: time ÷ bound. */
	ratio: number;
	/** The image (0 … distinct-1) item `n` names; default `(n × 7) mod distinct`. */
	imageOf?: (n: number) => number;
}

export const REUSE_SCENARIOS: ReuseScenario[] = [
	{
		key: 'webhooks',
		label: '40 one-image executions over 10 distinct URLs (one process), 3 s',
		executions: 40,
		itemsPerExecution: 1,
		distinct: 10,
		processingMs: 3000,
		ratio: 1.1,
	},
	{
		key: 'run',
		label: 'a run of 60 items naming 20 images, 3 s',
		executions: 1,
		itemsPerExecution: 60,
		distinct: 20,
		processingMs: 3000,
		ratio: 1.05,
	},
	// A feed sorted by product: the items waiting for the first image's task must not hold up the distinct images after them.
	{
		key: 'sorted',
		label: 'one execution: 20 items naming one image, then 20 distinct images, 3 s',
		executions: 1,
		itemsPerExecution: 40,
		distinct: 21,
		processingMs: 3000,
		ratio: 1.1,
		imageOf: (n) => (n < 20 ? 0 : n - 19),
	},
];

/** BENCH_REUSE_ROWS=sorted,run: only the Reuse Results rows with those keys (all when unset). */
export const REUSE_ROWS = process.env.BENCH_REUSE_ROWS?.split(',')
	.map((key) => key.trim())
	.filter(Boolean);

interface ReuseResult {
	items: number;
	created: number;
	credits: number;
	reused: number;
	wallMs: number;
	boundMs: number;
	requests: number;
	seen429: number;
	heads: number;
	ownImages: number;
	failed: number;
}

/** Credits the key used, from the sandbox's credits endpoint (asked again after a 429: the run's last second may still be full). */
async function creditsUsed(url: string): Promise<number> {
	for (let attempt = 0; attempt < 10; attempt++) {
		const response = await fetch(`${url}${CREDITS_PATH}`, { headers: { 'X-API-KEY': KEY } });
		if (response.status === 429) {
			await new Promise((resolveWait) => setTimeout(resolveWait, 1000));
			continue;
		}
		const body = (await response.json()) as { data: Array<{ used_credits: number }> };
		return body.data.reduce((sum, pack) => sum + pack.used_credits, 0);
	}
	throw new Error('the sandbox kept answering 429 to the credits request');
}

/**
 * The images' own host, as a shop's CDN: fixed files with an ETag, answered at once (GET and
 * HEAD), in this process. The sandbox could serve them too, but it draws each sample anew for every
 * GET with its pure-JS codec, which holds its event loop: it would then count the creates that
 * arrive meanwhile late (PicWish does not serve the images).
 */
async function startImageHost(
	files: Map<string, Buffer>,
): Promise<{ url: string; heads: () => number; close: () => Promise<void> }> {
	let heads = 0;
	const etags = new Map(
		[...files].map(([name, bytes]) => [
			name,
			`"${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}"`,
		]),
	);
	const server = createServer((req, res) => {
		const name = decodeURIComponent((req.url ?? '').replace(/^\/samples\//, ''));
		const bytes = files.get(name);
		if (!bytes || (req.method !== 'GET' && req.method !== 'HEAD'))
			return void res.writeHead(404).end();
		if (req.method === 'HEAD') heads++;
		res.writeHead(200, {
			'Content-Type': 'image/jpeg',
			'Content-Length': String(bytes.length),
			ETag: etags.get(name)!,
		});
		res.end(req.method === 'HEAD' ? undefined : bytes);
	});
	await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		heads: () => heads,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
		},
	};
}

async function runReuseScenario(scenario: ReuseScenario): Promise<ReuseResult> {
	// Names of this scenario's own: the node remembers tasks for the whole (bench) process. A
	// sample's colour follows from the sum of its name's characters, so image i is one character
	// (base 36): decimal "11" and "20" would be the same image.
	if (scenario.distinct > 36) throw new Error(`${scenario.key}: at most 36 distinct images`);
	const imageName = (image: number) => `reuse-${scenario.key}-${image.toString(36)}-240x240.jpg`;
	const nameOf = (n: number) =>
		imageName(scenario.imageOf ? scenario.imageOf(n) : (n * 7) % scenario.distinct);
	const files = new Map<string, Buffer>();
	// What the sandbox makes of each image (test/sandbox/mark.ts is deterministic): each item must carry its own.
	const expected = new Map<string, Buffer>();
	for (let image = 0; image < scenario.distinct; image++) {
		const bytes = sampleImage(imageName(image))!.bytes;
		files.set(imageName(image), bytes);
		expected.set(imageName(image), markImage(bytes, 'jpeg', 240, 240));
	}
	const sandbox = await startSandboxProcess(scenario.processingMs);
	const images = await startImageHost(files);
	try {
		await resetSandbox(sandbox.url);
		const items = scenario.executions * scenario.itemsPerExecution;
		if (
			new Set([...expected.values()].map((bytes) => bytes.toString('base64'))).size !==
			scenario.distinct
		)
			throw new Error('two sample images have the same result');
		const names = (execution: number) =>
			Array.from({ length: scenario.itemsPerExecution }, (_, index) =>
				nameOf(execution * scenario.itemsPerExecution + index),
			);
		const named = new Set(
			Array.from({ length: scenario.executions }, (_, execution) => names(execution)).flat(),
		);
		if (named.size !== scenario.distinct || [...named].some((name) => !files.has(name)))
			throw new Error(
				`${scenario.key}: the items name ${named.size} images, not the ${scenario.distinct} it says`,
			);
		const started = Date.now();
		const results = await Promise.all(
			Array.from(
				{ length: scenario.executions },
				async (_, execution) =>
					await runPicWish({
						parameters: {
							operation: 'removeWatermark',
							inputType: 'url',
							imageUrl: '={{ $json.imageUrl }}',
							options: {},
						},
						items: names(execution).map(
							(name): InputItem => ({ json: { imageUrl: `${images.url}/samples/${name}` } }),
						),
						credentials: { apiKey: KEY, baseUrl: sandbox.url, requestsPerSecond: QPS },
						continueOnFail: true,
					}),
			),
		);
		const wallMs = Date.now() - started;
		const stats = await sandboxStats(sandbox.url);
		const credits = await creditsUsed(sandbox.url);
		let ownImages = 0;
		let failed = 0;
		let reused = 0;
		for (const [execution, result] of results.entries()) {
			if (result.status !== 'success') {
				failed += scenario.itemsPerExecution;
				continue;
			}
			for (const [index, name] of names(execution).entries()) {
				const item = result.items[index];
				if (!item || item.json.error) {
					failed++;
					continue;
				}
				if (item.json.reused === true) reused++;
				if ((await binaryBuffer(item)).equals(expected.get(name)!)) ownImages++;
			}
		}
		return {
			items,
			created: stats.creates,
			credits,
			reused,
			wallMs,
			boundMs: (scenario.distinct / QPS) * 1000 + scenario.processingMs,
			requests: stats.requests,
			seen429: stats.rateLimited,
			heads: images.heads(),
			ownImages,
			failed,
		};
	} finally {
		sandbox.child.kill('SIGTERM');
		await images.close();
	}
}

/** The Reuse Results section of docs/benchmarks.md (a section of its own: `BENCH_ONLY=reuse` measures and replaces just it). */
export async function reuseSection(log: (line?: string) => void): Promise<void> {
	const unknown = REUSE_ROWS?.filter(
		(key) => !REUSE_SCENARIOS.some((scenario) => scenario.key === key),
	);
	if (unknown?.length)
		throw new Error(
			`BENCH_REUSE_ROWS: no Reuse Results row ${unknown.join(', ')} (known: ${REUSE_SCENARIOS.map((scenario) => scenario.key).join(', ')})`,
		);
	log('## Reuse Results: the same image more than once');
	log();
	log(
		`Measured ${new Date().toISOString().slice(0, 10)}. QPS ${QPS} per key, 3 s of processing, the sandbox in its own process; in-process through n8n-core's engine, Remove Watermark by URL with the default options (Reuse Results: Within This Run and Recent Runs; Result As: Binary File). ` +
			'Items naming the same URL share one task (the executions of one process too); every item still downloads and carries its own result. ' +
			'Bound = **distinct** images ÷ rate + one processing time (only a new image needs a request). "Created" and "credits" are the sandbox\'s counts; "own image" counts the items whose output is, byte for byte, the sandbox\'s result for the image that item named; "HEADs" are the requests to the images\' host asking for their ETag (one per task made, for later runs to compare). ' +
			"The images are on a host of their own (fixed files with an ETag, served from the bench's process, as a shop's CDN would). " +
			'`BENCH_ONLY=reuse npm run bench` measures only this section and replaces it in this file.',
	);
	const limited: string[] = [];
	log();
	log(
		'| Scenario | Items | Distinct images | Created | Credits spent | Items reused | Wall time | Bound | × bound | API requests per task | 429s seen | HEADs | Own image | Failed | Targets |',
	);
	log(
		'| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
	);
	for (const scenario of REUSE_SCENARIOS) {
		if (REUSE_ROWS && !REUSE_ROWS.includes(scenario.key)) continue;
		const r = await runReuseScenario(scenario);
		const ratio = r.wallMs / r.boundMs;
		const met =
			r.created === scenario.distinct &&
			r.credits === scenario.distinct &&
			r.ownImages === r.items &&
			r.failed === 0 &&
			ratio <= scenario.ratio;
		if (r.seen429) limited.push(scenario.label);
		log(
			`| ${scenario.label} | ${r.items} | ${scenario.distinct} | ${r.created} | ${r.credits} | ${r.reused} | ${(r.wallMs / 1000).toFixed(1)} s | ${(r.boundMs / 1000).toFixed(1)} s | ${ratio.toFixed(2)} | ${(r.requests / Math.max(1, r.created)).toFixed(2)} | ${r.seen429} | ${r.heads} | ${r.ownImages} / ${r.items} | ${r.failed} | ${scenario.distinct} created, ${scenario.distinct} credits, every item its own image, 0 failed, ≤ ${scenario.ratio} × bound: ${met ? 'met' : 'NOT met'} |`,
		);
	}
	if (limited.length) {
		log();
		log(
			`The 429 in ${limited.map((label) => `"${label}"`).join(' and ')}: when many executions start at once, the node's event loop is busy and a create can reach the sandbox more than the ${COUNTED_WITHIN_MS} ms the pacer allows after its body was handed over, so the sandbox counts it later than the pacer does (a rare event: repeat the run to see how often). ` +
				`After one 429 at QPS ${QPS} the pacer lowers the rate to ${(QPS * DECREASE_FACTOR).toFixed(1)} per second, and as it counts whole requests in a second, allows ${Math.max(1, Math.floor(QPS * DECREASE_FACTOR))} per second until the rate has recovered (${RECOVERY_PER_SECOND * 100} % of the configured rate per second: about ${Math.round((1 - DECREASE_FACTOR) / RECOVERY_PER_SECOND)} s), longer than these short runs last.`,
		);
	}
}
