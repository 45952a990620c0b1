/* eslint-disable @n8n/community-nodes/no-restricted-globals -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
import { makePng } from '../support/images';
import { useRealNetwork } from '../support/nock-lifecycle';
import { binaryBuffer, runPicWish } from '../support/workflow';
import { type Sandbox, startSandbox, TASK_PATH } from './server';

let sandbox: Sandbox;
beforeAll(async () => {
	// The sandbox is a real server: this file runs on Node's own sockets, without nock.
	useRealNetwork();
	sandbox = await startSandbox({ apiKeys: ['sandbox-key'], qps: 2, processingMs: 600 });
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const credentials = () => ({ apiKey: 'sandbox-key', baseUrl: sandbox.url, requestsPerSecond: 2 });

async function create(form: FormData, key = 'sandbox-key') {
	const response = await fetch(`${sandbox.url}${TASK_PATH}`, {
		method: 'POST',
		body: form,
		headers: { 'X-API-KEY': key },
	});
	return {
		status: response.status,
		body: (await response.json()) as {
			status: number;
			message: string;
			data?: Record<string, unknown>;
		},
	};
}

describe('PicWish sandbox', () => {
	it('runs the node end to end: binary PNG in, one synchronous request, a marked JPEG out (as PicWish answers), no 429', async () => {
		const input = makePng(120, 80, [30, 60, 200]);
		const result = await runPicWish({
			parameters: {
				operation: 'removeWatermark',
				inputType: 'binary',
				binaryPropertyName: 'data',
				options: { pollInterval: 0.2 },
			},
			items: [{ binary: { data: { data: input, fileName: 'banner.png', mimeType: 'image/png' } } }],
			credentials: credentials(),
		});
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({
			state: 1,
			taskStatus: 'completed',
			sandbox: true,
		});
		const output = await binaryBuffer(result.items[0]);
		expect(result.items[0].binary?.data).toMatchObject({
			fileName: 'banner.jpg',
			mimeType: 'image/jpeg',
		});
		// A re-encoded copy with the sandbox band, not the input itself.
		expect(output.equals(input)).toBe(false);
		// Auto wait mode: a small file costs one API request.
		expect(sandbox.stats).toMatchObject({
			requests: 1,
			creates: 1,
			queries: 0,
			downloads: 1,
			rateLimited: 0,
		});
	});

	it('polls through the pending states when asked to', async () => {
		const result = await runPicWish({
			parameters: {
				operation: 'removeWatermark',
				inputType: 'url',
				imageUrl: `${sandbox.url}/samples/poster-200x300.jpg`,
				options: { pollInterval: 0.2, waitMode: 'poll' },
			},
			credentials: credentials(),
		});
		expect(result.items[0].json).toMatchObject({ taskStatus: 'completed', state: 1 });
		expect(result.items[0].binary?.data).toMatchObject({
			mimeType: 'image/jpeg',
			fileName: 'poster-200x300.jpg',
		});
		expect(sandbox.stats.queries).toBeGreaterThanOrEqual(1);
	});

	it('fails a task by the URL it is given (…/fail-7.png → state -7)', async () => {
		const result = await runPicWish({
			parameters: {
				operation: 'removeWatermark',
				inputType: 'url',
				imageUrl: `${sandbox.url}/samples/fail-7.png`,
				options: { pollInterval: 0.2 },
			},
			credentials: credentials(),
		});
		expect(result.error?.message).toMatch(
			/Invalid image file \(state -7\) \[task_id [0-9a-f-]{36}\]/,
		);
	});

	it('checks the key, the one-of rule and unknown tasks as the API does', async () => {
		const form = () => {
			const f = new FormData();
			f.append('sync', '0');
			return f;
		};
		expect((await create(form(), 'wrong')).status).toBe(401);
		expect((await create(form())).body).toMatchObject({ status: 400 });
		const both = form();
		both.append('url', `${sandbox.url}/samples/a.png`);
		both.append('file', new Blob([makePng(30, 30)], { type: 'image/png' }), 'a.png');
		await new Promise((resolve) => setTimeout(resolve, 1100));
		expect((await create(both)).body).toMatchObject({
			status: 400,
			message: expect.stringMatching(/mutually exclusive/),
		});
		const unknown = await fetch(`${sandbox.url}${TASK_PATH}/no-such-task`, {
			headers: { 'X-API-KEY': 'sandbox-key' },
		});
		expect(unknown.status).toBe(404);
	});

	it('answers 429 above the QPS limit and counts it', async () => {
		const statuses = await Promise.all(
			Array.from(
				{ length: 4 },
				async () =>
					(await fetch(`${sandbox.url}${TASK_PATH}/x`, { headers: { 'X-API-KEY': 'sandbox-key' } }))
						.status,
			),
		);
		expect(statuses.filter((status) => status === 429)).toHaveLength(2);
		expect(sandbox.stats.rateLimited).toBe(2);
	});

	it('keeps a batch within the QPS limit: the node paces itself, the sandbox sees no 429', async () => {
		const items = Array.from({ length: 4 }, (_, index) => ({
			binary: {
				data: { data: makePng(40 + index, 40), fileName: `p${index}.png`, mimeType: 'image/png' },
			},
		}));
		const result = await runPicWish({
			parameters: {
				operation: 'removeWatermark',
				inputType: 'binary',
				binaryPropertyName: 'data',
				options: { pollInterval: 0.2 },
			},
			items,
			credentials: credentials(),
		});
		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.binary?.data.fileName)).toEqual([
			'p0.jpg',
			'p1.jpg',
			'p2.jpg',
			'p3.jpg',
		]);
		expect(sandbox.stats.rateLimited).toBe(0);
		expect(sandbox.stats.peakPerSecond).toBeLessThanOrEqual(2);
	}, 60_000);

	it('expires result URLs after their lifetime', async () => {
		const short = await startSandbox({ processingMs: 0, resultTtlMs: 2000 });
		try {
			const form = new FormData();
			form.append('sync', '1');
			form.append('url', `${short.url}/samples/a-64x64.png`);
			const response = await fetch(`${short.url}${TASK_PATH}`, {
				method: 'POST',
				body: form,
				headers: { 'X-API-KEY': 'sandbox-key' },
			});
			const { data } = (await response.json()) as { data: { file: string } };
			expect((await fetch(data.file)).status).toBe(200);
			await new Promise((resolve) => setTimeout(resolve, 2100));
			const expired = await fetch(data.file);
			expect(expired.status).toBe(403);
			expect(expired.headers.get('content-type')).toBe('application/xml');
			expect(await expired.text()).toMatch(
				/<Error>\s*<Code>AccessDenied<\/Code>\s*<Message>Request has expired\.<\/Message>[\s\S]*<Expires>/,
			);
		} finally {
			await short.close();
		}
	});

	it('revokes every result URL issued so far on request (in-process and over HTTP): refused as expired, as OSS refuses it; results made later work', async () => {
		const host = await startSandbox({ processingMs: 0, qps: 20 });
		try {
			const made = async () => {
				const form = new FormData();
				form.append('sync', '1');
				form.append('url', `${host.url}/samples/a-64x64.png`);
				const response = await fetch(`${host.url}${TASK_PATH}`, {
					method: 'POST',
					body: form,
					headers: { 'X-API-KEY': 'sandbox-key' },
				});
				return ((await response.json()) as { data: { task_id: string; file: string } }).data;
			};
			const expectExpired = async (url: string) => {
				const refused = await fetch(url);
				expect(refused.status).toBe(403);
				expect(refused.headers.get('content-type')).toBe('application/xml');
				expect(await refused.text()).toMatch(
					/<Error>\s*<Code>AccessDenied<\/Code>\s*<Message>Request has expired\.<\/Message>[\s\S]*<Expires>/,
				);
			};
			const first = await made();
			expect((await fetch(first.file)).status).toBe(200);
			expect(host.revokeResults()).toBe(1);
			await expectExpired(first.file);
			// Asked again, the task hands out the same URL: still refused.
			const queried = await fetch(`${host.url}${TASK_PATH}/${first.task_id}`, {
				headers: { 'X-API-KEY': 'sandbox-key' },
			});
			const { data } = (await queried.json()) as { data: { file: string } };
			expect(data.file).toBe(first.file);
			await expectExpired(data.file);
			// A result made later, of the same image, works.
			const second = await made();
			expect(second.task_id).not.toBe(first.task_id);
			const fresh = await fetch(second.file);
			expect(fresh.status).toBe(200);
			expect(fresh.headers.get('content-type')).toBe('image/jpeg');
			// Over HTTP, for a sandbox in its own process (npm run sandbox): only the one not yet revoked.
			const revoke = await fetch(`${host.url}/__sandbox/revoke-results`, { method: 'POST' });
			expect(await revoke.json()).toEqual({ ok: true, revoked: 1 });
			await expectExpired(second.file);
			// A reset forgets the results, revoked or not.
			host.reset();
			expect((await fetch(second.file)).status).toBe(404);
		} finally {
			await host.close();
		}
	});

	it('injects faults: 500, malformed JSON, a dropped connection', async () => {
		sandbox.injectFault('status500');
		sandbox.injectFault('malformed');
		sandbox.injectFault('drop');
		const query = () =>
			fetch(`${sandbox.url}${TASK_PATH}/x`, { headers: { 'X-API-KEY': 'sandbox-key' } });
		expect((await query()).status).toBe(500);
		await new Promise((resolve) => setTimeout(resolve, 1100));
		await expect((await query()).json()).rejects.toThrow();
		await new Promise((resolve) => setTimeout(resolve, 1100));
		await expect(query()).rejects.toThrow();
		expect(sandbox.stats.faults).toBe(3);
	});

	describe('answers the way the real API was seen to answer (docs/picwish-api.md)', () => {
		const syncCreate = async (base: string, url: string) => {
			const form = new FormData();
			form.append('sync', '1');
			form.append('url', url);
			const response = await fetch(`${base}${TASK_PATH}`, {
				method: 'POST',
				body: form,
				headers: { 'X-API-KEY': 'sandbox-key' },
			});
			return (await response.json()) as {
				status: number;
				message?: string;
				data: Record<string, unknown>;
			};
		};

		it('a success carries no message; times are integer Unix seconds, time_elapsed is in ms; the result is a JPEG at a V4-signed URL', async () => {
			const body = await syncCreate(sandbox.url, `${sandbox.url}/samples/poster-320x200.png`);
			expect(body).not.toHaveProperty('message');
			const { data } = body;
			expect(data).toMatchObject({
				state: 1,
				image_width: 320,
				image_height: 200,
				time_elapsed: 600,
			});
			for (const field of ['created_at', 'processed_at', 'completed_at'])
				expect(Number.isInteger(data[field])).toBe(true);
			expect(typeof data.download_time).toBe('number');
			const file = new URL(String(data.file));
			expect(file.pathname).toMatch(/^\/results\/[0-9a-f-]{36}\.jpg$/);
			expect([...file.searchParams.keys()].sort()).toEqual([
				'x-oss-credential',
				'x-oss-date',
				'x-oss-expires',
				'x-oss-signature',
				'x-oss-signature-version',
			]);
			expect(file.searchParams.get('x-oss-expires')).toBe('3600');
			const result = await fetch(file);
			expect(result.headers.get('content-type')).toBe('image/jpeg');
			expect(Buffer.from(await result.arrayBuffer()).subarray(0, 3)).toEqual(
				Buffer.from([0xff, 0xd8, 0xff]),
			);
			// A URL whose signature does not match is refused as OSS refuses it.
			file.searchParams.set('x-oss-expires', '86400');
			const tampered = await fetch(file);
			expect(tampered.status).toBe(403);
			expect(await tampered.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
		});

		it('behind a switch, signs result URLs the old way (Expires, OSSAccessKeyId, Signature)', async () => {
			const old = await startSandbox({ processingMs: 0, urlSignature: 'v1' });
			try {
				const { data } = await syncCreate(old.url, `${old.url}/samples/a-64x64.jpg`);
				const file = new URL(String(data.file));
				expect([...file.searchParams.keys()]).toEqual(['Expires', 'OSSAccessKeyId', 'Signature']);
				expect((await fetch(file)).status).toBe(200);
			} finally {
				await old.close();
			}
		});

		it('the node reads both signature forms: the result expires an hour after it was signed', async () => {
			for (const urlSignature of ['v4', 'v1'] as const) {
				const host = await startSandbox({ processingMs: 0, urlSignature });
				try {
					const result = await runPicWish({
						parameters: {
							operation: 'removeWatermark',
							inputType: 'url',
							imageUrl: `${host.url}/samples/a-64x64.png`,
							options: { resultAs: 'url' },
						},
						credentials: { apiKey: 'sandbox-key', baseUrl: host.url, requestsPerSecond: 2 },
					});
					const { json } = result.items[0];
					const signedAt = Number(json.completed_at) * 1000;
					expect(Date.parse(String(json.resultUrlExpiresAt)) - signedAt).toBe(3_600_000);
					expect(json.completedAt).toBe(new Date(signedAt).toISOString());
					expect(json.createdAt).toBe(new Date(Number(json.created_at) * 1000).toISOString());
				} finally {
					await host.close();
				}
			}
		});

		it('answers 429 without Retry-After, unless asked to send one', async () => {
			const query = (base: string) =>
				fetch(`${base}${TASK_PATH}/x`, { headers: { 'X-API-KEY': 'sandbox-key' } });
			const plain = await Promise.all([1, 2, 3].map(() => query(sandbox.url)));
			const limited = plain.find((response) => response.status === 429)!;
			expect(limited.headers.get('retry-after')).toBeNull();
			const asking = await startSandbox({ qps: 1, retryAfter: true });
			try {
				const responses = await Promise.all([1, 2].map(() => query(asking.url)));
				expect(
					responses.find((response) => response.status === 429)?.headers.get('retry-after'),
				).toBe('1');
			} finally {
				await asking.close();
			}
		});

		it('serves the credits endpoint: packages whose credits go down with each successful task only', async () => {
			const host = await startSandbox({ processingMs: 0, credits: 8, qps: 20 });
			try {
				const credits = async () =>
					(await (
						await fetch(`${host.url}/api/customers/package-credits`, {
							headers: { 'X-API-KEY': 'sandbox-key' },
						})
					).json()) as {
						status: number;
						data: Array<{ remaining_credits: number; used_credits: number }>;
					};
				const before = await credits();
				expect(before.status).toBe(200);
				expect(before).not.toHaveProperty('message');
				expect(before.data.map((entry) => [entry.remaining_credits, entry.used_credits])).toEqual([
					[5, 0],
					[3, 0],
				]);
				await syncCreate(host.url, `${host.url}/samples/a-64x64.png`);
				await syncCreate(host.url, `${host.url}/samples/fail-7.png`);
				expect(
					(await credits()).data.map((entry) => [entry.remaining_credits, entry.used_credits]),
				).toEqual([
					[4, 1],
					[3, 0],
				]);
				expect(host.credits('sandbox-key')).toEqual({ remaining: 7, used: 1 });
				const wrongKey = await fetch(`${host.url}/api/customers/package-credits`, {
					headers: { 'X-API-KEY': 'wrong' },
				});
				expect(wrongKey.status).toBe(401);
			} finally {
				await host.close();
			}
		});
	});
});
