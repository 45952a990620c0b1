import type { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * Names the task in an error: PicWish support asks for the task_id, and a user whose wait timed
 * out can query it later. The id goes into the message and into the error's context, from which
 * continue-on-fail output copies it.
 */
export function withTaskId<E extends NodeApiError | NodeOperationError>(error: E, taskId?: string): E {
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
