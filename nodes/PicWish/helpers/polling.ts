/** When to ask for a task's state again. Pure. */
import type { TaskData } from './task';

/** The API's maximum processing time; also the default wait. */
export const MAX_PROCESSING_MS = 180_000;

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
