import type { RunControl } from './runControl';

/**
 * Bounds the image bytes a run holds in memory for transfers: an item reserves its file's size
 * before reading it for upload (released once PicWish has answered the create) and before
 * downloading its result (released once n8n has stored it). A file larger than the budget still
 * goes, alone. Keeps memory flat however many items are in flight.
 */
export class TransferBudget {
	private inUse = 0;

	private readonly waiters: Array<() => void> = [];

	constructor(private readonly budgetBytes: number) {}

	async reserve(bytes: number, run: RunControl, itemIndex?: number): Promise<() => void> {
		const size = Math.max(0, bytes);
		while (this.inUse > 0 && this.inUse + size > this.budgetBytes) {
			run.throwIfStopped(itemIndex);
			await new Promise<void>((resolve) => {
				const unsubscribe = run.onStop(resolve);
				this.waiters.push(() => {
					unsubscribe();
					resolve();
				});
			});
		}
		run.throwIfStopped(itemIndex);
		this.inUse += size;
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.inUse -= size;
			for (const wake of this.waiters.splice(0)) wake();
		};
	}
}
