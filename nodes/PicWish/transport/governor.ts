import type { IExecuteFunctions } from 'n8n-workflow';

import { abortableSleep } from '../helpers/cancel';

/**
 * Paces every API request of one node execution to the key's rate (requests per second), shared
 * by all items, so the node itself never causes a 429. Callers get their turn in order; a turn
 * starts no sooner than 1/rate after the previous start, and never makes more than the rate
 * (rounded down, at least 1) start in any one second. A 429 from elsewhere (another workflow on
 * the same key) holds every later start back.
 */
export class RateGovernor {
	private readonly intervalMs: number;

	private readonly perSecond: number;

	/** Actual start times of the most recent requests, oldest first. */
	private readonly starts: number[] = [];

	private pausedUntil = 0;

	private queue: Promise<void> = Promise.resolve();

	constructor(requestsPerSecond: number) {
		this.intervalMs = 1000 / requestsPerSecond;
		this.perSecond = Math.max(1, Math.floor(requestsPerSecond));
	}

	/** Waits for this request's turn. */
	async acquire(ctx: IExecuteFunctions): Promise<void> {
		const turn = this.queue.then(async () => await this.waitForSlot(ctx));
		// A canceled waiter must not block the ones behind it.
		this.queue = turn.catch(() => {});
		await turn;
	}

	/** Holds every later request back for `ms`, as a rate-limit answer asks. */
	pauseFor(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
	}

	private async waitForSlot(ctx: IExecuteFunctions): Promise<void> {
		for (;;) {
			const now = Date.now();
			const last = this.starts[this.starts.length - 1] ?? -Infinity;
			const windowStart =
				this.starts.length >= this.perSecond ? this.starts[this.starts.length - this.perSecond] : -Infinity;
			const earliest = Math.max(last + this.intervalMs, windowStart + 1000, this.pausedUntil);
			// Timers may fire a little early; check the clock again after every sleep.
			if (now >= earliest) break;
			await abortableSleep(ctx, earliest - now);
		}
		this.starts.push(Date.now());
		if (this.starts.length > this.perSecond) this.starts.shift();
	}
}
