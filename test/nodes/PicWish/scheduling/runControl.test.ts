/* eslint-disable @n8n/community-nodes/no-restricted-globals -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
import type { IExecuteFunctions } from 'n8n-workflow';

import { RunControl } from '../../../../nodes/PicWish/scheduling/runControl';

const control = (signal?: AbortSignal) =>
	new RunControl({
		getExecutionCancelSignal: () => signal,
		getNode: () => ({ name: 'PicWish', type: 'n8n-nodes-picwish.picWish', typeVersion: 1 }),
	} as unknown as IExecuteFunctions);

describe('stopping a run', () => {
	it('ends every wait at once when the execution is canceled', async () => {
		const execution = new AbortController();
		const run = control(execution.signal);
		const started = Date.now();
		const waits = [run.sleep(60_000, 0), run.sleep(60_000, 1)];
		setTimeout(() => execution.abort(), 20);
		const results = await Promise.allSettled(waits);
		expect(Date.now() - started).toBeLessThan(5_000);
		expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
		expect((results[0] as PromiseRejectedResult).reason.message).toBe('The execution was canceled');
		expect(run.stopped).toBe(true);
	});

	it('is stopped from the start when the execution already was', () => {
		const execution = new AbortController();
		execution.abort();
		expect(control(execution.signal).stopped).toBe(true);
		expect(() => control(execution.signal).throwIfStopped(2)).toThrow('The execution was canceled');
	});

	it('tells each subscriber once, and not after it unsubscribed', () => {
		const run = control();
		const told: string[] = [];
		run.onStop(() => told.push('a'));
		const unsubscribe = run.onStop(() => told.push('b'));
		unsubscribe();
		run.stop();
		run.stop();
		expect(told).toEqual(['a']);
	});

	it('sleeps for the time asked when nothing stops it', async () => {
		const run = control();
		const started = Date.now();
		await run.sleep(30);
		expect(Date.now() - started).toBeGreaterThanOrEqual(25);
	});
});
