import type { IExecuteFunctions } from 'n8n-workflow';

import { abortableSleep } from '../helpers/cancel';

/**
 * Paces every API request of one node execution to the key's rate (requests per second), shared
 * by all items, so the node itself never causes a 429. Request starts are spaced 1/rate apart;
 * a 429 from elsewhere (another workflow on the same key) pushes the next start back for everyone.
 */
export class RateGovernor {
	private readonly intervalMs: number;

	/** Earliest time (ms since epoch) at which the next request may start. */
	private nextStart = 0;

	constructor(requestsPerSecond: number) {
		this.intervalMs = 1000 / requestsPerSecond;
	}

	/** Waits for this request's slot. Slots are handed out in call order. */
	async acquire(ctx: IExecuteFunctions): Promise<void> {
		const now = Date.now();
		const slot = Math.max(now, this.nextStart);
		this.nextStart = slot + this.intervalMs;
		if (slot > now) await abortableSleep(ctx, slot - now);
	}

	/** Holds every later request back for `ms`, as a rate-limit answer asks. */
	pauseFor(ms: number): void {
		this.nextStart = Math.max(this.nextStart, Date.now() + ms);
	}
}
