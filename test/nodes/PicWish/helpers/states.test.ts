import { describeState, stateNumber } from '../../../../nodes/PicWish/helpers/states';

describe('task state table', () => {
	it('state 1 is completed', () => {
		expect(describeState(1)).toMatchObject({ status: 'completed', name: 'Completed' });
	});

	it.each([
		[0, 'Queued'],
		[2, 'Preparing'],
		[3, 'Waiting'],
		[4, 'Processing'],
		[5, 'Publishing result'],
		[6, 'Processing (internal loop)'],
	])('state %i is pending: %s', (state, name) => {
		expect(describeState(state)).toMatchObject({ status: 'processing', name });
	});

	it.each([
		[-17, /Invalid prompt/, /prompt/],
		[-16, /third-party/, /another image/],
		[-15, /Insufficient resources/, /Retry later/],
		[-14, /content not suitable/, /requirements/],
		[-13, /Canceled/, /Retry/],
		[-11, /Empty result/, /Retry/],
		[-10, /internal review/, /another image/],
		[-9, /loop processing failed/, /Retry/],
		[-8, /timed out/, /180 seconds/],
		[-7, /Invalid image file/, /Re-export it as a JPG or PNG/],
		[-5, /too large/, /Use a smaller image/],
		[-3, /Could not download/, /public/],
		[-2, /upload failed/, /Retry/],
		[-1, /Processing failed/, /Retry/],
	])('state %i is a failure with a meaning and a fix', (state, name, hint) => {
		const info = describeState(state);
		expect(info.status).toBe('failed');
		expect(info.name).toMatch(name);
		expect(info.hint).toMatch(hint);
	});

	it('treats unknown positive states as pending and unknown negative states as failed', () => {
		expect(describeState(7)).toMatchObject({ status: 'processing', name: 'Processing (state 7)' });
		expect(describeState(99)).toMatchObject({ status: 'processing' });
		expect(describeState(-4)).toMatchObject({ status: 'failed', name: 'Failed (state -4)' });
		expect(describeState(-6).hint).toMatch(/support/);
		expect(describeState(-100)).toMatchObject({ status: 'failed' });
	});

	it('reads states sent as numbers or numeric strings, and nothing else', () => {
		expect(stateNumber(4)).toBe(4);
		expect(stateNumber('-7')).toBe(-7);
		expect(stateNumber(' 1 ')).toBe(1);
		for (const bad of ['done', '', '1.5', null, undefined, {}, [], true]) {
			expect(stateNumber(bad)).toBeNaN();
		}
	});
});
