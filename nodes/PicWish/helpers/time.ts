/** Time values as PicWish and the node's options give them. Pure. */

/** Timestamps come as Unix seconds (number or digits) or as date strings; returns ms or undefined. */
export function toEpochMs(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value) && value > 0)
		return value < 1e12 ? value * 1000 : value;
	if (typeof value === 'string' && value.trim()) {
		if (/^\d+(\.\d+)?$/.test(value.trim())) return toEpochMs(Number(value));
		const parsed = Date.parse(value);
		return Number.isNaN(parsed) ? undefined : parsed;
	}
	return undefined;
}

/** An option in seconds as milliseconds; the default when it is unset, zero or not a number. */
export function secondsOption(seconds: unknown, defaultMs: number): number {
	const value = Number(seconds);
	return seconds !== undefined &&
		seconds !== null &&
		seconds !== '' &&
		Number.isFinite(value) &&
		value > 0
		? value * 1000
		: defaultMs;
}
