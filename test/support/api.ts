/** nock stand-ins for the PicWish API and its result storage. */
import nock from 'nock';

import { BASE_URL, TEST_API_KEY } from './workflow';

export const TASK_PATH = '/api/tasks/visual/external/watermark-remove';
export const RESULT_HOST = 'https://result-bucket.oss-cn-hongkong.aliyuncs.com';

export function resultUrl(name = 'result.png'): string {
	return `${RESULT_HOST}/tasks/${name}?x-oss-date=20261124T120000Z&x-oss-expires=3600&x-oss-signature=abc`;
}

export function envelope(data: object, status = 200, message = 'success') {
	return { status, message, data };
}

/** The API, answering only requests that carry the test key. */
export function api(): nock.Scope {
	return nock(BASE_URL, { reqheaders: { 'x-api-key': TEST_API_KEY } });
}

export function completed(taskId: string, file = resultUrl(), extra: object = {}) {
	return envelope({
		task_id: taskId,
		state: 1,
		progress: 100,
		file,
		created_at: 1764000000,
		processed_at: 1764000001,
		completed_at: 1764000003,
		...extra,
	});
}

export function pending(taskId: string, state = 4, progress = 50) {
	return envelope({ task_id: taskId, state, progress, created_at: 1764000000 });
}

/** The signed result URL, served without credentials. */
export function storage(): nock.Scope {
	return nock(RESULT_HOST, { badheaders: ['x-api-key'] });
}

/** Splits a multipart body into its parts: name → { filename, contentType, body }. */
export function parseMultipart(
	contentType: string,
	body: Buffer,
): Record<string, { filename?: string; contentType?: string; body: Buffer }> {
	const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
	if (!boundary) throw new Error(`not multipart: ${contentType}`);
	const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
	const parts: Record<string, { filename?: string; contentType?: string; body: Buffer }> = {};
	let start = body.indexOf(delimiter);
	while (start !== -1) {
		const next = body.indexOf(delimiter, start + delimiter.length);
		if (next === -1) break;
		const part = body.subarray(start + delimiter.length + 2, next - 2);
		const split = part.indexOf('\r\n\r\n');
		const head = part.subarray(0, split).toString('utf8');
		const content = part.subarray(split + 4);
		const name = /name="([^"]*)"/.exec(head)?.[1] ?? '';
		parts[name] = {
			filename: /filename="([^"]*)"/.exec(head)?.[1],
			contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1],
			body: content,
		};
		start = next;
	}
	return parts;
}

/** nock hands binary request bodies to reply functions hex-encoded; text ones as they are. */
export function requestBytes(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	return /^(?:[0-9a-f]{2})+$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'utf8');
}
