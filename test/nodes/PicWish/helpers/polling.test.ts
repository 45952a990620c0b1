import { MAX_POLL_GAP_MS, nextPollDelay, ProcessingTimes } from '../../../../nodes/PicWish/helpers/polling';

describe('when to poll', () => {
	it('polls every interval while nothing is known', () => {
		expect(nextPollDelay({}, 0, 1000, undefined, true)).toBe(1000);
		expect(nextPollDelay({ progress: 0 }, 5000, 1000, undefined, false)).toBe(1000);
	});

	it("first polls when the run's typical processing time has passed", () => {
		expect(nextPollDelay({}, 200, 1000, 3200, true)).toBe(3000);
		// Already late: no sooner than the interval.
		expect(nextPollDelay({}, 5000, 1000, 3200, true)).toBe(1000);
	});

	it('then polls by progress: time so far × remaining / done', () => {
		expect(nextPollDelay({ progress: 50 }, 2000, 500, 3000, false)).toBe(2000);
		expect(nextPollDelay({ progress: 80 }, 4000, 500, undefined, false)).toBe(1000);
		expect(nextPollDelay({ progress: 1 }, 5000, 500, undefined, false)).toBe(MAX_POLL_GAP_MS);
	});
});

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
