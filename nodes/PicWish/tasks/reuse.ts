/**
 * Reuse Results: one task for the same image with the same operation and options on the same
 * credential. Items that are the same while a task is being made share it (its success or its
 * failure); a task that completed is remembered and reused by later items and, by default, later
 * runs in this process. A URL counts as the same image across runs only while its host describes
 * it as it did (ETag, or Last-Modified and Content-Length); failed tasks are never remembered.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { presentResults, resultUrlExpiry, type TaskData } from '../helpers/task';
import { recentTasks, REMEMBER_MS, type Remembered, type SourceFacts, TaskShare } from '../scheduling';
import { describeSource, sameSource } from '../transport';
import type { RunContext } from './context';
import type { PreparedTask } from './create';

export type ReuseMode = 'recent' | 'run' | 'never';

/** A remembered result must stay fetchable this long after it is handed out. */
const DOWNLOAD_MARGIN_MS = 5 * 60 * 1000;

/** The share a mode uses: the process's, or the run's own. */
const shareOf = (run: RunContext, mode: ReuseMode): TaskShare => (mode === 'recent' ? recentTasks : run.scheduler.runTasks);

/** The key of the item's task in its share. */
export const reuseKey = (run: RunContext, prepared: PreparedTask): string => TaskShare.key(run.scheduler.credentialId, prepared.identity);

/** Whether a remembered task was made from what this item gives, for sure. */
async function stillTheSame(ctx: IExecuteFunctions, run: RunContext, remembered: Remembered, prepared: PreparedTask): Promise<boolean> {
	const { source } = prepared.read;
	// A file is known by its bytes; a URL within the run that used it needs no second look.
	if (source.kind === 'binary' || remembered.runId === run.scheduler.runId) return true;
	if (!remembered.source) return false;
	return sameSource(remembered.source, await describeSource(ctx, source.url, run.scheduler.run.signal));
}

/** How long a completed task may be handed out: its time to remember, within its result URL's life. */
function rememberUntil(run: RunContext, task: TaskData, now = Date.now()): number {
	const url = presentResults(task, run.resource.results)[0]?.url;
	return Math.min(now + REMEMBER_MS, (url ? resultUrlExpiry(task, now, url) : now) - DOWNLOAD_MARGIN_MS);
}

/** The failure of the task another item made, as this item's own: the same reason and task ID. */
function sharedFailure(ctx: IExecuteFunctions, error: Error, itemIndex: number): Error {
	if (!(error instanceof NodeOperationError) && !('context' in error)) return error;
	const failure = new NodeOperationError(ctx.getNode(), error.message.replace(/ \[item \d+\]/g, ''), {
		itemIndex,
		description: (error as NodeOperationError).description ?? undefined,
	});
	const taskId = (error as NodeOperationError).context?.taskId;
	if (typeof taskId === 'string') failure.context.taskId = taskId;
	return failure;
}

/**
 * The finished task of a prepared item: made by `make`, or shared with the item making it, or a
 * remembered one. The item's images are let go when it does not make the task itself.
 */
export async function obtainTask(
	ctx: IExecuteFunctions,
	run: RunContext,
	itemIndex: number,
	prepared: PreparedTask,
	mode: ReuseMode,
	make: () => Promise<TaskData>,
): Promise<{ task: TaskData; reused: boolean }> {
	if (mode === 'never') return { task: await make(), reused: false };
	const share = shareOf(run, mode);
	const key = reuseKey(run, prepared);
	const remembered = share.recall(key);
	if (remembered) {
		if (await stillTheSame(ctx, run, remembered, prepared)) {
			prepared.release();
			return { task: remembered.task, reused: true };
		}
		share.forget(key);
	}
	let mine = false;
	const outcome = await share
		.obtain(key, run.scheduler.run, async () => {
			mine = true;
			// What the image's host says, for later runs to compare: asked as the create goes out (when
			// PicWish is about to fetch the image), not before. Asked at once, the HEADs of many items
			// starting together hold the event loop while the first creates are sent, and PicWish
			// counts those later than the pacer does (a 429).
			const { source } = prepared.read;
			let ask = () => {};
			const described: Promise<SourceFacts | undefined> =
				mode === 'recent' && source.kind === 'url'
					? new Promise<void>((resolve) => (ask = resolve)).then(async () => await describeSource(ctx, source.url, run.scheduler.run.signal))
					: Promise.resolve(undefined);
			prepared.onSent = () => ask();
			const task = await make();
			ask();
			const until = rememberUntil(run, task);
			if (until > Date.now()) share.remember(key, { task, runId: run.scheduler.runId, source: await described, until });
			return task;
		})
		.then(
			({ task }) => ({ task }),
			(error: Error) => ({ error }),
		);
	if (!mine) prepared.release();
	if ('error' in outcome) throw mine ? outcome.error : sharedFailure(ctx, outcome.error, itemIndex);
	return { task: outcome.task, reused: !mine };
}

/** Whether a task for this prepared item is remembered (Check Credits First counts it as free). */
export function isRemembered(run: RunContext, prepared: PreparedTask, mode: ReuseMode): boolean {
	// A URL from another run is checked with its host only when the item runs: counted as a new task.
	const remembered = mode === 'never' ? undefined : shareOf(run, mode).recall(reuseKey(run, prepared));
	return !!remembered && (prepared.read.source.kind === 'binary' || remembered.runId === run.scheduler.runId);
}
