import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PicWishClient, TaskData } from '../transport';
import { abortableSleep, throwIfCanceled } from './cancel';
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

/** Polls a task until it completes, fails, or the wait times out. */
export async function waitForTask(
	ctx: IExecuteFunctions,
	client: PicWishClient,
	itemIndex: number,
	created: TaskData,
	options: WaitOptions,
): Promise<TaskData> {
	const taskId = created.task_id;
	if (typeof taskId !== 'string' || !taskId) {
		throw new NodeOperationError(ctx.getNode(), 'PicWish created the task but sent no task_id', {
			itemIndex,
			description: 'Check that the Base URL points at the PicWish API; if it does, contact PicWish support.',
		});
	}
	const deadline = Date.now() + options.timeoutMs;
	let task = created;
	for (let first = true; ; first = false) {
		if (settleTask(ctx, itemIndex, task, { stateRequired: !first })) return task;
		if (Date.now() + options.pollIntervalMs > deadline) {
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
		await abortableSleep(ctx, options.pollIntervalMs);
		throwIfCanceled(ctx, itemIndex);
		task = await client.getTask(itemIndex, taskId);
		// Some answers omit task_id; keep the one we know.
		task.task_id ??= taskId;
	}
}
