/**
 * The memory behind Reuse Results: bounded by entries and by bytes, never image bytes, and a task
 * whose result no longer downloads forgotten without touching a newer one. And the run's places:
 * an item waiting for a task another item makes does not hold one.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { MIN_ITEMS_IN_FLIGHT, RunScheduler } from '../../../../nodes/PicWish/scheduling';
import { RunControl } from '../../../../nodes/PicWish/scheduling/runControl';
import {
	MAX_ENTRY_BYTES,
	MAX_REMEMBERED,
	MAX_REMEMBERED_BYTES,
	TaskShare,
} from '../../../../nodes/PicWish/scheduling/taskShare';

const ctx = {
	getExecutionCancelSignal: () => undefined,
	getNode: () => ({ name: 'PicWish', type: 'n8n-nodes-picwish.picWish', typeVersion: 1 }),
} as unknown as IExecuteFunctions;

const entry = (taskId: string, padding = 0) => ({
	task: {
		task_id: taskId,
		state: 1,
		image: `https://result.example/${taskId}.jpg?${'x'.repeat(padding)}`,
	},
	runId: 'run',
	until: Date.now() + 60_000,
});

describe('what Reuse Results remembers', () => {
	it('holds at most MAX_REMEMBERED tasks, the oldest going first', () => {
		const share = new TaskShare();
		for (let n = 0; n < MAX_REMEMBERED + 5; n++) share.remember(`k${n}`, entry(`t${n}`));
		expect(share.size.remembered).toBe(MAX_REMEMBERED);
		expect(share.recall('k0')).toBeUndefined();
		expect(share.recall(`k${MAX_REMEMBERED + 4}`)?.task.task_id).toBe(`t${MAX_REMEMBERED + 4}`);
	});

	it('holds at most MAX_REMEMBERED_BYTES of task JSON, and no task larger than MAX_ENTRY_BYTES', () => {
		const share = new TaskShare();
		const large = MAX_ENTRY_BYTES - 1000;
		const count = Math.ceil((MAX_REMEMBERED_BYTES / large) * 2);
		for (let n = 0; n < count; n++) share.remember(`k${n}`, entry(`t${n}`, large));
		expect(share.size.bytes).toBeLessThanOrEqual(MAX_REMEMBERED_BYTES);
		expect(share.size.remembered).toBeLessThan(count);
		expect(share.recall(`k${count - 1}`)).toBeDefined();
		share.remember('huge', entry('huge', MAX_ENTRY_BYTES));
		expect(share.recall('huge')).toBeUndefined();
		share.clear();
		expect(share.size).toEqual({ making: 0, remembered: 0, bytes: 0 });
	});

	it('forgets a task by its ID only: a newer task under the same key stays', () => {
		const share = new TaskShare();
		share.remember('k', entry('new'));
		share.forget('k', 'old');
		expect(share.recall('k')?.task.task_id).toBe('new');
		share.forget('k', 'new');
		expect(share.recall('k')).toBeUndefined();
		expect(share.size.bytes).toBe(0);
	});

	it("shares another run's verdict, but not its own failure: then this run makes its own", async () => {
		/** Run A makes the task and fails with `reason`; run B, joining meanwhile, has a task of its own ready. */
		async function aFailsWhileBWaits(reason: string) {
			const share = new TaskShare();
			const [runA, runB] = [new RunControl(ctx), new RunControl(ctx)];
			const joining = (run: RunControl) => ({
				wait: async <T>(promise: Promise<T>) => await run.until(promise),
				sharedAcrossRuns: (error: Error) => error.message === 'verdict',
			});
			let failA: (error: Error) => void = () => {};
			const made = share.obtain(
				'k',
				runA,
				async () => await new Promise((_resolve, reject) => (failA = reject)),
				joining(runA),
			);
			const joined = share.obtain(
				'k',
				runB,
				async () => ({ task_id: 'b', state: 1 }),
				joining(runB),
			);
			failA(new Error(reason));
			await expect(made).rejects.toThrow(reason);
			return await joined;
		}
		await expect(aFailsWhileBWaits('A timed out')).resolves.toEqual({
			task: { task_id: 'b', state: 1 },
			made: true,
		});
		await expect(aFailsWhileBWaits('verdict')).rejects.toThrow('verdict');
	});
});

describe('places in the run', () => {
	it('items waiting for a task another item makes give their place to distinct images', async () => {
		const scheduler = await RunScheduler.forExecution(ctx, {
			baseUrl: 'https://places.example',
			apiKey: 'k',
			requestsPerSecond: 2,
		});
		try {
			let open: () => void = () => {};
			const gate = new Promise<void>((resolve) => (open = resolve));
			const started: number[] = [];
			const done = scheduler.forEachItem(40, async (itemIndex) => {
				started.push(itemIndex);
				// Items 1-19 wait for item 0's task; item 0 and the distinct images 20-39 work (until the gate opens).
				if (itemIndex >= 1 && itemIndex < 20) await scheduler.waitingOnAnother(gate);
				else await gate;
				return true;
			});
			for (let tick = 0; tick < 20; tick++) await sleep(0);
			// Every waiting item started, and the places they did not take went to distinct images
			// (all but item 0's; the count of places grows with the time waited, so at least that).
			expect(started.filter((index) => index < 20)).toHaveLength(20);
			expect(started.filter((index) => index >= 20).length).toBeGreaterThanOrEqual(
				MIN_ITEMS_IN_FLIGHT - 1,
			);
			open();
			await done;
			expect(started).toHaveLength(40);
		} finally {
			scheduler.close();
		}
	});
});
