/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * `npm run test:live`: every task API of the node once, through the node's own code, against the
 * real PicWish API with a maintainer's key, checking what the node assumes of each answer (the
 * query path, the result fields, the price; `resource.api.facts` says how much each weighs).
 *
 * Env: PICWISH_API_KEY (without it: one line of help, no request, exit 0), PICWISH_BASE_URL
 * (default: the node's), PICWISH_LIVE_REPORT_DIR (default: live-report/ in the repo, git-ignored).
 * Exit 1 on any contradiction, when the balance is short, or when a resource could not be run.
 */
import { resolve } from 'node:path';

import type { INodeParameters } from 'n8n-workflow';

import { type AnyResource, resources } from '../../nodes/PicWish/actions';
import { DEFAULT_BASE_URL } from '../../nodes/PicWish/transport/constants';
import { type TaskResourceCase, taskResourceCases } from '../support/examples';
import { runPicWish } from '../support/workflow';
import { judge, type Outcome } from './checks';
import { LIVE_IMAGE_SIDE, liveImage } from './image';
import { type NodePrice, nodePrice } from './prices';
import { scrub, startRecordingProxy } from './proxy';
import { type LiveReport, type ResourceReport, writeReport } from './report';

export const ROOT = resolve(__dirname, '../..');
const DEFAULT_REPORT_DIR = resolve(ROOT, 'live-report');

export const USAGE =
	'npm run test:live runs each PicWish task API of the node once against the real API (it spends credits; the budget is printed first) and checks what the node assumes of the answers. It needs a key: PICWISH_API_KEY=<your key> npm run test:live (optionally PICWISH_BASE_URL, PICWISH_LIVE_REPORT_DIR). Nothing was sent.';

interface LiveOptions {
	/** Where the run's lines go (console.log unless given). */
	log?: (line: string) => void;
}

/** The registry's task resources (every entry whose API has a task endpoint), each with its create-and-wait operation and its example. */
export function taskResources(registry: Record<string, AnyResource> = resources): {
	tasks: TaskResourceCase[];
	skipped: Array<{ resource: string; why: string }>;
} {
	const skipped = Object.entries(registry)
		.filter(([, resource]) => !('taskPath' in resource.api))
		.map(([value]) => ({ resource: value, why: 'not a task API' }));
	return { tasks: taskResourceCases(registry), skipped };
}

/** The base URL as it may be shown: its origin and path, never user info or a query. */
const shownUrl = (url: string): string => {
	const parsed = new URL(url);
	return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
};

const sleep = async (ms: number) => await new Promise((done) => setTimeout(done, ms));

export async function main(env: NodeJS.ProcessEnv, options: LiveOptions = {}): Promise<number> {
	const log = options.log ?? ((line: string) => console.log(line));
	const apiKey = env.PICWISH_API_KEY?.trim();
	if (!apiKey) {
		log(USAGE);
		return 0;
	}
	const baseUrl = env.PICWISH_BASE_URL?.trim() || DEFAULT_BASE_URL;
	const reportDir = resolve(env.PICWISH_LIVE_REPORT_DIR?.trim() || DEFAULT_REPORT_DIR);
	const startedAt = new Date().toISOString();
	const image = liveImage();
	const imageText = `${LIVE_IMAGE_SIDE}×${LIVE_IMAGE_SIDE} PNG`;
	const { tasks, skipped } = taskResources();

	const proxy = await startRecordingProxy(baseUrl, [apiKey]);
	try {
		const credentials = { apiKey, baseUrl: proxy.url, requestsPerSecond: 2 };
		const readCredits = async (): Promise<number | undefined> => {
			const run = await runPicWish({
				parameters: { resource: 'account', operation: 'getCredits' },
				credentials,
			});
			const remaining = run.items[0]?.json.remaining_credits;
			return run.status === 'success' && typeof remaining === 'number' ? remaining : undefined;
		};
		const plans = [];
		for (const task of tasks) {
			// The resource's example: its own parameters and API options (test/support/examples.ts).
			const { parameters: own, options } = task.example;
			const parameters: INodeParameters = {
				resource: task.value,
				operation: task.operation,
				inputType: 'binary',
				binaryPropertyName: 'data',
				...own,
				options: { ...options, waitMode: 'poll', reuseResults: 'never' },
			};
			const price: NodePrice = nodePrice(task.value, task.resource, options, LIVE_IMAGE_SIDE);
			const set = { ...own, ...options };
			plans.push({
				task,
				extraParameters: Object.keys(set).length ? JSON.stringify(set) : 'none',
				parameters,
				price,
			});
		}
		const budget = plans.reduce((sum, plan) => sum + plan.price.credits, 0);

		const balance = await readCredits();
		if (balance === undefined) {
			const answer = proxy.exchanges.at(-1);
			log(
				`Could not read the credits with Account → Get Credits (${answer ? `${answer.method} ${answer.path} answered ${answer.status}` : 'no answer'}): check PICWISH_API_KEY and PICWISH_BASE_URL. No task was created.`,
			);
			return 1;
		}
		log(
			`PicWish live check against ${shownUrl(baseUrl)}: ${tasks.length} task APIs, one ${imageText} each.`,
		);
		log(`Will spend at most ${budget} credits; balance ${balance}.`);
		if (balance < budget) {
			log(
				`Not enough credits: ${budget} needed, ${balance} left. Stopped before any task; top up at https://picwish.com/pricing.`,
			);
			return 1;
		}

		const reports: ResourceReport[] = [];
		let before: number | undefined = balance;
		for (const { task, extraParameters, parameters, price } of plans) {
			before ??= await readCredits();
			const from = proxy.exchanges.length;
			const run = await runPicWish({
				parameters,
				items: [
					{ binary: { data: { data: image, fileName: 'live-test.png', mimeType: 'image/png' } } },
				],
				credentials,
				continueOnFail: true,
			});
			const exchanges = proxy.exchanges.slice(from);
			const error = run.error?.message ?? (run.items[0]?.json.error as string | undefined);
			let after = await readCredits();
			const expected = (charged: number) =>
				charged >= (price.atLeast ?? price.credits) && charged <= price.credits;
			// Accounting may lag the task: read again a little later before calling a difference.
			for (
				let retry = 0;
				retry < 2 &&
				after !== undefined &&
				before !== undefined &&
				!expected(before - after) &&
				!error;
				retry++
			) {
				await sleep(3000);
				after = await readCredits();
			}
			const { observation, verdicts } = judge({
				api: task.api,
				exchanges,
				items: run.items,
				error,
				price,
				creditsBefore: before,
				creditsAfter: after,
				image: `a ${imageText}`,
			});
			reports.push({
				resource: task.value,
				name: task.resource.name,
				operation: task.operation,
				taskPath: task.api.taskPath,
				ran: observation.create !== undefined,
				extraParameters,
				price,
				...(observation.taskId ? { taskId: observation.taskId } : {}),
				...(observation.state !== undefined ? { state: observation.state } : {}),
				...(before !== undefined ? { creditsBefore: before } : {}),
				...(after !== undefined ? { creditsAfter: after } : {}),
				...(error ? { error } : {}),
				facts: verdicts,
				exchanges,
			});
			const line = verdicts.map((verdict) => `${verdict.fact} ${verdict.outcome}`).join(', ');
			log(`  ${task.resource.name}: ${line}`);
			before = after;
		}

		const counts: Record<Outcome, number> = { confirmed: 0, contradicted: 0, unchecked: 0 };
		for (const verdict of reports.flatMap((report) => report.facts)) counts[verdict.outcome]++;
		const report: LiveReport = {
			startedAt,
			finishedAt: new Date().toISOString(),
			baseUrl: shownUrl(baseUrl),
			image: imageText,
			budget,
			creditsBefore: balance,
			...(before !== undefined ? { creditsAfter: before } : {}),
			skipped,
			resources: reports,
			counts,
		};
		// Nothing in it should hold the key or a signed query string; scrubbed once more all the same.
		const files = writeReport(reportDir, scrub(report, [apiKey]) as LiveReport);
		log(`Credits: ${balance} before, ${before ?? 'unknown'} after.`);
		log(
			`Facts: ${counts.confirmed} confirmed, ${counts.contradicted} contradicted, ${counts.unchecked} unchecked. Report: ${files.join(', ')}`,
		);
		for (const resource of reports) {
			for (const fact of resource.facts.filter((verdict) => verdict.outcome === 'contradicted')) {
				log(`  CONTRADICTED ${resource.name} ${fact.fact} (${fact.weight}): ${fact.seen}`);
			}
		}
		const notRun = reports.filter((resource) => !resource.ran);
		for (const resource of notRun)
			log(
				`  NOT RUN ${resource.name}: ${resource.error ?? 'no create was sent'} (what it was run with: the example in its index.ts, or one made from its options by test/support/examples.ts)`,
			);
		return counts.contradicted > 0 || notRun.length > 0 ? 1 : 0;
	} finally {
		await proxy.close();
	}
}
