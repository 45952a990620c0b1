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
	const response = await fetch(`${sandbox.url}${TASK_PATH}`, { method: 'POST', body: form, headers: { 'X-API-KEY': key } });
	return { status: response.status, body: (await response.json()) as { status: number; message: string; data?: Record<string, unknown> } };
}

describe('PicWish sandbox', () => {
	it('runs the node end to end: binary in, one synchronous request, a marked PNG out, no 429', async () => {
		const input = makePng(120, 80, [30, 60, 200]);
		const result = await runPicWish({
			parameters: { operation: 'removeWatermark', inputType: 'binary', binaryPropertyName: 'data', options: { pollInterval: 0.2 } },
			items: [{ binary: { data: { data: input, fileName: 'banner.png', mimeType: 'image/png' } } }],
			credentials: credentials(),
		});
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ state: 1, taskStatus: 'completed', sandbox: true });
		const output = await binaryBuffer(result.items[0]);
		expect(result.items[0].binary?.data).toMatchObject({ fileName: 'banner.png', mimeType: 'image/png' });
		// A re-encoded copy with the sandbox band, not the input itself.
		expect(output.equals(input)).toBe(false);
		// Auto wait mode: a small file costs one API request.
		expect(sandbox.stats).toMatchObject({ requests: 1, creates: 1, queries: 0, downloads: 1, rateLimited: 0 });
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
		expect(result.items[0].binary?.data).toMatchObject({ mimeType: 'image/jpeg', fileName: 'poster-200x300.jpg' });
		expect(sandbox.stats.queries).toBeGreaterThanOrEqual(1);
	});

	it('fails a task by the URL it is given (…/fail-7.png → state -7)', async () => {
		const result = await runPicWish({
			parameters: { operation: 'removeWatermark', inputType: 'url', imageUrl: `${sandbox.url}/samples/fail-7.png`, options: { pollInterval: 0.2 } },
			credentials: credentials(),
		});
		expect(result.error?.message).toMatch(/Invalid image file \(state -7\) \[task_id [0-9a-f-]{36}\]/);
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
		expect((await create(both)).body).toMatchObject({ status: 400, message: expect.stringMatching(/mutually exclusive/) });
		const unknown = await fetch(`${sandbox.url}${TASK_PATH}/no-such-task`, { headers: { 'X-API-KEY': 'sandbox-key' } });
		expect(unknown.status).toBe(404);
	});

	it('answers 429 above the QPS limit and counts it', async () => {
		const statuses = await Promise.all(
			Array.from({ length: 4 }, async () =>
				(await fetch(`${sandbox.url}${TASK_PATH}/x`, { headers: { 'X-API-KEY': 'sandbox-key' } })).status,
			),
		);
		expect(statuses.filter((status) => status === 429)).toHaveLength(2);
		expect(sandbox.stats.rateLimited).toBe(2);
	});

	it('keeps a batch within the QPS limit: the node paces itself, the sandbox sees no 429', async () => {
		const items = Array.from({ length: 4 }, (_, index) => ({
			binary: { data: { data: makePng(40 + index, 40), fileName: `p${index}.png`, mimeType: 'image/png' } },
		}));
		const result = await runPicWish({
			parameters: { operation: 'removeWatermark', inputType: 'binary', binaryPropertyName: 'data', options: { pollInterval: 0.2 } },
			items,
			credentials: credentials(),
		});
		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.binary?.data.fileName)).toEqual(['p0.png', 'p1.png', 'p2.png', 'p3.png']);
		expect(sandbox.stats.rateLimited).toBe(0);
		expect(sandbox.stats.peakPerSecond).toBeLessThanOrEqual(2);
	}, 60_000);

	it('expires result URLs after their lifetime', async () => {
		const short = await startSandbox({ processingMs: 0, resultTtlMs: 1000 });
		try {
			const form = new FormData();
			form.append('sync', '1');
			form.append('url', `${short.url}/samples/a-64x64.png`);
			const response = await fetch(`${short.url}${TASK_PATH}`, { method: 'POST', body: form, headers: { 'X-API-KEY': 'sandbox-key' } });
			const { data } = (await response.json()) as { data: { file: string } };
			expect((await fetch(data.file)).status).toBe(200);
			await new Promise((resolve) => setTimeout(resolve, 1100));
			expect((await fetch(data.file)).status).toBe(403);
		} finally {
			await short.close();
		}
	});

	it('injects faults: 500, malformed JSON, a dropped connection', async () => {
		sandbox.injectFault('status500');
		sandbox.injectFault('malformed');
		sandbox.injectFault('drop');
		const query = () => fetch(`${sandbox.url}${TASK_PATH}/x`, { headers: { 'X-API-KEY': 'sandbox-key' } });
		expect((await query()).status).toBe(500);
		await new Promise((resolve) => setTimeout(resolve, 1100));
		await expect((await query()).json()).rejects.toThrow();
		await new Promise((resolve) => setTimeout(resolve, 1100));
		await expect(query()).rejects.toThrow();
		expect(sandbox.stats.faults).toBe(3);
	});
});
