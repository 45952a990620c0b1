import { sleep } from 'n8n-workflow';

import type { RunControl } from './runControl';

/**
 * How long after its body was sent we assume the server has counted a request whose answer is
 * slow (a synchronous create): an allowance for network jitter. A request answered sooner counts
 * by its answer time. Larger values cost throughput; a rare 429 from more jitter is absorbed.
 */
export const COUNTED_WITHIN_MS = 50;

/** AIMD: on a 429 the rate drops to this share of itself… */
export const DECREASE_FACTOR = 0.7;

/**
 * …and then recovers by this share of the configured rate per second without a 429. Measured with
 * two queue-mode workers on one key (docs/benchmarks.md): 5 %/s cost 34 429s for 160 images, 2 %/s
 * 14; a recovery that sped up with time since the last 429 cost 24 and was no faster.
 */
export const RECOVERY_PER_SECOND = 0.02;

/** The rate never drops below this share of the configured rate. */
const MIN_RATE_SHARE = 0.1;

/** Longest pause a 429 imposes on the key (before jitter). */
const MAX_PAUSE_MS = 16_000;

/** A request's place in the server's one-second window. */
interface Start {
	/** When the turn was given. */
	grantedAt: number;
	/** When the last byte of its body left (undefined: still sending). */
	bodySentAt?: number;
	answeredAt?: number;
}

/** A request's turn: say when its body has been sent and when its answer arrived. */
export interface Turn {
	bodySent(): void;
	answered(): void;
}

interface Waiter {
	resolve: (turn: Turn) => void;
	/** Stops listening for the run's stop (its turn came, or its execution left). */
	unsubscribe: () => void;
}

/**
 * Paces every API request made with one API key in this process, whichever execution makes it,
 * so that together they never exceed the key's rate as the server counts it, and no execution
 * waits behind another's backlog: executions take turns (round robin), each in its own order.
 *
 * The server counts a request somewhere between the end of its upload and its answer, so the
 * one-second window is measured from the answer, or from COUNTED_WITHIN_MS after the body left
 * when the answer is slow. Other processes using the key are not visible; their 429s are: the
 * rate then drops multiplicatively and recovers additively (AIMD, as TCP and the AWS SDKs'
 * adaptive retry do), and the key pauses for a jittered time, so that several processes settle on
 * sharing the key instead of retrying in lockstep.
 */
export class KeyPacer {
	/** The rate each execution's credential says; the lowest one is the key's ceiling. */
	private readonly configured = new Map<RunPace, number>();

	/** The rate in force: the ceiling, lowered after 429s. */
	private rate = 0;

	/** When the rate was last lowered (one 429 burst lowers it once) and last recovered. */
	private lastDecreaseAt = 0;

	private lastRecoverAt = Date.now();

	/** The most recent requests, oldest first (enough to judge one second). */
	private readonly starts: Start[] = [];

	private pausedUntil = 0;

	/** 429s since the last answer that was not one: they lengthen the pause. */
	private consecutiveLimited = 0;

	/** Executions with waiting requests, in turn order. */
	private readonly queues = new Map<RunPace, Waiter[]>();

	private dispatching = false;

	/** When the key was last used: an unused pacer can be forgotten. */
	lastActiveAt = Date.now();

	/** Joins an execution; its rate caps the key's while it stays. */
	join(run: RunControl, requestsPerSecond: number): RunPace {
		const pace = new RunPace(this, run);
		// The first execution on an idle key starts at its ceiling, unless the key met a 429 lately.
		const fresh = this.configured.size === 0 && Date.now() - this.lastDecreaseAt > 10_000;
		this.configured.set(pace, requestsPerSecond);
		this.rate = fresh ? this.ceiling() : Math.min(this.rate, this.ceiling());
		this.lastActiveAt = Date.now();
		return pace;
	}

	/** Requests waiting for their turn, across executions. */
	get waiting(): number {
		let count = 0;
		for (const queue of this.queues.values()) count += queue.length;
		return count;
	}

	/** The rate requests are paced to right now. */
	get currentRate(): number {
		this.recover(Date.now());
		return this.rate;
	}

	/** The lowest rate any execution using the key was configured with. */
	ceiling(): number {
		return this.configured.size ? Math.min(...this.configured.values()) : this.rate;
	}

	/** @internal RunPace.leave */
	leave(pace: RunPace): void {
		this.dropWaiters(pace);
		this.configured.delete(pace);
		if (this.configured.size) this.rate = Math.min(this.rate, this.ceiling());
		this.lastActiveAt = Date.now();
	}

	/** @internal RunPace.acquire */
	async acquire(pace: RunPace, run: RunControl, itemIndex?: number): Promise<Turn> {
		run.throwIfStopped(itemIndex);
		return await new Promise<Turn>((resolve, reject) => {
			const waiter: Waiter = {
				resolve,
				unsubscribe: run.onStop(() => {
					this.remove(pace, waiter);
					reject(run.canceledError(itemIndex));
				}),
			};
			const queue = this.queues.get(pace);
			if (queue) queue.push(waiter);
			else this.queues.set(pace, [waiter]);
			void this.dispatch();
		});
	}

	/** @internal RunPace.rateLimited: the key answered 429. */
	rateLimited(retryAfterMs?: number): void {
		const now = Date.now();
		this.recover(now);
		// One burst of 429s is one signal: lower the rate at most once per window.
		if (now - this.lastDecreaseAt >= 1000) {
			this.rate = Math.max(this.ceiling() * MIN_RATE_SHARE, this.rate * DECREASE_FACTOR);
			this.lastDecreaseAt = now;
		}
		this.consecutiveLimited++;
		const cap = Math.min(MAX_PAUSE_MS, 1000 * 2 ** (this.consecutiveLimited - 1));
		// At least what the server asks (or half the cap: the window has passed); the random rest
		// spreads the processes that share the key, so they do not come back in the same instant.
		const pause =
			retryAfterMs !== undefined
				? retryAfterMs + Math.random() * Math.min(retryAfterMs, 1000) * 0.5
				: cap / 2 + Math.random() * (cap / 2);
		this.pausedUntil = Math.max(this.pausedUntil, now + pause);
	}

	/** Additive increase: back towards the ceiling, for the time passed without a 429. */
	private recover(now: number): void {
		const ceiling = this.ceiling();
		const seconds = Math.max(0, now - this.lastRecoverAt) / 1000;
		this.lastRecoverAt = now;
		this.rate = Math.min(ceiling, this.rate + ceiling * RECOVERY_PER_SECOND * seconds);
	}

	/** The latest moment the server can have counted this request (Infinity: its body is still going out). */
	private static countedBy(start: Start): number {
		const bound =
			start.bodySentAt === undefined
				? Number.POSITIVE_INFINITY
				: start.bodySentAt + COUNTED_WITHIN_MS;
		return start.answeredAt === undefined ? bound : Math.min(start.answeredAt, bound);
	}

	/** When the next request may start. */
	private earliestStart(now: number): number {
		this.recover(now);
		const perSecond = Math.max(1, Math.floor(this.rate));
		const last = this.starts[this.starts.length - 1];
		const oldest =
			this.starts.length >= perSecond ? this.starts[this.starts.length - perSecond] : undefined;
		return Math.max(
			last ? last.grantedAt + 1000 / this.rate : 0,
			oldest ? KeyPacer.countedBy(oldest) + 1000 : 0,
			this.pausedUntil,
		);
	}

	/** Hands out turns while requests wait, one execution after another. */
	private async dispatch(): Promise<void> {
		if (this.dispatching) return;
		this.dispatching = true;
		try {
			while (this.queues.size) {
				const now = Date.now();
				const earliest = this.earliestStart(now);
				if (now < earliest) {
					// Answers may arrive meanwhile (an earlier count): look again within 50 ms.
					await sleep(
						Math.min(earliest - now, Number.isFinite(earliest) ? 50 + (earliest - now) / 2 : 50),
					);
					continue;
				}
				const [pace, queue] = this.queues.entries().next().value as [RunPace, Waiter[]];
				const waiter = queue.shift()!;
				// Round robin: this execution goes to the back of the line.
				this.queues.delete(pace);
				if (queue.length) this.queues.set(pace, queue);
				waiter.unsubscribe();
				waiter.resolve(this.grant());
			}
		} finally {
			this.dispatching = false;
		}
	}

	private grant(): Turn {
		const start: Start = { grantedAt: Date.now() };
		this.starts.push(start);
		// Enough to judge one second at the highest rate a credential allows (100 per second).
		if (this.starts.length > 128) this.starts.shift();
		this.lastActiveAt = start.grantedAt;
		return {
			bodySent: () => {
				start.bodySentAt ??= Date.now();
			},
			answered: () => {
				start.bodySentAt ??= Date.now();
				start.answeredAt ??= Date.now();
				this.lastActiveAt = start.answeredAt;
			},
		};
	}

	/** A request was answered without a 429: the pause sequence starts over. */
	answeredOk(): void {
		this.consecutiveLimited = 0;
	}

	private remove(pace: RunPace, waiter: Waiter): void {
		const queue = this.queues.get(pace);
		if (!queue) return;
		const index = queue.indexOf(waiter);
		if (index >= 0) queue.splice(index, 1);
		if (!queue.length) this.queues.delete(pace);
	}

	private dropWaiters(pace: RunPace): void {
		for (const waiter of this.queues.get(pace) ?? []) waiter.unsubscribe();
		this.queues.delete(pace);
	}

	/** Whether nothing waits and nothing was sent for `idleMs`: safe to forget. */
	idleFor(idleMs: number, now = Date.now()): boolean {
		return (
			!this.configured.size &&
			!this.queues.size &&
			now - this.lastActiveAt >= idleMs &&
			now >= this.pausedUntil
		);
	}
}

/** One execution's share of a key's pacer. */
export class RunPace {
	constructor(
		private readonly pacer: KeyPacer,
		private readonly run: RunControl,
	) {}

	/** Waits for this request's turn. Ends at once, with the run's canceled error, if the run stops. */
	async acquire(itemIndex?: number): Promise<Turn> {
		return await this.pacer.acquire(this, this.run, itemIndex);
	}

	/** The key answered 429: every execution on it slows down and pauses. */
	rateLimited(retryAfterMs?: number): void {
		this.pacer.rateLimited(retryAfterMs);
	}

	/** An answer that was not a 429. */
	answeredOk(): void {
		this.pacer.answeredOk();
	}

	/** The execution is done: its waiting requests (if any) go, and its rate no longer caps the key. */
	leave(): void {
		this.pacer.leave(this);
	}
}
