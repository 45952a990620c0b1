import { NodeApiError, type NodeOperationError } from 'n8n-workflow';

/**
 * Names the task in an error: PicWish support asks for the task_id, and a user whose wait timed
 * out can query it later. The id goes into the message and into the error's context, from which
 * continue-on-fail output copies it.
 */
export function withTaskId<E extends NodeApiError | NodeOperationError>(
	error: E,
	taskId?: string,
): E {
	if (taskId) {
		error.message = `${error.message} [task_id ${taskId}]`;
		error.context.taskId = taskId;
	}
	return error;
}

/** Marks an item number in a message the way n8n's own errors do. */
export const itemLabel = (itemIndex: number): string => `[item ${itemIndex}]`;

/** Names the item in an error that fails the node, unless the message already does. */
export function namingItem<E extends Error>(error: E, itemIndex: number): E {
	const label = itemLabel(itemIndex);
	if (!error.message.includes(label)) error.message = `${error.message} ${label}`;
	return error;
}

/**
 * What a failure says about a task, for Reuse Results: PicWish's verdict on the image (a failed
 * task state: the same image and options fail again), or a result that could not be fetched (its
 * URL expired, was revoked, or the storage could not be reached). Kept in the error's context.
 */
type FailureKind = 'verdict' | 'resultUnavailable';

export function markFailure<E extends NodeApiError | NodeOperationError>(
	error: E,
	kind: FailureKind,
): E {
	error.context.failure = kind;
	return error;
}

export function failureKind(error: unknown): FailureKind | undefined {
	const context = (error as { context?: { failure?: unknown } } | undefined)?.context;
	const kind = context?.failure;
	return kind === 'verdict' || kind === 'resultUnavailable' ? kind : undefined;
}

/** Whether PicWish refused the task: a failed state, or a 400 or 413 answer to its create. */
export const refusedByPicWish = (error: unknown): boolean =>
	failureKind(error) === 'verdict' ||
	(error instanceof NodeApiError && (error.httpCode === '400' || error.httpCode === '413'));

/** Adds what likely caused PicWish's refusal to the error's description (each note once). */
export function withAdvice<E>(error: E, notes: readonly string[]): E {
	if (!refusedByPicWish(error)) return error;
	const refused = error as unknown as NodeApiError | NodeOperationError;
	for (const note of notes) {
		const description = refused.description ?? '';
		if (note && !description.includes(note))
			refused.description = description ? `${description} ${note}` : note;
	}
	return error;
}
