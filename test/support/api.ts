/** nock stand-ins for the PicWish API and its result storage. */
import nock from 'nock';

import { watermarkApi } from '../../nodes/PicWish/actions/watermark/api';
import { BASE_URL, TEST_API_KEY } from './workflow';

import { type Part, parseMultipart } from './multipart';

export { parseMultipart };

export const TASK_PATH = watermarkApi.taskPath;
export const RESULT_HOST = 'https://result-bucket.oss-cn-hongkong.aliyuncs.com';

/** A result URL signed the V4 way, as PicWish sends them now (the sandbox also makes the old form). */
export function resultUrl(name = 'result.png'): string {
	return `${RESULT_HOST}/tasks/${name}?x-oss-credential=LTAI5tTest%2F20261124%2Fcn-hongkong%2Foss%2Faliyun_v4_request&x-oss-date=20261124T120000Z&x-oss-expires=3600&x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-signature=abc`;
}

/** PicWish's envelope; a success carries no `message` (as seen in real answers), an error does. */
export function envelope(data: object, status = 200, message?: string) {
	return message === undefined ? { status, data } : { status, message, data };
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

/** nock hands binary request bodies to reply functions hex-encoded; text ones as they are. */
export function requestBytes(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	return /^(?:[0-9a-f]{2})+$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'utf8');
}

/** Answers one create (on the watermark endpoint unless told) with `reply` and keeps its multipart parts for the test to inspect. */
export function captureCreate(
	reply: object,
	path = TASK_PATH,
): { parts?: Record<string, Part>; fields?: Record<string, string>; files?: string[] } {
	const seen: { parts?: Record<string, Part>; fields?: Record<string, string>; files?: string[] } =
		{};
	api()
		.post(path)
		.reply(async function (_uri, body) {
			const parts = await parseMultipart(
				String(this.req.headers['content-type']),
				requestBytes(body),
			);
			seen.parts = parts;
			seen.fields = Object.fromEntries(
				Object.entries(parts)
					.filter(([, part]) => part.filename === undefined)
					.map(([name, part]) => [name, part.body.toString('utf8')]),
			);
			seen.files = Object.entries(parts)
				.filter(([, part]) => part.filename !== undefined)
				.map(([name]) => name);
			return [200, reply];
		});
	return seen;
}
