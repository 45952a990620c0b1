/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/** A plain HTTP client for the sandbox's task APIs, for its tests (apis*.test.ts). */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { PNG } from 'pngjs';

import {
	type ImageInspection,
	inspectImage,
	type ImageLimits,
} from '../../nodes/PicWish/helpers/image';

/** Reads any result header (inspectImage's second argument is the API's limits: here, none). */
export const ANY_IMAGE: ImageLimits = {
	kinds: ['jpeg', 'png', 'bmp', 'webp', 'tiff'],
	formats: 'any',
	maxBytes: 1e9,
	minSide: 1,
	maxSide: 100000,
};

export type FieldValue = string | Buffer;
/** Form fields; undefined ones are not sent. */
export type Fields = Record<string, FieldValue | undefined>;
export type TaskData = Record<string, unknown> & { task_id: string; state: number };

export interface Answer {
	status: number;
	contentType: string;
	body: { status: number; message?: string; data?: TaskData };
	bytes: Buffer;
}

export function client(base: () => string, key = 'sandbox-key') {
	/** POSTs a multipart form (Buffers go as file parts). */
	async function post(path: string, fields: Fields): Promise<Answer> {
		const form = new FormData();
		for (const [name, value] of Object.entries(fields)) {
			if (value === undefined) continue;
			if (typeof value === 'string') form.append(name, value);
			else form.append(name, new Blob([value]), `${name}.bin`);
		}
		const response = await fetch(`${base()}${path}`, {
			method: 'POST',
			body: form,
			headers: { 'X-API-KEY': key },
		});
		const contentType = response.headers.get('content-type') ?? '';
		const bytes = Buffer.from(await response.arrayBuffer());
		const body = contentType.startsWith('application/json')
			? JSON.parse(bytes.toString('utf8'))
			: { status: response.status };
		return { status: response.status, contentType, body, bytes };
	}

	/** A synchronous create that must succeed (state 1): the task data. */
	async function run(path: string, fields: Fields): Promise<TaskData> {
		const answer = await post(path, { sync: '1', ...fields });
		if (answer.status !== 200 || answer.body.data?.state !== 1)
			throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
		return answer.body.data;
	}

	/** A create that must be refused with 400: the reason. */
	async function refused(path: string, fields: Fields): Promise<string> {
		const answer = await post(path, { sync: '1', ...fields });
		if (answer.status !== 400 || answer.body.status !== 400)
			throw new Error(
				`${path} ${JSON.stringify(Object.keys(fields))}: expected 400, got ${answer.status} ${JSON.stringify(answer.body)}`,
			);
		return answer.body.message ?? '';
	}

	const query = async (path: string, taskId: string) =>
		await fetch(`${base()}${path}/${taskId}`, { headers: { 'X-API-KEY': key } });

	/**
	 * An asynchronous create (sync=0) queried until its task ends: the create's answer, with the
	 * task's final data in `body.data` when it was accepted.
	 */
	async function settle(path: string, fields: Fields): Promise<Answer> {
		const answer = await post(path, { ...fields, sync: '0' });
		const taskId = answer.body.data?.task_id;
		if (answer.status !== 200 || !taskId) return answer;
		for (const started = Date.now(); Date.now() - started < 10_000; ) {
			const data = ((await (await query(path, taskId)).json()) as { data: TaskData }).data;
			if (data.state === 1 || data.state < 0) return { ...answer, body: { status: 200, data } };
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		throw new Error(`${path}: task ${taskId} did not end within 10 s`);
	}

	/** An asynchronous create that must succeed (state 1): the finished task's data. */
	async function runAsync(path: string, fields: Fields): Promise<TaskData> {
		const answer = await settle(path, fields);
		if (answer.body.data?.state !== 1)
			throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
		return answer.body.data;
	}

	return { post, run, refused, query, settle, runAsync };
}

export interface Downloaded {
	bytes: Buffer;
	contentType: string;
	extension: string;
	header: Extract<ImageInspection, { ok: true }>;
}

/** Fetches a result URL of any kind (a document, a ZIP). */
export async function fetchResult(url: unknown): Promise<Omit<Downloaded, 'header'>> {
	const response = await fetch(String(url));
	if (response.status !== 200) throw new Error(`download ${String(url)}: ${response.status}`);
	return {
		bytes: Buffer.from(await response.arrayBuffer()),
		contentType: response.headers.get('content-type') ?? '',
		extension: new URL(String(url)).pathname.split('.').pop()!,
	};
}

/** Fetches an image result URL and reads its header. */
export async function download(url: unknown): Promise<Downloaded> {
	const result = await fetchResult(url);
	const header = inspectImage(result.bytes, ANY_IMAGE);
	if (!header.ok) throw new Error(`download ${String(url)}: ${header.problem}`);
	return { ...result, header };
}

/** A decoded PNG's RGBA (or grey, expanded to RGBA by pngjs) pixel at (x, y). */
export function pngPixel(bytes: Buffer, x: number, y: number): number[] {
	const png = PNG.sync.read(bytes);
	const offset = (y * png.width + x) * 4;
	return [...png.data.subarray(offset, offset + 4)];
}

/** A PNG's colour type (IHDR byte 25): 0 grey, 2 RGB, 6 RGBA. */
export const pngColourType = (bytes: Buffer) => bytes[25];

/** A tiny HTTP server serving fixed bodies by path, for URL inputs the samples cannot make cheaply. */
export async function fileServer(
	files: Record<string, Buffer>,
): Promise<{ url: string; close: () => Promise<void> }> {
	const server = createServer((req, res) => {
		const body = files[req.url ?? ''];
		res.writeHead(body ? 200 : 404, { 'Content-Type': 'application/octet-stream' });
		res.end(body ?? '');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
