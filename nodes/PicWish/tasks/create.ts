/** Creating a task and asking for its state, for any resource whose API works by tasks. */
import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { withTaskId } from '../helpers/errors';
import type { TaskData } from '../helpers/task';
import { type ApiAnswer, TIMEOUTS } from '../transport';
import { requestTimeoutMs, type RunContext } from './context';
import { type ImageSource, readImageSource } from './input';

export interface CreatedTask {
	task: TaskData;
	/** When the create was sent: the start of the task's processing time. */
	sentAt: number;
	baseName: string;
	/** Size of the uploaded file (0 for a URL): the result is about as large. */
	sizeBytes: number;
}

/** The task in an answer; an answer without a `data` object is an error. */
function taskFrom(ctx: IExecuteFunctions, itemIndex: number, answer: ApiAnswer, taskId?: string): TaskData {
	const { data } = answer;
	if (!data || typeof data !== 'object' || Array.isArray(data)) {
		throw withTaskId(
			new NodeApiError(ctx.getNode(), { status: 200, message: answer.message ?? 'no data' } as JsonObject, {
				itemIndex,
				message: 'PicWish answered without task data',
				description:
					'The response had status 200 but no "data" object. Check that the Base URL points at the PicWish API; if it does, contact PicWish support.',
			}),
			taskId,
		);
	}
	const task = data as TaskData;
	// Some answers omit task_id; keep the one we know.
	if (taskId) task.task_id ??= taskId;
	return task;
}

/** Creates a task for an image; a synchronous create answers once PicWish has finished. */
export async function createTask(
	ctx: IExecuteFunctions,
	{ api, resource }: RunContext,
	itemIndex: number,
	source: ImageSource,
	options: { sync: boolean; processingTimeoutMs: number },
): Promise<TaskData> {
	const fields: Record<string, string> = { sync: options.sync ? '1' : '0', ...resource.extraFields };
	if (source.kind === 'url') fields[resource.imageFields.url] = source.url;
	const requestMs = requestTimeoutMs(ctx, itemIndex, TIMEOUTS.createMs);
	const answer = await api.request(itemIndex, {
		method: 'POST',
		path: resource.taskPath,
		form: { fields, file: source.kind === 'binary' ? { field: resource.imageFields.file, ...source.file } : undefined },
		// A synchronous create stays open while PicWish works.
		timeoutMs: options.sync ? options.processingTimeoutMs + requestMs : requestMs,
		idempotent: false,
		// The item's Timeout is how long its user agreed to wait, 429s included.
		rateLimitPatienceMs: options.processingTimeoutMs,
	});
	return taskFrom(ctx, itemIndex, answer);
}

/** Asks for a task's state (and result URL, once it is done). */
export async function queryTask(ctx: IExecuteFunctions, { api, resource }: RunContext, itemIndex: number, taskId: string): Promise<TaskData> {
	const answer = await api.request(itemIndex, {
		method: 'GET',
		path: `${resource.taskPath}/${encodeURIComponent(taskId)}`,
		timeoutMs: requestTimeoutMs(ctx, itemIndex, TIMEOUTS.queryMs),
		idempotent: true,
		taskId,
	});
	return taskFrom(ctx, itemIndex, answer, taskId);
}

/**
 * Reads the item's image and creates its task. The image is let go as soon as PicWish has answered,
 * so items that go on waiting for their task hold no image bytes.
 */
export async function createTaskFromInput(
	ctx: IExecuteFunctions,
	run: RunContext,
	itemIndex: number,
	options: { sync: boolean | ((sizeBytes: number) => boolean); processingTimeoutMs: number },
): Promise<CreatedTask> {
	const { source, baseName, sizeBytes, release } = await readImageSource(ctx, run.scheduler, itemIndex);
	const sync = typeof options.sync === 'function' ? options.sync(sizeBytes) : options.sync;
	const sentAt = Date.now();
	try {
		const task = await createTask(ctx, run, itemIndex, source, { sync, processingTimeoutMs: options.processingTimeoutMs });
		return { task, sentAt, baseName, sizeBytes };
	} finally {
		release();
	}
}
