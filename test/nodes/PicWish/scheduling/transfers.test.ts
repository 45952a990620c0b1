/* eslint-disable @n8n/community-nodes/no-restricted-globals -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
import type { IExecuteFunctions } from 'n8n-workflow';

import { RunControl } from '../../../../nodes/PicWish/scheduling/runControl';
import { TransferBudget } from '../../../../nodes/PicWish/scheduling/transfers';

const run = (signal?: AbortSignal) =>
	new RunControl({
		getExecutionCancelSignal: () => signal,
		getNode: () => ({ name: 'PicWish' }),
	} as unknown as IExecuteFunctions);

describe('transfer budget', () => {
	it('holds a reservation back until enough bytes are released', async () => {
		const budget = new TransferBudget(100);
		const control = run();
		const first = await budget.reserve(60, control);
		let secondDone = false;
		const second = budget.reserve(60, control).then((release) => {
			secondDone = true;
			return release;
		});
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(secondDone).toBe(false);
		first();
		(await second)();
		expect(secondDone).toBe(true);
	});

	it('lets a file larger than the whole budget through, alone', async () => {
		const budget = new TransferBudget(100);
		const release = await budget.reserve(500, run());
		release();
		release(); // a second release changes nothing
		const again = await budget.reserve(100, run());
		again();
	});

	it('stops waiting when the run stops', async () => {
		const budget = new TransferBudget(10);
		const controller = new AbortController();
		const control = run(controller.signal);
		await budget.reserve(10, control);
		const waiting = budget.reserve(5, control);
		controller.abort();
		await expect(waiting).rejects.toThrow('The execution was canceled');
	});
});
