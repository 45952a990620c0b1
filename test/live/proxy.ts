/* eslint-disable @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * A small local recording proxy for `npm run test:live`: the node's credential points at it, and it
 * forwards every request to the real base URL (https, or http for the sandbox), recording each
 * exchange's method, path, HTTP status and JSON body. It never stores a request header (so never the
 * X-API-KEY), removes every secret it is given from what it records, and replaces the query string
 * of every URL in a body (PicWish's signed result URLs) with "?…".
 */
import {
	createServer,
	request as httpRequest,
	type IncomingHttpHeaders,
	type IncomingMessage,
	type ServerResponse,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

export interface Exchange {
	method: string;
	/** The request path, without its query string. */
	path: string;
	/** The HTTP status (0: the base URL could not be reached). */
	status: number;
	/** The answer's body: parsed JSON with secrets and URL query strings scrubbed, or a note on what it was. */
	body: unknown;
	/** Why forwarding failed, when it did. */
	error?: string;
}

interface RecordingProxy {
	url: string;
	exchanges: Exchange[];
	close(): Promise<void>;
}

const SIGNED_QUERY = /(https?:\/\/[^\s"'?#]+)\?[^\s"'#]*/g;

/** A text with the secrets removed and every URL's query string replaced. */
function scrubText(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const secret of secrets) if (secret) out = out.split(secret).join('<secret>');
	return out.replace(SIGNED_QUERY, '$1?…');
}

/** Scrubs every string inside a JSON value. */
export function scrub(value: unknown, secrets: readonly string[]): unknown {
	if (typeof value === 'string') return scrubText(value, secrets);
	if (Array.isArray(value)) return value.map((entry) => scrub(entry, secrets));
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([key, entry]) => [scrubText(key, secrets), scrub(entry, secrets)]),
		);
	}
	return value;
}

function decoded(body: Buffer, encoding: string | undefined): Buffer {
	switch ((encoding ?? '').trim().toLowerCase()) {
		case 'gzip':
			return gunzipSync(body);
		case 'deflate':
			return inflateSync(body);
		case 'br':
			return brotliDecompressSync(body);
		default:
			return body;
	}
}

/** What is recorded of an answer's body. */
function recordedBody(
	body: Buffer,
	headers: IncomingHttpHeaders,
	secrets: readonly string[],
): unknown {
	let text: string;
	try {
		text = decoded(body, headers['content-encoding'] as string | undefined).toString('utf8');
	} catch {
		return `<${body.length} bytes, not decodable>`;
	}
	try {
		return scrub(JSON.parse(text), secrets);
	} catch {
		return `<${body.length} bytes of ${String(headers['content-type'] ?? 'unknown type')}, not JSON>`;
	}
}

const HOP_BY_HOP = [
	'connection',
	'keep-alive',
	'proxy-connection',
	'transfer-encoding',
	'upgrade',
	'te',
	'trailer',
];

function withoutHopByHop(headers: IncomingHttpHeaders): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [name, value] of Object.entries(headers))
		if (value !== undefined && !HOP_BY_HOP.includes(name)) out[name] = value;
	return out;
}

async function readAll(stream: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** Starts the proxy on 127.0.0.1, forwarding to `target` (a base URL, optionally with a path prefix). */
export async function startRecordingProxy(
	target: string,
	secrets: readonly string[],
): Promise<RecordingProxy> {
	const upstream = new URL(target);
	const prefix = upstream.pathname.replace(/\/+$/, '');
	const send = upstream.protocol === 'https:' ? httpsRequest : httpRequest;
	const exchanges: Exchange[] = [];

	async function forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const body = await readAll(req);
		const path = (req.url ?? '/').split('?')[0];
		const method = req.method ?? 'GET';
		const headers = {
			...withoutHopByHop(req.headers),
			host: upstream.host,
			'content-length': String(body.length),
		};
		const answer = await new Promise<{
			status: number;
			headers: IncomingHttpHeaders;
			body: Buffer;
		}>((resolve, reject) => {
			const out = send(
				{
					protocol: upstream.protocol,
					hostname: upstream.hostname,
					port: upstream.port || undefined,
					method,
					path: `${prefix}${req.url ?? '/'}`,
					headers,
				},
				(incoming) => {
					readAll(incoming).then(
						(bytes) =>
							resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: bytes }),
						reject,
					);
				},
			);
			out.setTimeout(300_000, () => out.destroy(new Error('no answer within 300 s')));
			out.on('error', reject);
			out.end(body);
		}).catch((error: Error) => error);
		if (answer instanceof Error) {
			const message = scrubText(answer.message, secrets);
			exchanges.push({ method, path, status: 0, body: null, error: message });
			res.writeHead(502, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ status: 502, message: `live proxy: ${message}` }));
			return;
		}
		exchanges.push({
			method,
			path,
			status: answer.status,
			body: recordedBody(answer.body, answer.headers, secrets),
		});
		res.writeHead(answer.status, {
			...withoutHopByHop(answer.headers),
			'content-length': String(answer.body.length),
		});
		res.end(answer.body);
	}

	const server = createServer((req, res) => {
		forward(req, res).catch((error: Error) => {
			if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
			res.end(
				JSON.stringify({
					status: 502,
					message: `live proxy: ${scrubText(error.message, secrets)}`,
				}),
			);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		exchanges,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
