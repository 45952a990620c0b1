/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/** What the benchmarks share: the sandbox in its own process, and large test images. */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

import { makePng } from '../support/images';

const ROOT = resolve(__dirname, '../..');
export const KEY = 'bench-key';
const QPS = Number(process.env.BENCH_QPS ?? 2);

interface SandboxProcess {
	url: string;
	child: ChildProcess;
}

/** The sandbox in its own process, so its memory and CPU are not the node's. */
export async function startSandboxProcess(processingMs: number): Promise<SandboxProcess> {
	const child = spawn(
		process.execPath,
		[join(ROOT, 'test/support/run-ts.js'), join(ROOT, 'test/sandbox/server.ts')],
		{
			env: {
				...process.env,
				PORT: '0',
				PICWISH_SANDBOX_KEYS: KEY,
				PICWISH_SANDBOX_QPS: String(QPS),
				PICWISH_SANDBOX_PROCESSING_MS: String(processingMs),
			},
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	const url = await new Promise<string>((resolveUrl, reject) => {
		child.stdout?.on('data', (chunk: Buffer) => {
			const match = /listening on (http:\/\/\S+)/.exec(chunk.toString());
			if (match) resolveUrl(match[1]);
		});
		child.on('exit', (code) => reject(new Error(`sandbox exited (${code})`)));
	});
	return { url, child };
}

export async function sandboxStats(url: string) {
	return (await (await fetch(`${url}/__sandbox/stats`)).json()) as {
		requests: number;
		creates: number;
		queries: number;
		rateLimited: number;
		peakPerSecond: number;
	};
}

export async function resetSandbox(url: string): Promise<void> {
	await fetch(`${url}/__sandbox/reset`, { method: 'POST' });
	// Let the sandbox's one-second window empty.
	await new Promise((resolveWait) => setTimeout(resolveWait, 1100));
}

/** A PNG of random pixels of about `megabytes` MB (stored, not compressed), so size is real. */
export function noisePng(megabytes: number, seed: number): Buffer {
	const width = 2048;
	const height = Math.ceil((megabytes * 1024 * 1024) / (width * 3));
	const small = makePng(width, 1); // for the signature and a well-formed IHDR/IEND
	const header = small.subarray(0, 33);
	header.writeUInt32BE(height, 20);
	// IHDR CRC must follow the new height.
	header.writeUInt32BE(crc32(header.subarray(12, 29)) >>> 0, 29);
	const rows = Buffer.alloc((width * 3 + 1) * height);
	randomBytes(rows.length).copy(rows);
	for (let y = 0; y < height; y++) rows[y * (width * 3 + 1)] = 0;
	rows[1] = seed & 0xff;
	const idat = deflateSync(rows, { level: 0 });
	const chunk = (type: string, data: Buffer) => {
		const length = Buffer.alloc(4);
		length.writeUInt32BE(data.length);
		const body = Buffer.concat([Buffer.from(type), data]);
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(crc32(body) >>> 0);
		return Buffer.concat([length, body, crc]);
	};
	return Buffer.concat([header, chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}
