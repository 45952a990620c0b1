/* eslint-disable @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * A pass-through in front of the PicWish sandbox that keeps a copy of every task create it relays:
 * which endpoint, the plain fields and the uploaded files (name, type, bytes). The sandbox counts
 * creates per endpoint but does not say whether an image came as a file or a URL, nor which bytes;
 * with this, a test can show that a step uploaded exactly the previous step's result.
 * Everything else (queries, credits) is relayed untouched; result URLs point at the sandbox itself.
 */
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { type Part, parseMultipart } from '../support/multipart';
import { TASK_PATHS } from '../sandbox/server';

export interface RecordedCreate {
	path: string;
	/** Plain multipart fields: name → value. */
	fields: Record<string, string>;
	/** File parts: name → what was uploaded. */
	files: Record<string, { filename?: string; contentType?: string; bytes: Buffer }>;
}

export interface CreateRecorder {
	/** Base URL to give the credential instead of the sandbox's. */
	url: string;
	creates: RecordedCreate[];
	reset: () => void;
	close: () => Promise<void>;
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

function record(path: string, parts: Record<string, Part>): RecordedCreate {
	const created: RecordedCreate = { path, fields: {}, files: {} };
	for (const [name, part] of Object.entries(parts)) {
		if (part.filename !== undefined)
			created.files[name] = {
				filename: part.filename,
				contentType: part.contentType,
				bytes: part.body,
			};
		else created.fields[name] = part.body.toString('utf8');
	}
	return created;
}

export async function startCreateRecorder(target: string): Promise<CreateRecorder> {
	const upstream = new URL(target);
	const creates: RecordedCreate[] = [];
	const server: Server = createServer((req, res) => {
		void (async () => {
			const body = await readAll(req);
			const path = new URL(req.url ?? '/', target).pathname;
			const contentType = String(req.headers['content-type'] ?? '');
			if (req.method === 'POST' && TASK_PATHS.includes(path)) {
				const parts = contentType.startsWith('multipart/form-data')
					? await parseMultipart(contentType, body).catch(() => ({}))
					: {};
				creates.push(record(path, parts));
			}
			const forwarded = request(
				{
					host: upstream.hostname,
					port: upstream.port,
					method: req.method,
					path: req.url,
					headers: { ...req.headers, host: upstream.host },
				},
				(answer) => {
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(res);
				},
			);
			forwarded.on('error', () => {
				if (!res.headersSent) res.writeHead(502);
				res.end();
			});
			forwarded.end(body);
		})().catch(() => {
			if (!res.headersSent) res.writeHead(500);
			res.end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		creates,
		reset: () => {
			creates.length = 0;
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
