/** How long to wait before trying again, and how often. */

/**
 * Retry budgets. A 429 proves nothing was done, so it is tried again as long as the request's
 * patience allows (a time, not a count: other executions or processes may hold the key for a
 * while); other faults are retried only where safe, a few times.
 */
const RETRIES = {
	transient: 3,
	backoffBaseMs: 1_000,
	backoffMaxMs: 16_000,
} as const;

export function backoffMs(attempt: number): number {
	return Math.min(RETRIES.backoffBaseMs * 2 ** attempt, RETRIES.backoffMaxMs);
}

/** Seconds or an HTTP date, as Retry-After allows; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text !== 'string' && typeof text !== 'number') return undefined;
	const seconds = Number(text);
	if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, 120_000);
	const date = Date.parse(String(text));
	if (Number.isNaN(date)) return undefined;
	return Math.min(Math.max(0, date - now), 120_000);
}

/** What one request has spent of its retries so far; an attempt asks it before it asks for another try. */
export class RetryBudget {
	transient = 0;

	/** Tries after a 429 are allowed until then. */
	constructor(private readonly rateLimitedUntil: number) {}

	/** Another try after a 429 is allowed. */
	get rateLimitedLeft(): boolean {
		return Date.now() < this.rateLimitedUntil;
	}

	/** Another try after a fault that is safe to repeat is allowed. */
	get transientLeft(): boolean {
		return this.transient < RETRIES.transient;
	}
}

/** One try's outcome: done, or try again after a 429 (with the wait it asked for) or a transient fault. */
export type Attempt<T> =
	| { done: T }
	| { again: 'rateLimited'; waitMs?: number }
	| { again: 'transient' };
