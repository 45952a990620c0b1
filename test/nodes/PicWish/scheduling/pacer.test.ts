import type { IExecuteFunctions } from 'n8n-workflow';

import { pacedKeys, pacerForKey } from '../../../../nodes/PicWish/scheduling/keys';
import {
	COUNTED_WITHIN_MS,
	DECREASE_FACTOR,
	KeyPacer,
	RECOVERY_PER_SECOND,
} from '../../../../nodes/PicWish/scheduling/pacer';
import { RunControl } from '../../../../nodes/PicWish/scheduling/runControl';
import { settle, useFakeClock } from '../../../support/fake-clock';

const context = (signal?: AbortSignal) =>
	new RunControl({
		getExecutionCancelSignal: () => signal,
		getNode: () => ({ name: 'PicWish', type: 'n8n-nodes-picwish.picWish', typeVersion: 1 }),
	} as unknown as IExecuteFunctions);

/** The most request starts seen in any one-second window. */
function busiestSecond(starts: number[]): number {
	const sorted = [...starts].sort((a, b) => a - b);
	let most = 0;
	for (const [index, start] of sorted.entries()) {
		most = Math.max(most, sorted.slice(index).filter((time) => time < start + 1000).length);
	}
	return most;
}

// The pacer runs on a clock the test drives: every time below is exactly when it let a request go.
useFakeClock();

/** Takes a turn, sends nothing, and answers at once. */
async function request(
	pace: ReturnType<KeyPacer['join']>,
	starts: number[],
	itemIndex?: number,
): Promise<void> {
	const turn = await pace.acquire(itemIndex);
	starts.push(Date.now());
	turn.answered();
}

describe("a key's pacer", () => {
	it('never lets more requests start in any one-second window than the rate', async () => {
		const pace = new KeyPacer().join(context(), 5);
		const starts: number[] = [];
		await settle(Promise.all(Array.from({ length: 16 }, async () => await request(pace, starts))));
		expect(busiestSecond(starts)).toBeLessThanOrEqual(5);
		// Paced, not serialised behind anything else: 16 starts at 5/s, one every 200 ms, take 3 s.
		expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThanOrEqual(3000);
		expect(Math.max(...starts) - Math.min(...starts)).toBeLessThan(3100);
	});

	it('holds executions that share the key to the key rate together, taking turns', async () => {
		const pacer = new KeyPacer();
		const starts: number[] = [];
		const order: string[] = [];
		const big = pacer.join(context(), 4);
		const small = pacer.join(context(), 4);
		const bigDone = Promise.all(
			Array.from({ length: 12 }, async () => {
				await request(big, starts);
				order.push('big');
			}),
		);
		// The small execution asks after the big one queued twelve requests…
		await jest.advanceTimersByTimeAsync(10);
		const smallDone = request(small, starts).then(() => order.push('small'));
		await settle(Promise.all([bigDone, smallDone]));
		expect(busiestSecond(starts)).toBeLessThanOrEqual(4);
		// …and gets the second turn, not the thirteenth.
		expect(order.indexOf('small')).toBeLessThanOrEqual(2);
	});

	it('uses the lowest rate among the executions on the key', async () => {
		const pacer = new KeyPacer();
		const fast = pacer.join(context(), 10);
		pacer.join(context(), 2);
		const starts: number[] = [];
		await settle(Promise.all(Array.from({ length: 5 }, async () => await request(fast, starts))));
		expect(busiestSecond(starts)).toBeLessThanOrEqual(2);
		expect(pacer.ceiling()).toBe(2);
	});

	it('an execution that comes to an idle key with a higher rate gets it at once', () => {
		const pacer = new KeyPacer();
		pacer.join(context(), 2).leave();
		pacer.join(context(), 5);
		expect(pacer.currentRate).toBe(5);
	});

	it('measures the one-second window from when the server can have counted a request', async () => {
		const pace = new KeyPacer().join(context(), 1);
		const first = await pace.acquire();
		const sentAt = Date.now();
		first.bodySent();
		await jest.advanceTimersByTimeAsync(30);
		first.answered();
		await settle(pace.acquire());
		// Answered 30 ms after sending: the server may have counted it that late, and no later.
		expect(Date.now() - sentAt).toBeGreaterThanOrEqual(1030);
		expect(Date.now() - sentAt).toBeLessThan(1000 + COUNTED_WITHIN_MS);
	});

	it('assumes a slow request was counted within COUNTED_WITHIN_MS of its body leaving', async () => {
		const pace = new KeyPacer().join(context(), 1);
		const first = await pace.acquire();
		await jest.advanceTimersByTimeAsync(200);
		const bodySentAt = Date.now();
		first.bodySent();
		await settle(pace.acquire());
		// Still unanswered (a synchronous create): counted by the end of its upload, not its start.
		expect(Date.now() - bodySentAt).toBeGreaterThanOrEqual(1000 + COUNTED_WITHIN_MS);
		first.answered();
	});

	it('after a 429, pauses every execution on the key, lowers the rate, and recovers it', async () => {
		const pacer = new KeyPacer();
		const one = pacer.join(context(), 100);
		const other = pacer.join(context(), 100);
		await request(one, []);
		one.rateLimited(400);
		expect(pacer.currentRate).toBeCloseTo(100 * DECREASE_FACTOR, 0);
		const before = Date.now();
		await settle(request(other, []));
		expect(Date.now() - before).toBeGreaterThanOrEqual(400);
		// A second 429 of the same burst does not lower it again.
		one.rateLimited(0);
		expect(pacer.currentRate).toBeGreaterThanOrEqual(100 * DECREASE_FACTOR);
		await jest.advanceTimersByTimeAsync(1200);
		// Additive increase: a share of the ceiling per second without a 429.
		expect(pacer.currentRate).toBeGreaterThanOrEqual(
			100 * DECREASE_FACTOR + 100 * RECOVERY_PER_SECOND,
		);
	});

	it('a canceled execution leaves the line at once; the others keep their places', async () => {
		const pacer = new KeyPacer();
		const controller = new AbortController();
		const canceled = pacer.join(context(controller.signal), 1);
		const staying = pacer.join(context(), 1);
		await request(canceled, []);
		const waiting = Array.from({ length: 5 }, async () => await canceled.acquire(7));
		const other = request(staying, []);
		expect(pacer.waiting).toBe(6);
		controller.abort();
		// At once: the moment the execution is canceled, not at its next turn.
		expect(pacer.waiting).toBe(1);
		const results = await Promise.allSettled(waiting);
		expect(results.every((result) => result.status === 'rejected')).toBe(true);
		expect((results[0] as PromiseRejectedResult).reason.message).toBe('The execution was canceled');
		await settle(other);
		expect(pacer.waiting).toBe(0);
	});

	it('forgets nothing of the key itself: one pacer per base URL and key, held under a hash', async () => {
		const a = await pacerForKey('https://techhk.aoscdn.com', 'key-a');
		expect(await pacerForKey('https://techhk.aoscdn.com', 'key-a')).toBe(a);
		expect(await pacerForKey('https://techsz.aoscdn.com', 'key-a')).not.toBe(a);
		expect(await pacerForKey('https://techhk.aoscdn.com', 'key-b')).not.toBe(a);
		expect(pacedKeys()).toBeGreaterThanOrEqual(3);
	});

	it('drops a pacer no one has used for a minute, when the registry is next looked at', async () => {
		const pacer = await pacerForKey('https://idle.test', 'k');
		pacer.lastActiveAt = Date.now() - 61_000;
		const again = await pacerForKey('https://idle.test', 'k');
		expect(again).not.toBe(pacer);
	});
});
