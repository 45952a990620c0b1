/* eslint-disable @n8n/community-nodes/no-restricted-globals -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * A shop webhook fires once per product: many executions of the node at once, one API key. They
 * share the key's pace (one pacer per key in the process), so together they stay within its rate
 * in every one-second window, and no image is lost to a 429. A canceled execution gives its place
 * up at once. Against the sandbox, a real server that answers 429 above the key's rate.
 *
 * What the node controls is judged by the pacer's own record of the turns it gave. The sandbox
 * counts a request when it arrives, on its own reading of a busy clock, so now and then one lands
 * in its previous second and gets a 429: that 429 must be absorbed (nothing lost, nothing
 * surfaced), and how rarely it happens is a benchmark figure (docs/benchmarks.md), not a verdict.
 */
import { pacerForKey } from '../../../../nodes/PicWish/scheduling/keys';
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

/** When the key's pacer let each request go since `since`, from its own record. */
async function turnsGiven(since: number): Promise<number[]> {
	const pacer = await pacerForKey(sandbox.url, 'shop-key');
	return pacer['starts'].map((start) => start.grantedAt).filter((at) => at >= since);
}

/** The most turns given in any one-second window. */
function busiestSecond(times: number[]): number {
	return Math.max(
		0,
		...times.map((start) => times.filter((time) => time >= start && time < start + 1000).length),
	);
}

const removeByUrl = (name: string) => ({
	parameters: {
		operation: 'removeWatermark',
		inputType: 'url',
		imageUrl: `${sandbox.url}/samples/${name}-100x100.png`,
		options: { resultAs: 'url' } as Record<string, string>,
	},
	credentials: { apiKey: 'shop-key', baseUrl: sandbox.url, requestsPerSecond: 2 },
});

describe('executions that share an API key', () => {
	it('twelve executions of one image at once: every image cleaned once, never over the rate, no 429 surfaced', async () => {
		const since = Date.now();
		const results = await Promise.all(
			Array.from(
				{ length: 12 },
				async (_, index) => await runPicWish(removeByUrl(`product-${index}`)),
			),
		);
		expect(results.map((result) => result.status)).toEqual(Array(12).fill('success'));
		expect(results.map((result) => result.items[0]?.json.taskStatus)).toEqual(
			Array(12).fill('completed'),
		);
		expect(sandbox.stats.creates).toBe(12);
		// Every request the sandbox saw had a turn from the pacer, never more than two in a second.
		const turns = await turnsGiven(since);
		expect(turns).toHaveLength(sandbox.stats.requests);
		expect(busiestSecond(turns)).toBeLessThanOrEqual(2);
	});

	it('a canceled execution gives up its place: none of its waiting requests goes out after it', async () => {
		// A batch of 20 queues up behind the key; it is canceled while it waits.
		const items = Array.from({ length: 20 }, () => ({ json: {} }));
		let cancel: () => void = () => {};
		// Twenty tasks of their own (the same image would otherwise share one: Reuse Results).
		const twenty = removeByUrl('batch');
		twenty.parameters.options = { ...twenty.parameters.options, reuseResults: 'never' };
		const batch = runPicWish({
			...twenty,
			items,
			onStart: (execution) => (cancel = () => execution.cancel()),
		});
		await new Promise((resolve) => setTimeout(resolve, 1500));
		cancel();
		const createsBefore = sandbox.stats.creates;
		const single = await runPicWish(removeByUrl('after-cancel'));
		expect(single.items[0].json.taskStatus).toBe('completed');
		expect((await batch).status).toBe('canceled');
		// The batch's waiting requests left with it: the only create after the cancel is the new one.
		expect(sandbox.stats.creates).toBe(createsBefore + 1);
	});
});
