import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

/**
 * Ends this run's waiting: when the execution is canceled, or when the node itself stops the
 * other items because one failed (without continue-on-fail). Every wait of the node goes through
 * it, so both stop within moments.
 */
export class RunControl {
	private readonly controller = new AbortController();

	/** Who to tell when the run stops: one listener on the signal, however many items wait. */
	private readonly stopHandlers = new Set<() => void>();

	constructor(private readonly ctx: IExecuteFunctions) {
		this.controller.signal.addEventListener(
			'abort',
			() => {
				for (const handler of [...this.stopHandlers]) handler();
			},
			{ once: true },
		);
		const execution = ctx.getExecutionCancelSignal();
		if (execution?.aborted) this.controller.abort();
		execution?.addEventListener('abort', () => this.controller.abort(), { once: true });
	}

	/** Calls `handler` when the run stops; returns the function that unsubscribes it. */
	onStop(handler: () => void): () => void {
		this.stopHandlers.add(handler);
		return () => this.stopHandlers.delete(handler);
	}

	get signal(): AbortSignal {
		return this.controller.signal;
	}

	get stopped(): boolean {
		return this.controller.signal.aborted;
	}

	/** Stops every other item's waiting (one item failed and the node will fail). */
	stop(): void {
		this.controller.abort();
	}

	canceledError(itemIndex?: number): NodeOperationError {
		return new NodeOperationError(this.ctx.getNode(), 'The execution was canceled', {
			itemIndex,
			description: 'The workflow execution was stopped while PicWish was working on the image.',
		});
	}

	throwIfStopped(itemIndex?: number): void {
		if (this.stopped) throw this.canceledError(itemIndex);
	}

	/** Waits for a promise made elsewhere (another run's task), but ends at once when this run stops. */
	async until<T>(promise: Promise<T>, itemIndex?: number): Promise<T> {
		this.throwIfStopped(itemIndex);
		let unsubscribe = () => {};
		try {
			return await Promise.race([
				promise,
				new Promise<never>((_resolve, reject) => {
					unsubscribe = this.onStop(() => reject(this.canceledError(itemIndex)));
				}),
			]);
		} finally {
			unsubscribe();
		}
	}

	/**
	 * Waits for a promise made elsewhere (another item's task) at most `ms` from when `from`
	 * resolves (at once by default), then throws what `timedOut` makes; ends at once when this run
	 * stops.
	 */
	async within<T>(
		promise: Promise<T>,
		ms: number,
		timedOut: () => Error,
		itemIndex?: number,
		from: Promise<unknown> = Promise.resolve(),
	): Promise<T> {
		const done = new AbortController();
		const expiry = from.then(async () => {
			await this.sleep(ms, itemIndex, done.signal);
			if (!done.signal.aborted) throw timedOut();
		});
		try {
			return await Promise.race([this.until(promise, itemIndex), expiry as Promise<never>]);
		} finally {
			done.abort();
		}
	}

	/**
	 * Sleeps, but ends at once when the run stops (rejecting) or `done` aborts (resolving early).
	 * n8n 2.x's `sleep` takes the signal; older hosts ignore it, so the abort event is also raced
	 * here.
	 */
	async sleep(ms: number, itemIndex?: number, done?: AbortSignal): Promise<void> {
		this.throwIfStopped(itemIndex);
		if (done?.aborted) return;
		await new Promise<void>((resolve, reject) => {
			// A signal of its own, so concurrent sleeps do not pile listeners on the run's signal.
			const local = new AbortController();
			const finish = () => {
				unsubscribe();
				done?.removeEventListener('abort', early);
			};
			const early = () => {
				finish();
				local.abort();
				resolve();
			};
			const unsubscribe = this.onStop(() => {
				finish();
				local.abort();
				reject(this.canceledError(itemIndex));
			});
			done?.addEventListener('abort', early, { once: true });
			sleep(ms, local.signal).then(
				() => {
					finish();
					resolve();
				},
				() => {
					finish();
					// Ended early by `done`: already resolved; otherwise the run stopped.
					if (!done?.aborted) reject(this.canceledError(itemIndex));
				},
			);
		});
	}
}
