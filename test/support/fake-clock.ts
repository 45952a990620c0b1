/* eslint-disable @n8n/community-nodes/no-restricted-globals -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * A clock the test drives, for code that paces or waits: jest's fake timers move Date.now and
 * setTimeout together, so what a test reads is exactly what the code decided, however busy the
 * machine is. Promise jobs stay real, so awaiting works as usual.
 */

/** Fake timers for every test of the file that calls it, as Node runs timers. */
export function useFakeClock(): void {
	beforeEach(() => {
		jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
		// Node runs a delay under 1 ms after 1 ms; the fake clock would run it at once without
		// moving Date.now, and a loop that waits for a fractional moment would never get there.
		const fake = globalThis.setTimeout as (
			handler: () => void,
			delay: number,
			...args: unknown[]
		) => NodeJS.Timeout;
		globalThis.setTimeout = ((handler: () => void, delay = 0, ...args: unknown[]) =>
			fake(handler, Math.max(1, delay), ...args)) as typeof setTimeout;
	});
	afterEach(() => jest.useRealTimers());
}

/** Runs the clock until no timer is left (every wait ran out), then gives `work`'s result. */
export async function settle<T>(work: Promise<T>): Promise<T> {
	await jest.runAllTimersAsync();
	return await work;
}
