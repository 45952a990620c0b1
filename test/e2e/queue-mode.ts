/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * Queue mode as production runs it: n8n 2.x main + 2 workers, Redis and PostgreSQL, the packed
 * package on every process, and a webhook that several callers hit at once, each with a batch of
 * image URLs. The key's pace cannot be shared across processes; each worker adapts to the 429s
 * the others cause. Used by the end-to-end suite (every image cleaned, none created twice) and by
 * `npm run bench` (the numbers).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type Sandbox, startSandbox } from '../sandbox/server';
import { SANDBOX_KEY, sandboxCredential } from './dev';
import {
	freePort,
	hostEnv,
	HOSTS,
	importCredentials,
	importWorkflow,
	installPackage,
	runCli,
	startN8n,
	startWorker,
	stopProcess,
	waitForWebhook,
} from './host';
import { startPostgres, startRedis } from './services';

const WORKFLOW_ID = 'pwQueueWebhook1';
const WEBHOOK_PATH = 'picwish-queue-batch';

export interface QueueRunOptions {
	tarball: string;
	executions: number;
	imagesPerExecution: number;
	processingMs: number;
	qps: number;
	workers: number;
}

export interface QueueRunResult {
	images: number;
	statuses: string[];
	wallMs: number;
	boundMs: number;
	creates: number;
	requests: number;
	seen429: number;
	peakPerSecond: number;
}

/** Webhook (answers at once) → Split Out the batch → PicWish Remove Watermark by URL. */
function workflow(): object {
	return {
		id: WORKFLOW_ID,
		name: 'PicWish queue-mode batch (webhook)',
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {
			Webhook: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
			'Split Out': { main: [[{ node: 'Remove Watermark', type: 'main', index: 0 }]] },
		},
		nodes: [
			{
				id: 'webhook',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'a6f2c1e0-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
				parameters: {
					httpMethod: 'POST',
					path: WEBHOOK_PATH,
					responseMode: 'onReceived',
					options: {},
				},
			},
			{
				id: 'split',
				name: 'Split Out',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: { fieldToSplitOut: 'body.images', options: {} },
			},
			{
				id: 'picwish',
				name: 'Remove Watermark',
				type: 'n8n-nodes-picwish.picWish',
				typeVersion: 1,
				position: [440, 0],
				parameters: {
					resource: 'watermark',
					operation: 'removeWatermark',
					inputType: 'url',
					imageUrl: '={{ $json.imageUrl }}',
					options: {},
				},
				credentials: { picWishApi: { id: 'picwish-sandbox', name: 'PicWish Sandbox' } },
			},
		],
	};
}

export async function runQueueMode(options: QueueRunOptions): Promise<QueueRunResult> {
	const host = HOSTS['2'];
	const workDir = mkdtempSync(join(tmpdir(), 'picwish-queue-'));
	const stops: Array<() => Promise<void>> = [];
	try {
		const sandbox: Sandbox = await startSandbox({
			apiKeys: [SANDBOX_KEY],
			qps: options.qps,
			processingMs: options.processingMs,
		});
		stops.push(async () => await sandbox.close());
		const redis = await startRedis();
		stops.push(redis.stop);
		const postgres = await startPostgres();
		stops.push(postgres.stop);

		const userFolder = join(workDir, 'user');
		installPackage(userFolder, options.tarball);
		const port = await freePort();
		const env = hostEnv(host, userFolder, {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: '',
			N8N_ENCRYPTION_KEY: 'picwish-queue-mode-test-key',
			N8N_LOG_LEVEL: 'warn',
			// n8n 2.x keeps binaries in the database in queue mode.
			N8N_DEFAULT_BINARY_DATA_MODE: 'database',
		});
		mkdirSync(join(workDir, 'import'), { recursive: true });
		writeFileSync(
			join(workDir, 'import/credentials.json'),
			JSON.stringify(sandboxCredential(sandbox.url, options.qps)),
		);
		writeFileSync(join(workDir, 'import/workflow.json'), JSON.stringify(workflow()));
		await importCredentials(host, env, join(workDir, 'import/credentials.json'));
		await importWorkflow(host, env, join(workDir, 'import/workflow.json'));
		const published = await runCli(host, env, ['publish:workflow', `--id=${WORKFLOW_ID}`]);
		if (published.status !== 0)
			throw new Error(`publish:workflow failed: ${published.stdout}\n${published.stderr}`);

		const main = await startN8n(host, env, port);
		stops.push(async () => await stopProcess(main));
		await waitForWebhook(port, WEBHOOK_PATH);
		for (let index = 0; index < options.workers; index++) {
			const worker = await startWorker(host, env, 10);
			stops.push(async () => await stopProcess(worker));
		}

		const images = options.executions * options.imagesPerExecution;
		const started = Date.now();
		await Promise.all(
			Array.from({ length: options.executions }, async (_, execution) => {
				const batch = Array.from({ length: options.imagesPerExecution }, (_, index) => ({
					imageUrl: `${sandbox.url}/samples/queue-${execution}-${index}-240x240.jpg`,
				}));
				const response = await fetch(`http://127.0.0.1:${port}/webhook/${WEBHOOK_PATH}`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify({ images: batch }),
				});
				if (!response.ok)
					throw new Error(`webhook answered ${response.status}: ${await response.text()}`);
			}),
		);
		// The executions run on the workers; their end is in the shared database.
		const finished = () =>
			postgres
				.psql(
					`SELECT status, (extract(epoch from "stoppedAt") * 1000)::bigint FROM execution_entity WHERE "workflowId" = '${WORKFLOW_ID}' AND "stoppedAt" IS NOT NULL`,
				)
				.trim()
				.split('\n')
				.filter(Boolean)
				.map((line) => line.split('|'));
		const boundMs = (images / options.qps) * 1000 + options.processingMs;
		const deadline = started + boundMs * 3 + 60_000;
		while (finished().length < options.executions && Date.now() < deadline)
			await new Promise((resolve) => setTimeout(resolve, 1000));
		const rows = finished();
		return {
			images,
			statuses: rows.map(([status]) => status),
			wallMs: Math.max(...rows.map(([, stoppedAt]) => Number(stoppedAt))) - started,
			boundMs,
			creates: sandbox.stats.creates,
			requests: sandbox.stats.requests,
			seen429: sandbox.stats.rateLimited,
			peakPerSecond: sandbox.stats.peakPerSecond,
		};
	} finally {
		for (const stop of stops.reverse()) await stop().catch(() => {});
	}
}
