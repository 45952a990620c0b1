/**
 * Reuse Results: one task for the same image with the same operation and options on the same
 * credential. Items of one run that are the same while a task is being made share its outcome
 * (success or failure); items of another run share its success and PicWish's verdict on the
 * image, but not that run's own timeout, cancel or network failure. A task that completed is
 * remembered and reused by later items and, by default, later runs in this process. A URL counts
 * as the same image across runs only while its host describes it as it did (ETag, or
 * Last-Modified and Content-Length); failed tasks are never remembered. A remembered or shared
 * result that can no longer be downloaded is forgotten and the task made again, once.
 */
import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { failureKind } from '../helpers/errors';
import { presentResults, resultUrlExpiry, type TaskData } from '../helpers/task';
import {
	recentTasks,
	REMEMBER_MS,
	type Remembered,
	type SourceFacts,
	TaskShare,
} from '../scheduling';
import { describeSource, sameSource } from '../transport';
import type { RunContext } from './context';
import type { PreparedTask } from './create';
import { notFinishedError } from './wait';

export type ReuseMode = 'recent' | 'run' | 'never';

/** A remembered result must stay fetchable this long after it is handed out. */
const DOWNLOAD_MARGIN_MS = 5 * 60 * 1000;

/** The share a mode uses: the process's, or the run's own. */
const shareOf = (run: RunContext, mode: ReuseMode): TaskShare =>
	mode === 'recent' ? recentTasks : run.scheduler.runTasks;

/** The key of the item's task in its share. */
export const reuseKey = (run: RunContext, prepared: PreparedTask): string =>
	TaskShare.key(run.scheduler.credentialId, prepared.identity);

/** Whether a remembered task was made from what this item gives, for sure. */
async function stillTheSame(
	ctx: IExecuteFunctions,
	run: RunContext,
	remembered: Remembered,
	prepared: PreparedTask,
): Promise<boolean> {
	const { source } = prepared.read;
	// A file is known by its bytes; a URL within the run that used it needs no second look.
	if (source.kind === 'binary' || remembered.runId === run.scheduler.runId) return true;
	if (!remembered.source) return false;
	return sameSource(
		remembered.source,
		await describeSource(ctx, source.url, run.scheduler.run.signal),
	);
}

/** How long a completed task may be handed out: its time to remember, within its result URL's life. */
function rememberUntil(run: RunContext, task: TaskData, now = Date.now()): number {
	const url = presentResults(task, run.resource.results)[0]?.url;
	return Math.min(
		now + REMEMBER_MS,
		(url ? resultUrlExpiry(task, now, url) : now) - DOWNLOAD_MARGIN_MS,
	);
}

/**
 * The failure of the task another item made, as this item's own: the same type, reason, HTTP code
 * and task ID, so continue-on-fail output is the same for every item that shared it.
 */
function sharedFailure(ctx: IExecuteFunctions, error: Error, itemIndex: number): Error {
	if (!(error instanceof NodeApiError) && !(error instanceof NodeOperationError)) return error;
	const message = error.message.replace(/ \[item \d+\]/g, '');
	const description = error.description ?? undefined;
	const failure =
		error instanceof NodeApiError
			? new NodeApiError(ctx.getNode(), (error.errorResponse ?? {}) as JsonObject, {
					itemIndex,
					message,
					description,
					httpCode: error.httpCode ?? undefined,
				})
			: new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
	// The same reason words the same: n8n derives a message from the response unless told.
	failure.message = message;
	Object.assign(failure.context, error.context);
	return failure;
}

/** Forgets a task wherever this item's mode could have remembered it (its result no longer downloads). */
function forgetTask(run: RunContext, key: string, task: TaskData): void {
	for (const share of [recentTasks, run.scheduler.runTasks]) share.forget(key, task.task_id);
}

/**
 * The item's image and fields, read when needed: once at the start, again only if a create must
 * be sent after the first reading was let go (the item had joined another's task).
 */
class ItemInput {
	constructor(
		private readonly read: () => Promise<PreparedTask>,
		private current: PreparedTask | undefined,
	) {}

	/** The prepared item, read again if it was let go; held here until taken or released. */
	async peek(): Promise<PreparedTask> {
		return (this.current ??= await this.read());
	}

	/** The prepared item, for a create to take (it lets go of the images once sent). */
	async take(): Promise<PreparedTask> {
		const prepared = await this.peek();
		this.current = undefined;
		return prepared;
	}

	/** Lets go of the images: another task's result will do, for now. */
	release(): void {
		this.current?.release();
		this.current = undefined;
	}
}

interface ObtainedResult<T> {
	result: T;
	/** The task was not made by this item: remembered, or made by another item or run. */
	reused: boolean;
	/** This item made a task again, because the one it was given no longer downloaded. */
	remade: boolean;
}

/**
 * The result of a prepared item: its task made by `make`, shared with the item making it, or a
 * remembered one; then turned into the item's result by `use` (the download). When the result of
 * a task this item did not make cannot be downloaded, that task is forgotten and the item's task
 * obtained again, once: made anew, or shared with an item that has made it anew meanwhile.
 */
export async function obtainResult<T>(
	ctx: IExecuteFunctions,
	run: RunContext,
	itemIndex: number,
	options: {
		prepared: PreparedTask;
		/** Reads the item again (a create after the first reading was let go). */
		prepare: () => Promise<PreparedTask>;
		mode: ReuseMode;
		/** How long the item waits for a task another item is making (its Timeout). */
		timeoutMs: number;
		make: (prepared: PreparedTask) => Promise<TaskData>;
		use: (task: TaskData) => Promise<T>;
	},
): Promise<ObtainedResult<T>> {
	const { prepared, mode, make, use, timeoutMs } = options;
	if (mode === 'never')
		return { result: await use(await make(prepared)), reused: false, remade: false };
	const key = reuseKey(run, prepared);
	const used = async (task: TaskData) =>
		await use(task).then(
			(result) => ({ result }),
			(error: Error) => ({ error }),
		);
	const first = await obtainTask(
		ctx,
		run,
		itemIndex,
		key,
		new ItemInput(options.prepare, prepared),
		{ mode, make, timeoutMs },
	);
	const firstUse = await used(first.task);
	if ('result' in firstUse) return { result: firstUse.result, reused: !first.made, remade: false };
	if (failureKind(firstUse.error) !== 'resultUnavailable' || run.scheduler.run.stopped)
		throw firstUse.error;
	forgetTask(run, key, first.task);
	// A task this item just made is as fresh as a task can be: no second credit for it.
	if (first.made) throw firstUse.error;

	const again = await obtainTask(
		ctx,
		run,
		itemIndex,
		key,
		new ItemInput(options.prepare, undefined),
		{ mode, make, timeoutMs },
		first.task.task_id,
	);
	const againUse = await used(again.task);
	if ('result' in againUse)
		return { result: againUse.result, reused: !again.made, remade: again.made };
	if (failureKind(againUse.error) === 'resultUnavailable') forgetTask(run, key, again.task);
	throw againUse.error;
}

/** The finished task of an item: remembered, shared with the item making it, or made by `make`. */
async function obtainTask(
	ctx: IExecuteFunctions,
	run: RunContext,
	itemIndex: number,
	key: string,
	input: ItemInput,
	{
		mode,
		make,
		timeoutMs,
	}: { mode: ReuseMode; make: (prepared: PreparedTask) => Promise<TaskData>; timeoutMs: number },
	/** A task whose result did not download: not to be handed out again. */
	notTaskId?: string,
): Promise<{ task: TaskData; made: boolean }> {
	const share = shareOf(run, mode);
	const remembered = share.recall(key);
	if (remembered) {
		if (
			remembered.task.task_id !== notTaskId &&
			(await stillTheSame(ctx, run, remembered, await input.peek()))
		) {
			input.release();
			return { task: remembered.task, made: false };
		}
		share.forget(key, remembered.task.task_id);
	}
	let mine = false;
	const outcome = await share
		.obtain(
			key,
			run.scheduler.run,
			async (sent) => {
				mine = true;
				const prepared = await input.take();
				// What the image's host says, for later runs to compare: asked as the create goes out (when
				// PicWish is about to fetch the image), not before. Asked at once, the HEADs of many items
				// starting together hold the event loop while the first creates are sent, and PicWish
				// counts those later than the pacer does (a 429).
				const { source } = prepared.read;
				let ask = () => {};
				const described: Promise<SourceFacts | undefined> =
					mode === 'recent' && source.kind === 'url'
						? new Promise<void>((resolve) => (ask = resolve)).then(
								async () => await describeSource(ctx, source.url, run.scheduler.run.signal),
							)
						: Promise.resolve(undefined);
				prepared.onSent = () => {
					ask();
					sent();
				};
				const task = await make(prepared);
				ask();
				const until = rememberUntil(run, task);
				if (until > Date.now())
					share.remember(key, { task, runId: run.scheduler.runId, source: await described, until });
				return task;
			},
			{
				// An item waiting for another's task holds neither its image nor a place in the run, and
				// waits no longer than its own Timeout from when that task's create went out.
				onJoin: () => input.release(),
				wait: async (promise, sent) =>
					await run.scheduler.waitingOnAnother(
						run.scheduler.run.within(
							promise,
							timeoutMs,
							() => notFinishedError(ctx, itemIndex, timeoutMs),
							itemIndex,
							sent,
						),
					),
				sharedAcrossRuns: (error) => failureKind(error) === 'verdict',
			},
		)
		.then(
			({ task, made }) => ({ task, made }),
			(error: Error) => ({ error }),
		);
	input.release();
	if ('error' in outcome) throw mine ? outcome.error : sharedFailure(ctx, outcome.error, itemIndex);
	return outcome;
}

/** Whether a task for this prepared item is remembered (Check Credits First counts it as free). */
export function isRemembered(run: RunContext, prepared: PreparedTask, mode: ReuseMode): boolean {
	// A URL from another run is checked with its host only when the item runs: counted as a new task.
	const remembered =
		mode === 'never' ? undefined : shareOf(run, mode).recall(reuseKey(run, prepared));
	return (
		!!remembered &&
		(prepared.read.source.kind === 'binary' || remembered.runId === run.scheduler.runId)
	);
}
