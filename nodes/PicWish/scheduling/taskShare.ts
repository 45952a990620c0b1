/**
 * Tasks shared instead of made twice (Reuse Results). Items that ask for the same task while one
 * is being made wait for it; a task that completed is remembered for a while and handed to later
 * items without a create. One share lives for the whole process (recent runs, keyed by a one-way
 * hash of the credential and the task's identity, so one credential's results never reach
 * another's), or one per run. Only small facts are held (the task's JSON, where its input came
 * from), never image bytes; entries expire when looked at (no timers) and the oldest go first.
 */
import { createHash } from 'node:crypto';

import type { TaskData } from '../helpers/task';
import type { RunControl } from './runControl';

/** How long a completed task is remembered: well inside its result URL's hour. */
export const REMEMBER_MS = 50 * 60 * 1000;

/** Most tasks remembered at once, per share. */
export const MAX_REMEMBERED = 1000;

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

export class TaskShare {
	private readonly making = new Map<string, { promise: Promise<TaskData>; run: RunControl }>();

	private readonly remembered = new Map<string, Remembered>();

	/** The key of a task: a one-way hash of the credential's id and the task's identity. */
	static key(credentialId: string, identity: string): string {
		return createHash('sha256').update(`${credentialId}\n${identity}`).digest('hex');
	}

	/** A completed task remembered under the key, if it has not expired. */
	recall(key: string, now = Date.now()): Remembered | undefined {
		for (const [oldKey, entry] of this.remembered) {
			// Insertion order is age order: stop at the first one still valid.
			if (entry.until > now) break;
			this.remembered.delete(oldKey);
		}
		const entry = this.remembered.get(key);
		return entry && entry.until > now ? entry : undefined;
	}

	remember(key: string, entry: Remembered): void {
		this.remembered.delete(key);
		this.remembered.set(key, entry);
		while (this.remembered.size > MAX_REMEMBERED) this.remembered.delete(this.remembered.keys().next().value as string);
	}

	/** Forgets a task (its input changed, or its result could not be fetched again). */
	forget(key: string): void {
		this.remembered.delete(key);
	}

	/**
	 * The task for the key: made by `make` unless another item is making it already, in which case
	 * its outcome (success or failure) is shared. When the item making it belongs to a run that was
	 * stopped (canceled, or failing on another item), another run makes its own.
	 */
	async obtain(key: string, run: RunControl, make: () => Promise<TaskData>): Promise<{ task: TaskData; made: boolean }> {
		for (;;) {
			const current = this.making.get(key);
			if (!current) {
				const entry = { promise: make(), run };
				this.making.set(key, entry);
				try {
					return { task: await entry.promise, made: true };
				} finally {
					if (this.making.get(key) === entry) this.making.delete(key);
				}
			}
			const outcome = await run.until(current.promise).then(
				(task) => ({ task }),
				(error: Error) => ({ error }),
			);
			if ('task' in outcome) return { task: outcome.task, made: false };
			run.throwIfStopped();
			if (current.run !== run && current.run.stopped) continue;
			throw outcome.error;
		}
	}

	/** Tasks being made and remembered now (for tests). */
	get size(): { making: number; remembered: number } {
		return { making: this.making.size, remembered: this.remembered.size };
	}
}

/** The share of every run in this process (Reuse Results: Within This Run and Recent Runs). */
export const recentTasks = new TaskShare();
