/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * A real HTTP server on 127.0.0.1 for faults nock cannot fake through n8n's HTTP stack (resets,
 * refused connections). Each request is handled by the next handler in the list.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import nock from 'nock';

import { useRealNetwork } from './nock-lifecycle';

export type Handler = ((req: IncomingMessage, res: ServerResponse, body: Buffer) => void) & {
	/** Runs as soon as the request's headers arrive, before its body is read. */
	beforeBody?: boolean;
};

interface LocalServer {
	baseUrl: string;
	requests: Array<{ method?: string; url?: string; headers: IncomingMessage['headers'] }>;
	close: () => Promise<void>;
}

export const json =
	(status: number, body: object, headers: Record<string, string> = {}): Handler =>
	(_req, res) => {
		res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
		res.end(JSON.stringify(body));
	};

/** Answers with any status, body and type (an HTML page, an empty body…). */
export const raw =
	(status: number, body: Buffer | string, type: string): Handler =>
	(_req, res) => {
		res.writeHead(status, { 'Content-Type': type });
		res.end(body);
	};

/** Drops the connection without an answer: the client sees ECONNRESET. */
export const reset: Handler = (req) => {
	req.socket.destroy();
};

/** Serves an image. */
export const image =
	(bytes: Buffer, type = 'image/png'): Handler =>
	(_req, res) => {
		res.writeHead(200, { 'Content-Type': type, 'Content-Length': String(bytes.length) });
		res.end(bytes);
	};

/** Promises the whole image, sends its first `sent` bytes, and drops the connection. */
export const cutOff =
	(bytes: Buffer, sent: number, type = 'image/png'): Handler =>
	(_req, res) => {
		res.writeHead(200, { 'Content-Type': type, 'Content-Length': String(bytes.length) });
		res.write(bytes.subarray(0, sent), () => setTimeout(() => res.socket?.destroy(), 50));
	};

/** Promises the whole image, sends its headers and first `sent` bytes, then nothing more (until closed). */
export const stallAfter =
	(bytes: Buffer, sent: number, type = 'image/png'): Handler =>
	(_req, res) => {
		res.writeHead(200, { 'Content-Type': type, 'Content-Length': String(bytes.length) });
		res.flushHeaders();
		if (sent > 0) res.write(bytes.subarray(0, sent));
	};

/** Sends the whole image, one byte every `everyMs`: never silent, never quick. */
export const drip =
	(bytes: Buffer, everyMs: number, type = 'image/png'): Handler =>
	(_req, res) => {
		res.writeHead(200, { 'Content-Type': type, 'Content-Length': String(bytes.length) });
		let offset = 0;
		const timer = setInterval(() => {
			if (offset < bytes.length) res.write(bytes.subarray(offset, ++offset));
			else res.end();
		}, everyMs);
		res.on('close', () => clearInterval(timer));
	};

/**
 * Answers from the headers alone and closes the connection without reading the body, as a server
 * that rejects a request early does: a client still sending a large upload sees EPIPE or a reset.
 */
export function answerBeforeBody(
	status: number,
	body: object,
	headers: Record<string, string> = {},
): Handler {
	const handler: Handler = (_req, res) => {
		res.writeHead(status, { 'Content-Type': 'application/json', Connection: 'close', ...headers });
		res.end(JSON.stringify(body), () => res.socket?.destroy());
	};
	handler.beforeBody = true;
	return handler;
}

export async function startServer(handlers: Handler[]): Promise<LocalServer> {
	const releaseNetwork = useRealNetwork();
	const requests: LocalServer['requests'] = [];
	const server: Server = createServer((req, res) => {
		requests.push({ method: req.method, url: req.url, headers: req.headers });
		const handler = handlers[Math.min(requests.length - 1, handlers.length - 1)];
		if (handler.beforeBody) return handler(req, res, Buffer.alloc(0));
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => handler(req, res, Buffer.concat(chunks)));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}`,
		requests,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			releaseNetwork();
		},
	};
}

/** A base URL nothing listens on: the client sees ECONNREFUSED. */
export async function refusedBaseUrl(): Promise<string> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	nock.enableNetConnect('127.0.0.1');
	return `http://127.0.0.1:${port}`;
}
