/**
 * Tasks shared instead of made twice (Reuse Results). Items that ask for the same task while one
 * is being made wait for it; a task that completed is remembered for a while and handed to later
 * items without a create. One share lives for the whole process (recent runs, keyed by a one-way
 * hash of the credential and the task's identity, so one credential's results never reach
 * another's), or one per run. Only small facts are held (the task's JSON, where its input came
 * from), never image bytes; the memory is bounded by entries and by bytes, entries expire when
 * looked at (no timers), the oldest go first, and a task whose result could not be fetched is
 * forgotten by the item that tried.
 */
import { createHash } from 'node:crypto';

import type { TaskData } from '../helpers/task';
import type { RunControl } from './runControl';

/** How long a completed task is remembered: well inside its result URL's hour. */
export const REMEMBER_MS = 50 * 60 * 1000;

/** Most tasks remembered at once, per share. */
export const MAX_REMEMBERED = 1000;

/** Most bytes a share's remembered entries take (keys, task JSON and source facts, as UTF-8). */
export const MAX_REMEMBERED_BYTES = 2 * 1024 * 1024;

/** A task whose JSON is larger than this is not remembered: it would crowd out the others. */
export const MAX_ENTRY_BYTES = 32 * 1024;

/** How a URL's host described the image when the task was made (a HEAD request's validators). */
export interface SourceFacts {
	etag?: string;
	lastModified?: string;
	contentLength?: string;
}

export interface Remembered {
	task: TaskData;
	/** The run that made it: within that run a URL counts as the same image without asking its host. */
	runId: string;
	source?: SourceFacts;
	until: number;
}

/** How an item that found the task already being made waits for it. */
export interface Joining {
	/** Called once, before waiting: the item lets go of what only a create needs (its image). */
	onJoin?: () => void;
	/**
	 * Waits for the other item's task, within this item's own limits (its run stopping, its
	 * Timeout, counted from `sent`: when the task's create went out, as the maker's is); the run
	 * gives the item's in-flight place to another item meanwhile.
	 */
	wait: <T>(promise: Promise<T>, sent: Promise<void>) => Promise<T>;
	/**
	 * Whether a failure of a task that another run was making is this run's too (PicWish's verdict
	 * on the image). Any other failure (that run's timeout, cancel, network) stays with that run:
	 * this one makes its own attempt.
	 */
	sharedAcrossRuns: (error: Error) => boolean;
}

export class TaskShare {
	private readonly making = new Map<
		string,
		{ promise: Promise<TaskData>; run: RunControl; sent: Promise<void> }
	>();

	private readonly remembered = new Map<string, Remembered & { bytes: number }>();

	private rememberedBytes = 0;

	/** The key of a task: a one-way hash of the credential's id and the task's identity. */
	static key(credentialId: string, identity: string): string {
		return createHash('sha256').update(`${credentialId}\n${identity}`).digest('hex');
	}

	/** A completed task remembered under the key, if it has not expired. */
	recall(key: string, now = Date.now()): Remembered | undefined {
		for (const [oldKey, entry] of this.remembered) {
			// Insertion order is age order: stop at the first one still valid.
			if (entry.until > now) break;
			this.drop(oldKey);
		}
		const entry = this.remembered.get(key);
		return entry && entry.until > now ? entry : undefined;
	}

	remember(key: string, entry: Remembered): void {
		this.drop(key);
		const bytes = Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(entry));
		if (bytes > MAX_ENTRY_BYTES) return;
		this.remembered.set(key, { ...entry, bytes });
		this.rememberedBytes += bytes;
		while (this.remembered.size > MAX_REMEMBERED || this.rememberedBytes > MAX_REMEMBERED_BYTES) {
			this.drop(this.remembered.keys().next().value as string);
		}
	}

	/**
	 * Forgets the task remembered under the key (its input changed, or its result could not be
	 * fetched). With a task ID, only that task: another item may already have remembered a new one.
	 */
	forget(key: string, taskId?: string): void {
		const entry = this.remembered.get(key);
		if (entry && (taskId === undefined || entry.task.task_id === taskId)) this.drop(key);
	}

	/** Forgets everything (tests start from an empty memory). */
	clear(): void {
		this.remembered.clear();
		this.rememberedBytes = 0;
	}

	private drop(key: string): void {
		const entry = this.remembered.get(key);
		if (!entry) return;
		this.remembered.delete(key);
		this.rememberedBytes -= entry.bytes;
	}

	/**
	 * The task for the key: made by `make` unless another item is making it already, in which case
	 * the item waits for it. Its success is shared; so is its failure within one run. A failure of
	 * another run's task is shared only when `joining.sharedAcrossRuns` says so; otherwise this run
	 * makes its own, under its own timeout.
	 */
	async obtain(
		key: string,
		run: RunControl,
		make: (sent: () => void) => Promise<TaskData>,
		joining: Joining,
	): Promise<{ task: TaskData; made: boolean }> {
		let joined = false;
		for (;;) {
			const current = this.making.get(key);
			if (!current) {
				let sent = () => {};
				const entry = {
					run,
					sent: new Promise<void>((resolve) => (sent = resolve)),
					promise: make(() => sent()),
				};
				this.making.set(key, entry);
				try {
					return { task: await entry.promise, made: true };
				} finally {
					if (this.making.get(key) === entry) this.making.delete(key);
				}
			}
			if (!joined) {
				joined = true;
				joining.onJoin?.();
			}
			// The other item's outcome, settled either way; what the wait itself throws is this item's
			// own (its run stopped, its Timeout passed).
			const outcome = await joining.wait(
				current.promise.then(
					(task) => ({ task }),
					(error: Error) => ({ error }),
				),
				current.sent,
			);
			if ('task' in outcome) return { task: outcome.task, made: false };
			run.throwIfStopped();
			if (current.run === run || joining.sharedAcrossRuns(outcome.error)) throw outcome.error;
			// That run's own failure: the next look finds no task being made (or a newer one).
			if (this.making.get(key) === current) this.making.delete(key);
		}
	}

	/** Tasks being made and remembered now, and the bytes remembered (for tests). */
	get size(): { making: number; remembered: number; bytes: number } {
		return {
			making: this.making.size,
			remembered: this.remembered.size,
			bytes: this.rememberedBytes,
		};
	}
}

/** The share of every run in this process (Reuse Results: Within This Run and Recent Runs). */
export const recentTasks = new TaskShare();
