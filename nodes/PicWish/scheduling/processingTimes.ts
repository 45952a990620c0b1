/**
 * How long PicWish takes in this run, from sending the create to seeing the task completed: the
 * median of the most recent tasks. Lets the first poll go out when a result is likely, instead of
 * every second from the start.
 */
export class ProcessingTimes {
	private readonly samples: number[] = [];

	record(ms: number): void {
		if (!Number.isFinite(ms) || ms < 0) return;
		this.samples.push(ms);
		if (this.samples.length > 25) this.samples.shift();
	}

	/** The typical processing time, once a task of this run has finished. */
	typical(): number | undefined {
		if (!this.samples.length) return undefined;
		const sorted = [...this.samples].sort((a, b) => a - b);
		return sorted[Math.floor(sorted.length / 2)];
	}
}
