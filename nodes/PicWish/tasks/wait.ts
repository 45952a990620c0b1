/** Deciding what a task's state means, and waiting for a task to finish. */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { markFailure, withTaskId } from '../helpers/errors';
import { limitHints } from '../helpers/image';
import { nextPollDelay } from '../helpers/polling';
import { describeState, stateNumber } from '../helpers/states';
import { presentResults, type TaskData } from '../helpers/task';
import type { ResourceApi, RunContext } from './context';
import { queryTask } from './create';

interface WaitOptions {
	timeoutMs: number;
	pollIntervalMs: number;
	/** When the create was sent: the wait and the processing time count from it. */
	sentAt: number;
}

/**
 * Throws for a failed task (any negative state), a missing or unreadable state, and a completed
 * task without a result URL; returns whether the task is completed. Only the answer to an
 * asynchronous create may lack a state (it carries just the task_id).
 */
export function settleTask(
	ctx: IExecuteFunctions,
	resource: ResourceApi,
	itemIndex: number,
	task: TaskData,
	{ stateRequired = true } = {},
): boolean {
	const missing = task.state === undefined || task.state === null;
	if (missing && !stateRequired) return false;
	const state = stateNumber(task.state);
	if (!Number.isFinite(state)) {
		throw withTaskId(
			new NodeOperationError(
				ctx.getNode(),
				missing
					? 'PicWish sent no task state'
					: `PicWish sent a task state that is not a number ("${String(task.state)}")`,
				{
					itemIndex,
					description:
						'Check that the Base URL points at the PicWish API; if it does, contact PicWish support with the task ID.',
				},
			),
			task.task_id,
		);
	}
	const info = describeState(state);
	if (info.status === 'failed') {
		const detail =
			typeof task.state_detail === 'string' && task.state_detail
				? ` PicWish said: "${task.state_detail}".`
				: '';
		const hint =
			resource.wording.stateHints?.[state] ?? limitHints(resource.limits)[state] ?? info.hint ?? '';
		throw markFailure(
			withTaskId(
				new NodeOperationError(
					ctx.getNode(),
					`PicWish ${resource.wording.failed}: ${info.name} (state ${state})`,
					{
						itemIndex,
						description: `${hint}${detail}`,
					},
				),
				task.task_id,
			),
			'verdict',
		);
	}
	if (info.status === 'completed' && !presentResults(task, resource.results).length) {
		throw withTaskId(
			new NodeOperationError(
				ctx.getNode(),
				'PicWish reported the task as completed but sent no result URL',
				{
					itemIndex,
					description:
						'Query the task again with Get Task in a moment; if the URL is still missing, contact PicWish support with the task ID.',
				},
			),
			task.task_id,
		);
	}
	return info.status === 'completed';
}

/**
 * The item's Timeout passed before its task finished: the task it waited for (its own, with its
 * last state), or one another item or execution was making for the same image.
 */
export function notFinishedError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	timeoutMs: number,
	task?: TaskData,
): NodeOperationError {
	const last =
		task?.state === undefined ? '' : ` (last state: ${describeState(Number(task.state)).name})`;
	return withTaskId(
		new NodeOperationError(
			ctx.getNode(),
			`PicWish did not finish within ${Math.round(timeoutMs / 1000)} seconds${last}`,
			{
				itemIndex,
				description: task
					? 'The task may still complete: query it later with the Get Task operation and this task ID, or raise "Timeout" in the options (PicWish itself gives up after 180 seconds).'
					: 'This item waited for the task another item or execution was making for the same image (Reuse Results). Raise "Timeout" in the options, or run it again: a finished task is then reused.',
			},
		),
		task?.task_id,
	);
}

/**
 * Polls a task until it completes, fails, or the wait times out. The time it took is recorded for
 * the run's later polls.
 */
export async function waitForTask(
	ctx: IExecuteFunctions,
	run: RunContext,
	itemIndex: number,
	created: TaskData,
	options: WaitOptions,
): Promise<TaskData> {
	const { scheduler, resource } = run;
	const taskId = created.task_id;
	if (typeof taskId !== 'string' || !taskId) {
		throw new NodeOperationError(ctx.getNode(), 'PicWish created the task but sent no task_id', {
			itemIndex,
			description:
				'Check that the Base URL points at the PicWish API; if it does, contact PicWish support.',
		});
	}
	const deadline = options.sentAt + options.timeoutMs;
	let task = created;
	for (let polls = 0; ; polls++) {
		if (settleTask(ctx, resource, itemIndex, task, { stateRequired: polls > 0 })) {
			scheduler.processingTimes.record(Date.now() - options.sentAt);
			return task;
		}
		const now = Date.now();
		const delay = nextPollDelay(
			task,
			now - options.sentAt,
			options.pollIntervalMs,
			scheduler.processingTimes.typical(),
			polls === 0,
		);
		if (now >= deadline) throw notFinishedError(ctx, itemIndex, options.timeoutMs, task);
		// The last poll goes out at the deadline.
		await scheduler.run.sleep(Math.min(delay, deadline - now), itemIndex);
		task = await queryTask(ctx, run, itemIndex, taskId);
	}
}
