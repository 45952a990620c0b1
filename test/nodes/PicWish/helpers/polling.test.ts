import { MAX_POLL_GAP_MS, nextPollDelay } from '../../../../nodes/PicWish/helpers/polling';

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
