import { ProcessingTimes } from '../../../../nodes/PicWish/scheduling/processingTimes';

describe('processing times of a run', () => {
	it('has no estimate until a task finished, then the median of the recent ones', () => {
		const times = new ProcessingTimes();
		expect(times.typical()).toBeUndefined();
		for (const ms of [3000, 2800, 9000, 3100, 3050]) times.record(ms);
		expect(times.typical()).toBe(3050);
		times.record(Number.NaN);
		times.record(-5);
		expect(times.typical()).toBe(3050);
	});

	it('keeps only the most recent tasks', () => {
		const times = new ProcessingTimes();
		for (let i = 0; i < 30; i++) times.record(1000);
		for (let i = 0; i < 25; i++) times.record(5000);
		expect(times.typical()).toBe(5000);
	});
});
