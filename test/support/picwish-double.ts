/**
 * A PicWish double on 127.0.0.1 that answers each request as the test decides, by what the request
 * is about (which file, which URL, which task): one item of a batch can meet a fault while the
 * others get the normal answers. Real sockets, so resets, stalls and slow drips are real too.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { parseMultipart } from '../sandbox/multipart';
import { makePng } from './images';
import { useRealNetwork } from './nock-lifecycle';

export const TASK_PATH = '/api/tasks/visual/external/watermark-remove';

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
		message: 'success',
		data: { task_id: taskId, state: 1, progress: 100, file: `${baseUrl}/results/${request.subject}.png`, completed_at: 1764000003 },
	};
	if (request.kind === 'create') {
		const sync = request.fields?.sync?.toString() === '1';
		return { json: sync ? done : { status: 200, message: 'success', data: { task_id: taskId } } };
	}
	if (request.kind === 'query') return { json: done };
	if (request.kind === 'result') return { body: RESULT_IMAGE, contentType: 'image/png' };
	return { json: { status: 404, message: 'not found' }, status: 404 };
}

export async function startDouble(route: (request: DoubleRequest) => Answer | undefined = () => undefined): Promise<Double> {
	const releaseNetwork = useRealNetwork();
	const requests: DoubleRequest[] = [];
	const sockets = new Set<Socket>();
	const timers = new Set<NodeJS.Timeout>();
	let baseUrl = '';

	const answer = (res: ServerResponse, reply: Answer): void => {
		if ('reset' in reply) {
			res.socket?.destroy();
			return;
		}
		if ('stall' in reply) {
			res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': '100000' });
			res.flushHeaders();
			return;
		}
		if ('cutOff' in reply) {
			res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': String(reply.cutOff.length) });
			res.write(reply.cutOff.subarray(0, reply.sent), () => {
				const timer = setTimeout(() => res.socket?.destroy(), 50);
				timers.add(timer);
			});
			return;
		}
		if ('drip' in reply) {
			res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': String(reply.drip.length) });
			let offset = 0;
			const timer = setInterval(() => {
				if (offset >= reply.drip.length || res.destroyed) {
					clearInterval(timer);
					if (!res.destroyed) res.end();
					return;
				}
				res.write(reply.drip.subarray(offset, ++offset));
			}, reply.everyMs);
			timers.add(timer);
			return;
		}
		if ('json' in reply) {
			res.writeHead(reply.status ?? 200, { 'Content-Type': 'application/json', ...(reply.headers ?? {}) });
			res.end(JSON.stringify(reply.json));
			return;
		}
		res.writeHead(reply.status ?? 200, { 'Content-Type': reply.contentType ?? 'application/octet-stream' });
		res.end(reply.body);
	};

	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const path = new URL(req.url ?? '/', 'http://double').pathname;
			const request: DoubleRequest = { kind: 'other', subject: path, attempt: 1, headers: req.headers, at: Date.now() };
			if (path === TASK_PATH && req.method === 'POST') {
				const parts = parseMultipart(String(req.headers['content-type'] ?? ''), Buffer.concat(chunks));
				request.kind = 'create';
				request.fields = Object.fromEntries(Object.entries(parts).map(([name, part]) => [name, part.body]));
				request.fileName = parts.file?.filename;
				const url = parts.url?.body.toString();
				request.subject = url ? subjectOfUrl(url) : (parts.file?.filename ?? 'file').replace(/\.[^.]+$/, '');
			} else if (path.startsWith(`${TASK_PATH}/`)) {
				request.kind = 'query';
				request.subject = decodeURIComponent(path.slice(TASK_PATH.length + 1)).replace(/^task-/, '');
			} else if (path.startsWith('/results/')) {
				request.kind = 'result';
				request.subject = decodeURIComponent(path.slice('/results/'.length)).replace(/\.[^.]+$/, '');
			}
			request.attempt = requests.filter((r) => r.kind === request.kind && r.subject === request.subject).length + 1;
			requests.push(request);
			answer(res, route(request) ?? normalAnswer(request, baseUrl));
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		baseUrl,
		requests,
		count: (kind, subject) => requests.filter((r) => r.kind === kind && r.subject === subject).length,
		close: async () => {
			for (const timer of timers) clearTimeout(timer);
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			releaseNetwork();
		},
	};
}
