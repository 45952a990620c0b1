/* eslint-disable @n8n/community-nodes/no-restricted-globals -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * A shop webhook fires once per product: many executions of the node at once, one API key. They
 * share the key's pace (one pacer per key in the process), so together they stay within its rate
 * in every one-second window, as the server counts it, and no image is lost to a 429. A canceled
 * execution gives its place up at once. Against the sandbox, a real server that answers 429 above
 * the key's rate.
 */
import { type Sandbox, startSandbox } from '../../../sandbox/server';
import { useRealNetwork } from '../../../support/nock-lifecycle';
import { runPicWish } from '../../../support/workflow';

let sandbox: Sandbox;
beforeAll(async () => {
	useRealNetwork();
	sandbox = await startSandbox({ apiKeys: ['shop-key'], qps: 2, processingMs: 300 });
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const removeByUrl = (name: string) => ({
	parameters: {
		operation: 'removeWatermark',
		inputType: 'url',
		imageUrl: `${sandbox.url}/samples/${name}-100x100.png`,
		options: { resultAs: 'url' },
	},
	credentials: { apiKey: 'shop-key', baseUrl: sandbox.url, requestsPerSecond: 2 },
});

describe('executions that share an API key', () => {
	it('twelve executions of one image at once: every image cleaned, never over the rate, no 429', async () => {
		const results = await Promise.all(Array.from({ length: 12 }, async (_, index) => await runPicWish(removeByUrl(`product-${index}`))));
		expect(results.map((result) => result.items[0]?.json.taskStatus)).toEqual(Array(12).fill('completed'));
		expect(sandbox.stats.rateLimited).toBe(0);
		expect(sandbox.stats.peakPerSecond).toBeLessThanOrEqual(2);
		expect(sandbox.stats.creates).toBe(12);
	});

	it('a canceled execution gives up its place: none of its waiting requests goes out after it', async () => {
		// A batch of 20 queues up behind the key; it is canceled while it waits.
		const items = Array.from({ length: 20 }, () => ({ json: {} }));
		let cancel: () => void = () => {};
		const batch = runPicWish({ ...removeByUrl('batch'), items, onStart: (execution) => (cancel = () => execution.cancel()) });
		await new Promise((resolve) => setTimeout(resolve, 1500));
		cancel();
		const createsBefore = sandbox.stats.creates;
		const single = await runPicWish(removeByUrl('after-cancel'));
		expect(single.items[0].json.taskStatus).toBe('completed');
		expect((await batch).status).toBe('canceled');
		// The batch's waiting requests left with it: the only create after the cancel is the new one.
		expect(sandbox.stats.creates).toBe(createsBefore + 1);
		expect(sandbox.stats.rateLimited).toBe(0);
	});
});
