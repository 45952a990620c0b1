import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PicWishClient, TaskData } from '../transport';
import { withTaskId } from './errors';
import { describeState, stateNumber } from './states';

export interface WaitOptions {
	timeoutMs: number;
	pollIntervalMs: number;
}

/** The API's maximum processing time; also the default wait. */
export const MAX_PROCESSING_MS = 180_000;

/**
 * Throws for a failed task (any negative state), a missing or unreadable state, and a completed
 * task without a result URL; returns whether the task is completed. Only the answer to an
 * asynchronous create may lack a state (it carries just the task_id).
 */
export function settleTask(
	ctx: IExecuteFunctions,
	itemIndex: number,
	task: TaskData,
	{ stateRequired = true } = {},
): boolean {
	const missing = task.state === undefined || task.state === null;
	if (missing && !stateRequired) return false;
	const state = stateNumber(task.state);
	if (!Number.isFinite(state)) {
		throw withTaskId(
			new NodeOperationError(ctx.getNode(), missing ? 'PicWish sent no task state' : `PicWish sent a task state that is not a number ("${String(task.state)}")`, {
				itemIndex,
				description: 'Check that the Base URL points at the PicWish API; if it does, contact PicWish support with the task ID.',
			}),
			task.task_id,
		);
	}
	const info = describeState(state);
	if (info.status === 'failed') {
		const detail = typeof task.state_detail === 'string' && task.state_detail ? ` PicWish said: "${task.state_detail}".` : '';
		throw withTaskId(
			new NodeOperationError(ctx.getNode(), `PicWish could not remove the watermark: ${info.name} (state ${state})`, {
				itemIndex,
				description: `${info.hint ?? ''}${detail}`,
			}),
			task.task_id,
		);
	}
	if (info.status === 'completed' && (typeof task.file !== 'string' || !task.file)) {
		throw withTaskId(
			new NodeOperationError(ctx.getNode(), 'PicWish reported the task as completed but sent no result URL', {
				itemIndex,
				description: 'Query the task again with Get Task in a moment; if the URL is still missing, contact PicWish support with the task ID.',
			}),
			task.task_id,
		);
	}
	return info.status === 'completed';
}

/**
 * How long PicWish takes in this run, from sending the create to seeing the task completed: the
 * median of the most recent tasks. Lets the first poll go out when a result is likely, instead of
 * every second from the start.
 */
export class ProcessingTimes {
	private readonly samples: number[] = [];

	record(ms: number): void {
		if (!Number.isFinite(ms) || ms < 0) return;
		this.samples.push(ms);
		if (this.samples.length > 25) this.samples.shift();
	}

	/** The typical processing time, once a task of this run has finished. */
	typical(): number | undefined {
		if (!this.samples.length) return undefined;
		const sorted = [...this.samples].sort((a, b) => a - b);
		return sorted[Math.floor(sorted.length / 2)];
	}
}

/** Longest pause between two polls, whatever the estimate says. */
export const MAX_POLL_GAP_MS = 10_000;

/**
 * When to poll next: at the run's typical processing time for the first poll; later from the
 * task's progress (time so far × remaining/done); never sooner than the poll interval.
 */
export function nextPollDelay(
	task: TaskData,
	elapsedMs: number,
	pollIntervalMs: number,
	typicalMs: number | undefined,
	firstPoll: boolean,
): number {
	let estimate = pollIntervalMs;
	const progress = Number(task.progress);
	if (firstPoll && typicalMs !== undefined) estimate = typicalMs - elapsedMs;
	else if (Number.isFinite(progress) && progress > 0 && progress < 100) {
		estimate = (elapsedMs * (100 - progress)) / progress;
	}
	return Math.min(Math.max(estimate, pollIntervalMs), Math.max(MAX_POLL_GAP_MS, pollIntervalMs));
}

/**
 * Polls a task until it completes, fails, or the wait times out. `sentAt` is when its create was
 * sent; the time it took is recorded for the run's later polls.
 */
export async function waitForTask(
	ctx: IExecuteFunctions,
	client: PicWishClient,
	itemIndex: number,
	created: TaskData,
	options: WaitOptions & { sentAt: number },
): Promise<TaskData> {
	const taskId = created.task_id;
	if (typeof taskId !== 'string' || !taskId) {
		throw new NodeOperationError(ctx.getNode(), 'PicWish created the task but sent no task_id', {
			itemIndex,
			description: 'Check that the Base URL points at the PicWish API; if it does, contact PicWish support.',
		});
	}
	const deadline = options.sentAt + options.timeoutMs;
	let task = created;
	for (let polls = 0; ; polls++) {
		if (settleTask(ctx, itemIndex, task, { stateRequired: polls > 0 })) {
			client.processingTimes.record(Date.now() - options.sentAt);
			return task;
		}
		const now = Date.now();
		const delay = nextPollDelay(task, now - options.sentAt, options.pollIntervalMs, client.processingTimes.typical(), polls === 0);
		if (now >= deadline) {
			const last = task.state === undefined ? '' : ` (last state: ${describeState(Number(task.state)).name})`;
			throw withTaskId(
				new NodeOperationError(
					ctx.getNode(),
					`PicWish did not finish within ${Math.round(options.timeoutMs / 1000)} seconds${last}`,
					{
						itemIndex,
						description:
							'The task may still complete: query it later with the Get Task operation and this task ID, or raise "Timeout" in the options (PicWish itself gives up after 180 seconds).',
					},
				),
				taskId,
			);
		}
		// The last poll goes out at the deadline.
		await client.run.sleep(Math.min(delay, deadline - now), itemIndex);
		task = await client.getTask(itemIndex, taskId);
		// Some answers omit task_id; keep the one we know.
		task.task_id ??= taskId;
	}
}
