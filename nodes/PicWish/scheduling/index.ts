/**
 * The run's scheduling: how many items are worked on at once, the pace of API requests (shared
 * with every execution that uses the same key), the image bytes in transit, what PicWish's
 * processing time has been, and stopping it all. One per node execution; transport and the
 * actions use it, and it imports neither.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { keyId, pacerForKey } from './keys';
import type { KeyPacer, RunPace } from './pacer';
import { ProcessingTimes } from './processingTimes';
import { RunControl } from './runControl';
import { TaskShare } from './taskShare';
import { TransferBudget } from './transfers';

export type { RunPace, Turn } from './pacer';
export { ProcessingTimes } from './processingTimes';
export { RunControl } from './runControl';
export { TransferBudget } from './transfers';
export {
	MAX_REMEMBERED,
	MAX_REMEMBERED_BYTES,
	recentTasks,
	REMEMBER_MS,
	type Remembered,
	type SourceFacts,
	TaskShare,
} from './taskShare';

/** Image bytes a run holds for transfers at once (a larger single file still goes, alone). */
const TRANSFER_BUDGET_BYTES = 32 * 1024 * 1024;

/** What an item spends besides PicWish's processing: its requests and the result's download. */
const OVERHEAD_MS = 2_000;

/** Room above Little's law, for jitter in processing times. */
const HEADROOM = 1.25;

/** Items in flight, at least and at most. */
export const MIN_ITEMS_IN_FLIGHT = 4;
const MAX_ITEMS_IN_FLIGHT = 1_000;

export class RunScheduler {
	/** Stops every wait of this run: execution canceled, or the batch failing. */
	readonly run: RunControl;

	/** Image bytes held for uploads and downloads at once, across items. */
	readonly transfers = new TransferBudget(TRANSFER_BUDGET_BYTES);

	/** How long PicWish takes in this run, learned from finished tasks: when to poll, how many in flight. */
	readonly processingTimes = new ProcessingTimes();

	/** The items in flight, each with when it started. */
	private readonly inFlight = new Map<Promise<void>, number>();

	/** Items in flight that only wait for a task another item is making: they hold no place. */
	private waitingOnOthers = 0;

	/** Wakes forEachItem when a place frees up without an item finishing. */
	private placeFreed?: () => void;

	/** Tasks shared within this run only (Reuse Results: Within This Run Only). */
	readonly runTasks = new TaskShare();

	/**
	 * Tasks this run made and reused, the credits reuse saved, and the tasks made again because a
	 * remembered result no longer downloaded (the run's execution hint).
	 */
	readonly tally = { created: 0, reused: 0, creditsSaved: 0, remade: 0 };

	/** This run, as remembered tasks name the run that made them. */
	readonly runId = Math.random().toString(36).slice(2);

	private constructor(
		ctx: IExecuteFunctions,
		private readonly pacer: KeyPacer,
		requestsPerSecond: number,
		/** The credential as a one-way id (base URL + key): what shared tasks are kept under. */
		readonly credentialId: string,
	) {
		this.run = new RunControl(ctx);
		this.pace = pacer.join(this.run, requestsPerSecond);
	}

	/** This execution's share of its key's pacer. */
	readonly pace: RunPace;

	/** Joins the pacer of this base URL and key (one per key in the process). */
	static async forExecution(
		ctx: IExecuteFunctions,
		key: { baseUrl: string; apiKey: string; requestsPerSecond: number },
	): Promise<RunScheduler> {
		return new RunScheduler(
			ctx,
			await pacerForKey(key.baseUrl, key.apiKey),
			key.requestsPerSecond,
			await keyId(key.baseUrl, key.apiKey),
		);
	}

	/**
	 * Items to have in flight, by Little's law: the key's rate × the time an item takes. The time is
	 * the run's typical processing time, or, until a task has finished, how long the oldest item
	 * has been waiting (a lower bound), plus the requests and the download.
	 */
	itemsInFlight(now = Date.now()): number {
		const oldest = Math.min(now, ...this.inFlight.values());
		const processingMs = this.processingTimes.typical() ?? now - oldest;
		const wanted = Math.ceil(
			this.pacer.currentRate * ((processingMs + OVERHEAD_MS) / 1000) * HEADROOM,
		);
		return Math.min(MAX_ITEMS_IN_FLIGHT, Math.max(MIN_ITEMS_IN_FLIGHT, wanted));
	}

	/**
	 * Calls `work` for items 0 … count-1 in order of index, keeping itemsInFlight() of them going.
	 * Stops handing out items once `work` returns false (a failure that ends the batch) or the run
	 * stops.
	 */
	async forEachItem(count: number, work: (itemIndex: number) => Promise<boolean>): Promise<void> {
		let next = 0;
		let ended = false;
		while (next < count && !ended && !this.run.stopped) {
			if (this.inFlight.size - this.waitingOnOthers < this.itemsInFlight()) {
				const item: Promise<void> = work(next++).then((goOn) => {
					if (!goOn) ended = true;
					this.inFlight.delete(item);
				});
				this.inFlight.set(item, Date.now());
				continue;
			}
			// Full: go on when an item finishes or starts waiting on another's task, or look again in
			// a second (the waiting time grows).
			const freed = new Promise<void>((resolve) => (this.placeFreed = resolve));
			await Promise.race([...this.inFlight.keys(), freed, this.run.sleep(1000).catch(() => {})]);
			this.placeFreed = undefined;
		}
		await Promise.all(this.inFlight.keys());
	}

	/**
	 * An item waits for a task another item is making: its place goes to the next item meanwhile,
	 * so distinct images start at the key's pace instead of queueing behind a shared one.
	 */
	async waitingOnAnother<T>(promise: Promise<T>): Promise<T> {
		this.waitingOnOthers++;
		this.placeFreed?.();
		try {
			return await promise;
		} finally {
			this.waitingOnOthers--;
		}
	}

	/** The execution is done: it leaves its key's pacer. */
	close(): void {
		this.pace.leave();
	}
}
