/**
 * The run's scheduling: how many items are worked on at once, the pace of API requests, the image
 * bytes in transit, what PicWish's processing time has been, and stopping it all. One per node
 * execution; transport and the actions use it, and it imports neither.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { RateGovernor } from './governor';
import { ProcessingTimes } from './processingTimes';
import { RunControl } from './runControl';
import { TransferBudget } from './transfers';

export { RateGovernor } from './governor';
export { ProcessingTimes } from './processingTimes';
export { RunControl } from './runControl';
export { TransferBudget } from './transfers';

/** Image bytes a run holds for transfers at once (a larger single file still goes, alone). */
export const TRANSFER_BUDGET_BYTES = 32 * 1024 * 1024;

export class RunScheduler {
	/** Stops every wait of this run: execution canceled, or the batch failing. */
	readonly run: RunControl;

	/** Paces every API request of the run to the key's rate. */
	readonly pacer: RateGovernor;

	/** Image bytes held for uploads and downloads at once, across items. */
	readonly transfers = new TransferBudget(TRANSFER_BUDGET_BYTES);

	/** How long PicWish takes in this run, learned from finished tasks: when to poll. */
	readonly processingTimes = new ProcessingTimes();

	/**
	 * Items worked on at once. Most of an item's time is spent waiting for PicWish, and the pacer
	 * paces the requests, so this only needs to cover rate × processing time with room to spare.
	 */
	readonly maxItemsInFlight: number;

	constructor(ctx: IExecuteFunctions, requestsPerSecond: number) {
		this.run = new RunControl(ctx);
		this.pacer = new RateGovernor(requestsPerSecond);
		this.maxItemsInFlight = Math.min(64, Math.max(2, Math.ceil(requestsPerSecond * 10)));
	}

	/**
	 * Calls `work` for items 0 … count-1, up to maxItemsInFlight at once, in order of index. Stops
	 * handing out items once `work` returns false (a failure that ends the batch) or the run stops.
	 */
	async forEachItem(count: number, work: (itemIndex: number) => Promise<boolean>): Promise<void> {
		let next = 0;
		let ended = false;
		const worker = async () => {
			while (next < count && !ended && !this.run.stopped) {
				if (!(await work(next++))) ended = true;
			}
		};
		await Promise.all(Array.from({ length: Math.min(count, this.maxItemsInFlight) }, worker));
	}
}
