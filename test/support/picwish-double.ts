/* eslint-disable @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * A PicWish double on 127.0.0.1 that answers each request as the test decides, by what the request
 * is about (which file, which URL, which task): one item of a batch can meet a fault while the
 * others get the normal answers. Real sockets, so resets, stalls and slow drips are real too.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { watermarkApi } from '../../nodes/PicWish/actions/watermark/api';
import { parseMultipart } from './multipart';
import { makePng } from './images';
import { cutOff, drip, type Handler, json, raw, reset, stallAfter } from './local-server';
import { useRealNetwork } from './nock-lifecycle';

export const TASK_PATH = watermarkApi.taskPath;

export interface DoubleRequest {
	kind: 'create' | 'query' | 'result' | 'other';
	/** The item the request is about: the uploaded file's name, the URL's last segment, or the task/result name. */
	subject: string;
	/** 1 for the first request of this kind about this subject, 2 for a resend… */
	attempt: number;
	headers: IncomingMessage['headers'];
	/** When the whole request had arrived (ms since the epoch). */
	at: number;
	/** Create: the multipart fields (file as bytes). */
	fields?: Record<string, Buffer>;
	fileName?: string;
}

export type Answer =
	| { json: object; status?: number; headers?: Record<string, string> }
	| { body: Buffer | string; status?: number; contentType?: string }
	/** Drops the connection once the request has arrived whole. */
	| { reset: true }
	/** Promises `bytes`, sends `sent` of them, drops the connection. */
	| { cutOff: Buffer; sent: number }
	/** Sends the headers, then nothing. */
	| { stall: true }
	/** Sends `bytes` one byte every `everyMs`. */
	| { drip: Buffer; everyMs: number };

/** The cleaned image the double serves by default. */
export const RESULT_IMAGE = makePng(64, 48, [20, 160, 90]);

export interface Double {
	baseUrl: string;
	requests: DoubleRequest[];
	/** How many requests of a kind were made about a subject. */
	count: (kind: DoubleRequest['kind'], subject: string) => number;
	close: () => Promise<void>;
}

/** Task ids are the subject's name, so a query or a result names its item too. */
const taskIdFor = (subject: string) => `task-${subject}`;

function subjectOfUrl(url: string): string {
	const last = new URL(url).pathname.split('/').filter(Boolean).pop() ?? 'url';
	return decodeURIComponent(last).replace(/\.[^.]+$/, '');
}

/** The normal PicWish answers: a synchronous create finishes at once; results are served. */
function normalAnswer(request: DoubleRequest, baseUrl: string): Answer {
	const taskId = taskIdFor(request.subject);
	const done = {
		status: 200,
		data: {
			task_id: taskId,
			state: 1,
			progress: 100,
			file: `${baseUrl}/results/${request.subject}.png`,
			completed_at: 1764000003,
		},
	};
	if (request.kind === 'create') {
		const sync = request.fields?.sync?.toString() === '1';
		return { json: sync ? done : { status: 200, data: { task_id: taskId } } };
	}
	if (request.kind === 'query') return { json: done };
	if (request.kind === 'result') return { body: RESULT_IMAGE, contentType: 'image/png' };
	return { json: { status: 404, message: 'not found' }, status: 404 };
}

/** The local server's fault answers serve the double's too. */
function handlerFor(reply: Answer): Handler {
	if ('reset' in reply) return reset;
	if ('stall' in reply) return stallAfter(Buffer.alloc(100_000), 0);
	if ('cutOff' in reply) return cutOff(reply.cutOff, reply.sent);
	if ('drip' in reply) return drip(reply.drip, reply.everyMs);
	if ('json' in reply) return json(reply.status ?? 200, reply.json, reply.headers);
	return raw(reply.status ?? 200, reply.body, reply.contentType ?? 'application/octet-stream');
}

export async function startDouble(
	route: (request: DoubleRequest) => Answer | undefined = () => undefined,
): Promise<Double> {
	const releaseNetwork = useRealNetwork();
	const requests: DoubleRequest[] = [];
	let baseUrl = '';

	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', async () => {
			const path = new URL(req.url ?? '/', 'http://double').pathname;
			const request: DoubleRequest = {
				kind: 'other',
				subject: path,
				attempt: 1,
				headers: req.headers,
				at: Date.now(),
			};
			if (path === TASK_PATH && req.method === 'POST') {
				// A body cut off on the way is read as far as it goes: no parts.
				const parts = await parseMultipart(
					String(req.headers['content-type'] ?? ''),
					Buffer.concat(chunks),
				).catch(() => ({}) as Awaited<ReturnType<typeof parseMultipart>>);
				request.kind = 'create';
				request.fields = Object.fromEntries(
					Object.entries(parts).map(([name, part]) => [name, part.body]),
				);
				request.fileName = parts.file?.filename;
				const url = parts.url?.body.toString();
				request.subject = url
					? subjectOfUrl(url)
					: (parts.file?.filename ?? 'file').replace(/\.[^.]+$/, '');
			} else if (path.startsWith(`${TASK_PATH}/`)) {
				request.kind = 'query';
				request.subject = decodeURIComponent(path.slice(TASK_PATH.length + 1)).replace(
					/^task-/,
					'',
				);
			} else if (path.startsWith('/results/')) {
				request.kind = 'result';
				request.subject = decodeURIComponent(path.slice('/results/'.length)).replace(
					/\.[^.]+$/,
					'',
				);
			}
			request.attempt =
				requests.filter((r) => r.kind === request.kind && r.subject === request.subject).length + 1;
			requests.push(request);
			handlerFor(route(request) ?? normalAnswer(request, baseUrl))(req, res, Buffer.alloc(0));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		baseUrl,
		requests,
		count: (kind, subject) =>
			requests.filter((r) => r.kind === kind && r.subject === subject).length,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			releaseNetwork();
		},
	};
}
