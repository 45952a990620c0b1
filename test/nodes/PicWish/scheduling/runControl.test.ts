import type { IExecuteFunctions } from 'n8n-workflow';

import { RunControl } from '../../../../nodes/PicWish/scheduling/runControl';
import { settle, useFakeClock } from '../../../support/fake-clock';

const control = (signal?: AbortSignal) =>
	new RunControl({
		getExecutionCancelSignal: () => signal,
		getNode: () => ({ name: 'PicWish', type: 'n8n-nodes-picwish.picWish', typeVersion: 1 }),
	} as unknown as IExecuteFunctions);

// Waits run on a clock the test drives: "at once" means before the clock moves on.
useFakeClock();

describe('stopping a run', () => {
	it('ends every wait at once when the execution is canceled', async () => {
		const execution = new AbortController();
		const run = control(execution.signal);
		const waits = [run.sleep(60_000, 0), run.sleep(60_000, 1)];
		await jest.advanceTimersByTimeAsync(20);
		const canceledAt = Date.now();
		execution.abort();
		// Had a wait gone on, settling would run the clock on to its end.
		const results = await settle(Promise.allSettled(waits));
		expect(Date.now()).toBe(canceledAt);
		expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
		expect((results[0] as PromiseRejectedResult).reason.message).toBe('The execution was canceled');
		expect(run.stopped).toBe(true);
	});

	it('is stopped from the start when the execution already was', () => {
		const execution = new AbortController();
		execution.abort();
		expect(control(execution.signal).stopped).toBe(true);
		expect(() => control(execution.signal).throwIfStopped(2)).toThrow('The execution was canceled');
	});

	it('tells each subscriber once, and not after it unsubscribed', () => {
		const run = control();
		const told: string[] = [];
		run.onStop(() => told.push('a'));
		const unsubscribe = run.onStop(() => told.push('b'));
		unsubscribe();
		run.stop();
		run.stop();
		expect(told).toEqual(['a']);
	});

	it('sleeps for the time asked when nothing stops it', async () => {
		const run = control();
		let woke = false;
		const wait = run.sleep(30).then(() => (woke = true));
		await jest.advanceTimersByTimeAsync(29);
		expect(woke).toBe(false);
		await jest.advanceTimersByTimeAsync(1);
		await wait;
		expect(woke).toBe(true);
	});
});

describe("waiting for another item's task", () => {
	it('gives up at its own limit with the error it is given, and leaves nothing running once the task comes', async () => {
		const run = control();
		const never = new Promise<string>(() => {});
		const waited = run
			.within(never, 5_000, () => new Error('my Timeout'), 3)
			.catch((error: Error) => error.message);
		await jest.advanceTimersByTimeAsync(5_000);
		expect(await settle(waited)).toBe('my Timeout');

		const soon = run.within(Promise.resolve('task'), 5_000, () => new Error('my Timeout'));
		expect(await settle(soon)).toBe('task');
		expect(jest.getTimerCount()).toBe(0);
	});

	it('counts its limit from when the other task was sent (a create may wait for its turn first)', async () => {
		const run = control();
		let sent = () => {};
		const sentAt = new Promise<void>((resolve) => (sent = resolve));
		let outcome = 'waiting';
		void run
			.within(new Promise(() => {}), 5_000, () => new Error('my Timeout'), 0, sentAt)
			.catch((error: Error) => (outcome = error.message));
		await jest.advanceTimersByTimeAsync(60_000);
		expect(outcome).toBe('waiting');
		sent();
		await jest.advanceTimersByTimeAsync(4_999);
		expect(outcome).toBe('waiting');
		await jest.advanceTimersByTimeAsync(1);
		expect(outcome).toBe('my Timeout');
	});
});
