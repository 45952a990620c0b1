/** Creating a task and asking for its state, for any resource whose API works by tasks. */
import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { withTaskId } from '../helpers/errors';
import type { TaskData } from '../helpers/task';
import { type ApiAnswer, TIMEOUTS, type UploadFile } from '../transport';
import { requestTimeoutMs, type RunContext } from './context';
import { type ImageSource, type InputImage, type ReadSource, readImageSource } from './input';

interface CreatedTask {
	task: TaskData;
	/** When the create was sent: the start of the task's processing time. */
	sentAt: number;
	baseName: string;
	/** Size of the uploaded file (0 for a URL): the result is about as large. */
	sizeBytes: number;
	image: InputImage;
}

/** What a resource sends beside the image: its own fields, and further images (a mask). */
export interface ApiFields {
	fields: Record<string, string>;
	/** Each sent as a file part or as a URL field, under the API's names for it. */
	images?: Array<{ fields: { file: string; url: string }; read: ReadSource }>;
	/** Advice added when PicWish refuses this task (a failed state, or a 400/413 to the create): its likely cause. */
	notes?: string[];
}

/** Reads a resource's fields for the item, once its image is known (some rules depend on it). */
export type FieldsReader = (image: InputImage) => ApiFields | Promise<ApiFields>;

/** The task in an answer; an answer without a `data` object is an error. */
function taskFrom(
	ctx: IExecuteFunctions,
	itemIndex: number,
	answer: ApiAnswer,
	taskId?: string,
): TaskData {
	const { data } = answer;
	if (!data || typeof data !== 'object' || Array.isArray(data)) {
		throw withTaskId(
			new NodeApiError(
				ctx.getNode(),
				{ status: 200, message: answer.message ?? 'no data' } as JsonObject,
				{
					itemIndex,
					message: 'PicWish answered without task data',
					description:
						'The response had status 200 but no "data" object. Check that the Base URL points at the PicWish API; if it does, contact PicWish support.',
				},
			),
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
	options: {
		sync: boolean;
		processingTimeoutMs: number;
		apiFields?: ApiFields;
		onSent?: () => void;
	},
): Promise<TaskData> {
	const fields: Record<string, string> = {
		sync: options.sync ? '1' : '0',
		...resource.extraFields,
		...options.apiFields?.fields,
	};
	const images = [
		{ fields: resource.imageFields, source },
		...(options.apiFields?.images ?? []).map(({ fields, read }) => ({
			fields,
			source: read.source,
		})),
	];
	const files: UploadFile[] = [];
	for (const image of images) {
		if (image.source.kind === 'url') fields[image.fields.url] = image.source.url;
		else files.push({ field: image.fields.file, ...image.source.file });
	}
	const requestMs = requestTimeoutMs(ctx, itemIndex, TIMEOUTS.createMs);
	const answer = await api.request(itemIndex, {
		method: 'POST',
		path: resource.taskPath,
		form: { fields, files },
		// A synchronous create stays open while PicWish works.
		timeoutMs: options.sync ? options.processingTimeoutMs + requestMs : requestMs,
		idempotent: false,
		// The item's Timeout is how long its user agreed to wait, 429s included.
		rateLimitPatienceMs: options.processingTimeoutMs,
		onSent: options.onSent,
	});
	return taskFrom(ctx, itemIndex, answer);
}

/** Asks for a task's state (and result URL, once it is done). */
export async function queryTask(
	ctx: IExecuteFunctions,
	{ api, resource }: RunContext,
	itemIndex: number,
	taskId: string,
): Promise<TaskData> {
	const answer = await api.request(itemIndex, {
		method: 'GET',
		path: `${resource.taskPath}/${encodeURIComponent(taskId)}`,
		timeoutMs: requestTimeoutMs(ctx, itemIndex, TIMEOUTS.queryMs),
		idempotent: true,
		taskId,
	});
	return taskFrom(ctx, itemIndex, answer, taskId);
}

/** An item ready to send: its image and fields read and checked, nothing sent yet. */
export interface PreparedTask {
	read: ReadSource;
	apiFields: ApiFields;
	/** What makes two creates the same task: the endpoint, every field sent, and each image's sameness. */
	identity: string;
	/** Lets go of the images if no create took them (once). */
	release: () => void;
	/** Runs when the create's body has gone out (each attempt). */
	onSent?: () => void;
}

/** Reads the item's image and the resource's fields (which may name a mask), checked, before anything is sent. */
export async function prepareTask(
	ctx: IExecuteFunctions,
	run: RunContext,
	itemIndex: number,
	fields?: FieldsReader,
): Promise<PreparedTask> {
	const read = await readImageSource(ctx, run.scheduler, itemIndex, run.resource.limits);
	let apiFields: ApiFields | undefined;
	try {
		apiFields = (await fields?.(read.image)) ?? { fields: {} };
	} finally {
		// Fields refused: the image is not needed.
		if (!apiFields) read.release();
	}
	const sent = { ...run.resource.extraFields, ...apiFields.fields };
	const identity = JSON.stringify([
		run.resource.taskPath,
		Object.keys(sent)
			.sort()
			.map((name) => [name, sent[name]]),
		read.sameness,
		(apiFields.images ?? []).map((image) => [image.fields.file, image.read.sameness]),
	]);
	const release = () => {
		read.release();
		for (const image of apiFields.images ?? []) image.read.release();
	};
	return { read, apiFields, identity, release };
}

/** Creates the task of a prepared item; its images are let go as soon as PicWish has answered. */
export async function sendTask(
	ctx: IExecuteFunctions,
	run: RunContext,
	itemIndex: number,
	prepared: PreparedTask,
	options: { sync: boolean | ((sizeBytes: number) => boolean); processingTimeoutMs: number },
): Promise<CreatedTask> {
	const { source, baseName, sizeBytes, image } = prepared.read;
	try {
		const sync = typeof options.sync === 'function' ? options.sync(sizeBytes) : options.sync;
		const sentAt = Date.now();
		const task = await createTask(ctx, run, itemIndex, source, {
			sync,
			processingTimeoutMs: options.processingTimeoutMs,
			apiFields: prepared.apiFields,
			onSent: prepared.onSent,
		});
		return { task, sentAt, baseName, sizeBytes, image };
	} finally {
		prepared.release();
	}
}

/**
 * Reads the item's image (and the resource's fields, which may name a mask) and creates its task.
 * The images are let go as soon as PicWish has answered, so items that go on waiting for their
 * task hold no image bytes.
 */
export async function createTaskFromInput(
	ctx: IExecuteFunctions,
	run: RunContext,
	itemIndex: number,
	options: {
		sync: boolean | ((sizeBytes: number) => boolean);
		processingTimeoutMs: number;
		fields?: FieldsReader;
	},
): Promise<CreatedTask> {
	return await sendTask(
		ctx,
		run,
		itemIndex,
		await prepareTask(ctx, run, itemIndex, options.fields),
		options,
	);
}
