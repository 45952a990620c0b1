/**
 * Remove Watermark's Check Credits First, against the sandbox (whose credits go down with each
 * successful task): an over-large batch stops before its first create; one that fits runs whole.
 */
import { type Sandbox, startSandbox } from '../../../../sandbox/server';
import { useRealNetwork } from '../../../../support/nock-lifecycle';
import { runPicWish } from '../../../../support/workflow';

const KEY = 'sandbox-key';
let sandbox: Sandbox;

beforeAll(async () => {
	useRealNetwork();
	sandbox = await startSandbox({ apiKeys: [KEY], qps: 20, processingMs: 50, credits: 3 });
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const photos = (count: number) =>
	Array.from({ length: count }, (_, index) => ({
		json: { photo: `${sandbox.url}/samples/product-${index}-64x64.jpg` },
	}));

const removeWatermark = (options: object = { checkCreditsFirst: true }) => ({
	operation: 'removeWatermark',
	inputType: 'url',
	imageUrl: '={{ $json.photo }}',
	options: { resultAs: 'url', ...options },
});

const run = (count: number, options?: object, continueOnFail = false) =>
	runPicWish({
		parameters: removeWatermark(options),
		items: photos(count),
		credentials: { apiKey: KEY, baseUrl: sandbox.url, requestsPerSecond: 20 },
		continueOnFail,
	});

describe('Remove Watermark → Check Credits First', () => {
	it('stops a batch larger than the credits left before any task is created, saying how many are needed and left', async () => {
		const result = await run(5);
		expect(result.status).toBe('error');
		// PicWish publishes no price for watermark removal: counted at 2 to be safe, at least 1.
		expect(result.error?.message).toBe(
			'Not enough PicWish credits: up to 10 needed (at least 5), 3 left [item 0]',
		);
		expect(result.error?.description).toMatch(
			/stopped the run before any task was created: 5 items need 10 credits \(1 to 2 credits per image \(price not published: counted as 2 to be safe\)\)/,
		);
		expect(sandbox.stats).toMatchObject({ creditChecks: 1, creates: 0 });
		expect(sandbox.credits(KEY)).toEqual({ remaining: 3, used: 0 });
	});

	it('with continue-on-fail, every item carries the reason, paired with its input, and nothing is spent', async () => {
		const result = await run(4, undefined, true);
		expect(result.status).toBe('success');
		expect(result.items.map((item) => [item.json.error, item.pairedItem])).toEqual(
			[0, 1, 2, 3].map((index) => [
				'Not enough PicWish credits: up to 8 needed (at least 4), 3 left',
				{ item: index },
			]),
		);
		expect(sandbox.stats.creates).toBe(0);
	});

	it('lets a batch that fits at the highest plausible price run whole, with one credits request for the run', async () => {
		const result = await run(1);
		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.json.taskStatus)).toEqual(['completed']);
		expect(sandbox.stats).toMatchObject({ creditChecks: 1, creates: 1 });
		expect(sandbox.credits(KEY)).toEqual({ remaining: 2, used: 1 });
	});

	it('refuses a batch that would fit only if the unpublished price is the lowest, naming both counts', async () => {
		const result = await run(3);
		expect(result.error?.message).toBe(
			'Not enough PicWish credits: up to 6 needed (at least 3), 3 left [item 0]',
		);
		expect(sandbox.stats.creates).toBe(0);
	});

	it('off (the default), sends no credits request; PicWish refuses creates once the credits are gone', async () => {
		// One task per item: the photos cleaned by the test before would otherwise be reused (Reuse Results).
		const result = await run(4, { reuseResults: 'never' }, true);
		expect(sandbox.stats.creditChecks).toBe(0);
		const outcomes = result.items.map((item) => item.json.taskStatus ?? item.json.error);
		expect(outcomes.filter((outcome) => outcome === 'completed')).toHaveLength(3);
		expect(outcomes.filter((outcome) => outcome === 'PicWish refused access (403)')).toHaveLength(
			1,
		);
	});
});
