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

	/**
	 * Waits until `bytes` fit (or nothing else is held), then holds them until the returned
	 * function is called. With `beside`, a further file of an item that already holds its share (a
	 * mask beside its image) goes at once: waiting, the item would wait on itself.
	 */
	async reserve(
		bytes: number,
		run: RunControl,
		itemIndex?: number,
		{ beside = false } = {},
	): Promise<() => void> {
		const size = Math.max(0, bytes);
		while (!beside && this.inUse > 0 && this.inUse + size > this.budgetBytes) {
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
