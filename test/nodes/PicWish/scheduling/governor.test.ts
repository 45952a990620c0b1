import type { IExecuteFunctions } from 'n8n-workflow';

import { RunControl } from '../../../../nodes/PicWish/scheduling/runControl';
import { COUNTED_WITHIN_MS, RateGovernor } from '../../../../nodes/PicWish/scheduling/governor';

const context = (signal?: AbortSignal) =>
	new RunControl({
		getExecutionCancelSignal: () => signal,
		getNode: () => ({ name: 'PicWish', type: 'n8n-nodes-picwish.picWish', typeVersion: 1 }),
	} as unknown as IExecuteFunctions);

/** The most request starts seen in any one-second window. */
function busiestSecond(starts: number[]): number {
	let most = 0;
	for (const [index, start] of starts.entries()) {
		most = Math.max(most, starts.slice(index).filter((time) => time < start + 1000).length);
	}
	return most;
}

describe('rate governor', () => {
	it('never lets more requests start in any one-second window than the configured rate', async () => {
		const governor = new RateGovernor(5);
		const starts: number[] = [];
		// 16 concurrent callers, as items in flight would be.
		await Promise.all(
			Array.from({ length: 16 }, async () => {
				const answered = await governor.acquire(context());
				starts.push(Date.now());
				answered();
			}),
		);
		starts.sort((a, b) => a - b);
		expect(busiestSecond(starts)).toBeLessThanOrEqual(5);
		// Paced, not serialised behind anything else: 16 starts at 5/s take about 3 s.
		expect(starts[15] - starts[0]).toBeGreaterThanOrEqual(2900);
	});

	it('measures the one-second window from when the server can have counted a request', async () => {
		const governor = new RateGovernor(1);
		const answered = await governor.acquire(context());
		const sentAt = Date.now();
		await new Promise((resolve) => setTimeout(resolve, 30));
		answered();
		await governor.acquire(context());
		// Answered 30 ms after sending: the server may have counted it that late.
		expect(Date.now() - sentAt).toBeGreaterThanOrEqual(1025);
	});

	it('assumes a slow request was counted within COUNTED_WITHIN_MS of sending', async () => {
		const governor = new RateGovernor(1);
		const answered = await governor.acquire(context());
		const sentAt = Date.now();
		const next = governor.acquire(context());
		await next;
		answered();
		const waited = Date.now() - sentAt;
		expect(waited).toBeGreaterThanOrEqual(1000 + COUNTED_WITHIN_MS - 5);
		expect(waited).toBeLessThan(1000 + COUNTED_WITHIN_MS + 150);
	});

	it('holds everyone back after a rate-limit answer', async () => {
		const governor = new RateGovernor(100);
		await governor.acquire(context());
		governor.pauseFor(400);
		const before = Date.now();
		await governor.acquire(context());
		expect(Date.now() - before).toBeGreaterThanOrEqual(390);
	});

	it('stops waiting when the execution is canceled', async () => {
		const governor = new RateGovernor(0.2);
		const controller = new AbortController();
		const run = context(controller.signal);
		await governor.acquire(run);
		const waiting = governor.acquire(run);
		setTimeout(() => controller.abort(), 50);
		await expect(waiting).rejects.toThrow('The execution was canceled');
	});
});
