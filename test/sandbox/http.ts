/* eslint-disable @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/** The sandbox's plumbing: JSON answers, bounded bodies, multipart parts, injected faults, URL inputs, credit packages. */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { type Part, parseMultipart } from '../support/multipart';
import { type Loaded, MAX_UPLOAD, MAX_URL_IMAGE } from './inputs';
import { sampleImage } from './samples';
import type { FaultMode } from './types';

export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	res.writeHead(status, {
		'Content-Type': 'application/json',
		'X-PicWish-Sandbox': '1',
		...headers,
	});
	res.end(JSON.stringify(body));
}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) tooLarge = true;
			else chunks.push(chunk);
		});
		req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** A create request's multipart parts (none for another body), or 'too-large' over the upload limit (its API's: inputs.ts uploadLimit). */
export async function readParts(
	req: IncomingMessage,
	limit = MAX_UPLOAD,
): Promise<Record<string, Part> | 'too-large'> {
	const body = await readBody(req, limit + 64 * 1024);
	if (body === 'too-large') return body;
	const contentType = String(req.headers['content-type'] ?? '');
	try {
		return contentType.startsWith('multipart/form-data')
			? await parseMultipart(contentType, body)
			: {};
	} catch {
		return {};
	}
}

/** Answers a request with an injected fault. */
export function answerFault(req: IncomingMessage, res: ServerResponse, mode: FaultMode): void {
	req.resume();
	if (mode === 'status500')
		sendJson(res, 500, { status: 500, message: 'internal error (sandbox fault)' });
	else if (mode === 'malformed') {
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.end('{"status":200,"data":{"task_id":');
	} else if (mode === 'html502') {
		res.writeHead(502, { 'Content-Type': 'text/html' });
		res.end(
			'<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>',
		);
	} else if (mode === 'drop') req.socket.destroy();
	// 'hang': never answer.
}

/** Loads the source of a URL task; returns a failure state when PicWish would fail it. */
export async function loadInput(url: string, baseUrl: string): Promise<Loaded> {
	const started = Date.now();
	const fail = /\/fail-(\d+)\.\w+(?:\?.*)?$/.exec(url);
	if (fail) return { failState: -Number(fail[1]) };
	try {
		const parsed = new URL(url);
		if (parsed.origin === baseUrl && parsed.pathname.startsWith('/samples/')) {
			const sample = sampleImage(decodeURIComponent(parsed.pathname.slice('/samples/'.length)));
			return sample ? { bytes: sample.bytes, downloadMs: Date.now() - started } : { failState: -3 };
		}
		const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
		if (!response.ok) return { failState: -3 };
		const bytes = Buffer.from(await response.arrayBuffer());
		return bytes.length > MAX_URL_IMAGE
			? { failState: -5 }
			: { bytes, downloadMs: Date.now() - started };
	} catch {
		return { failState: -3 };
	}
}

/** Credits of the first package (a trial), spent before the second. */
const TRIAL_CREDITS = 5;

/** A key's credit packages: a small trial spent first, then the rest (the fields are as seen; the split is the sandbox's). */
export function creditPackages(total: number, spent: number): Array<Record<string, unknown>> {
	const trial = Math.min(TRIAL_CREDITS, total);
	const trialUsed = Math.min(spent, trial);
	return [
		{
			package_name: 'Free trial (sandbox)',
			total_credits: trial,
			remaining_credits: trial - trialUsed,
			used_credits: trialUsed,
		},
		{
			package_name: 'API credits (sandbox)',
			total_credits: total - trial,
			remaining_credits: total - trial - (spent - trialUsed),
			used_credits: spent - trialUsed,
		},
	];
}
