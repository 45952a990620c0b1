import { secondsOption, toEpochMs } from '../../../../nodes/PicWish/helpers/time';

describe('time values', () => {
	it('reads timestamps as PicWish sends them: Unix seconds, digits, milliseconds or dates', () => {
		expect(toEpochMs(1764000000)).toBe(1764000000000);
		expect(toEpochMs('1764000000')).toBe(1764000000000);
		expect(toEpochMs(1764000000123)).toBe(1764000000123);
		expect(toEpochMs('2026-11-24T12:00:00Z')).toBe(Date.UTC(2026, 10, 24, 12));
		for (const nothing of [undefined, null, '', 'soon', 0, -1, Number.NaN])
			expect(toEpochMs(nothing)).toBeUndefined();
	});

	it('turns a seconds option into milliseconds, with the default when it is unset', () => {
		expect(secondsOption(2.5, 1000)).toBe(2500);
		expect(secondsOption('30', 1000)).toBe(30_000);
		for (const unset of [undefined, null, '', 0, -3, 'x'])
			expect(secondsOption(unset, 1000)).toBe(1000);
	});
});
