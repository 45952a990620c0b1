import type { RunControl } from './runControl';

/**
 * How long after sending we assume the server has counted a request whose answer is slow (an
 * upload, a synchronous create): an allowance for network jitter. A request answered sooner
 * counts by its answer time. Larger values cost throughput (2 per 1.05 s at 2 QPS here); a rare
 * 429 from more jitter than this is absorbed by the retry.
 */
export const COUNTED_WITHIN_MS = 50;

interface Start {
	sentAt: number;
	answeredAt?: number;
}

/**
 * Paces every API request of one node execution to the key's rate (requests per second), shared
 * by all items, so the node itself never causes a 429. Callers get their turn in order; a turn
 * starts no sooner than 1/rate after the previous start, and never makes more than the rate
 * (rounded down, at least 1) requests count in any one second *as the server sees them*: the
 * server counts a request somewhere between our send and its answer, so the one-second window is
 * measured from the answer (or from send + COUNTED_WITHIN_MS when the answer is slow). A 429 from
 * elsewhere (another workflow on the same key) holds every later start back.
 */
export class RateGovernor {
	private readonly intervalMs: number;

	private readonly perSecond: number;

	/** The most recent requests, oldest first. */
	private readonly starts: Start[] = [];

	private pausedUntil = 0;

	private queue: Promise<void> = Promise.resolve();

	constructor(requestsPerSecond: number) {
		this.intervalMs = 1000 / requestsPerSecond;
		this.perSecond = Math.max(1, Math.floor(requestsPerSecond));
	}

	/** Waits for this request's turn; call the returned function when its answer has arrived. */
	async acquire(run: RunControl): Promise<() => void> {
		const turn = this.queue.then(async () => await this.waitForSlot(run));
		// A canceled waiter must not block the ones behind it.
		this.queue = turn.then(
			() => {},
			() => {},
		);
		const start = await turn;
		return () => {
			start.answeredAt ??= Date.now();
		};
	}

	/** Holds every later request back for `ms`, as a rate-limit answer asks. */
	pauseFor(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
	}

	/** The latest moment the server can have counted this request. */
	private static countedBy(start: Start): number {
		const bound = start.sentAt + COUNTED_WITHIN_MS;
		return start.answeredAt === undefined ? bound : Math.min(start.answeredAt, bound);
	}

	private async waitForSlot(run: RunControl): Promise<Start> {
		for (;;) {
			const now = Date.now();
			const last = this.starts[this.starts.length - 1];
			const oldest = this.starts.length >= this.perSecond ? this.starts[this.starts.length - this.perSecond] : undefined;
			const earliest = Math.max(
				last ? last.sentAt + this.intervalMs : 0,
				oldest ? RateGovernor.countedBy(oldest) + 1000 : 0,
				this.pausedUntil,
			);
			// Timers may fire a little early, and answers may arrive meanwhile: check again.
			if (now >= earliest) break;
			await run.sleep(Math.min(earliest - now, 50 + (earliest - now) / 2));
		}
		const start: Start = { sentAt: Date.now() };
		this.starts.push(start);
		if (this.starts.length > this.perSecond) this.starts.shift();
		return start;
	}
}
