/**
 * The account's credits as the credits endpoint sends them: an array of credit packages, each with
 * `remaining_credits` and `used_credits`. Pure.
 */
import type { IDataObject } from 'n8n-workflow';

export interface CreditSummary {
	/** Credits left over all packages: what the next tasks may use. */
	remaining_credits: number;
	used_credits: number;
	/** The packages as PicWish sent them. */
	packages: IDataObject[];
}

const count = (value: unknown): number => {
	const number = typeof value === 'string' && value.trim() ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) ? number : 0;
};

/**
 * Sums the packages. A single package object is read as a list of one (a host may send it
 * unwrapped); anything else is not a credits answer and gives undefined.
 */
export function summarizeCredits(data: unknown): CreditSummary | undefined {
	const list = Array.isArray(data) ? data : data && typeof data === 'object' ? [data] : undefined;
	if (!list || !list.every((entry) => entry && typeof entry === 'object' && !Array.isArray(entry)))
		return undefined;
	const packages = list as IDataObject[];
	if (
		packages.length &&
		!packages.some((entry) => 'remaining_credits' in entry || 'used_credits' in entry)
	)
		return undefined;
	return {
		remaining_credits: packages.reduce((sum, entry) => sum + count(entry.remaining_credits), 0),
		used_credits: packages.reduce((sum, entry) => sum + count(entry.used_credits), 0),
		packages,
	};
}
