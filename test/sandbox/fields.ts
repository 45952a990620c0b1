/**
 * Reading a task API's multipart fields as PicWish's pages describe them: every value arrives as
 * a string; a field sent empty counts as not sent; a value outside the documented ones is a 400
 * whose `message` says why (thrown as BadRequest and answered by the server).
 */
import type { Part } from '../support/multipart';
import type { Rgb } from './encode';

/** A request PicWish refuses with 400 and this reason. */
export class BadRequest extends Error {}

export interface Form {
	/** A text field's value, trimmed; undefined when absent or empty. */
	text: (name: string) => string | undefined;
	/** A file part with content; undefined when absent or empty. */
	file: (name: string) => Part | undefined;
}

export function makeForm(parts: Record<string, Part>): Form {
	return {
		text: (name) => {
			const part = parts[name];
			if (!part || part.filename !== undefined) return undefined;
			const value = part.body.toString('utf8').trim();
			return value === '' ? undefined : value;
		},
		file: (name) => (parts[name]?.body.length ? parts[name] : undefined),
	};
}

export const bad = (message: string): BadRequest => new BadRequest(`${message} (sandbox)`);

/** One of the documented string values. */
export function choice<T extends string>(
	form: Form,
	name: string,
	values: readonly T[],
	fallback: T,
): T {
	const value = form.text(name) ?? fallback;
	if (!(values as readonly string[]).includes(value))
		throw bad(`${name} must be one of ${values.map((v) => `"${v}"`).join(', ')}, not "${value}"`);
	return value as T;
}

/** A whole number in [min, max]; undefined when not sent. */
export function integer(form: Form, name: string, min: number, max: number): number | undefined {
	const value = form.text(name);
	if (value === undefined) return undefined;
	if (!/^-?\d+$/.test(value)) throw bad(`${name} must be an integer, not "${value}"`);
	const number = Number(value);
	if (number < min || number > max)
		throw bad(`${name} must be between ${min} and ${max}, not ${number}`);
	return number;
}

/** One of the documented integer values. */
export function option(
	form: Form,
	name: string,
	values: readonly number[],
	fallback: number,
): number {
	const value = integer(form, name, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER) ?? fallback;
	if (!values.includes(value))
		throw bad(`${name} must be one of ${values.join(', ')}, not ${value}`);
	return value;
}

/** A ratio in (0, 1] (expansion's sides). */
export function ratio(form: Form, name: string, fallback: number): number {
	const value = form.text(name);
	if (value === undefined) return fallback;
	const number = /^\d*\.?\d+$/.test(value) ? Number(value) : NaN;
	if (!(number > 0 && number <= 1))
		throw bad(`${name} must be a number greater than 0 and at most 1, not "${value}"`);
	return number;
}

/** A number greater than 0 (a length in mm); undefined when not sent. */
export function positiveNumber(form: Form, name: string): number | undefined {
	const value = form.text(name);
	if (value === undefined) return undefined;
	const number = /^\d*\.?\d+$/.test(value) ? Number(value) : NaN;
	if (!(number > 0)) throw bad(`${name} must be a number greater than 0, not "${value}"`);
	return number;
}

/** `RRGGBB` (six hex digits); undefined when not sent. */
export function hexColour(form: Form, name: string): Rgb | undefined {
	const value = form.text(name);
	if (value === undefined) return undefined;
	if (!/^[0-9a-f]{6}$/i.test(value))
		throw bad(`${name} must be six hex digits (RRGGBB), not "${value}"`);
	return [0, 2, 4].map((at) => parseInt(value.slice(at, at + 2), 16)) as Rgb;
}

/** A colour only `format=jpg` may have. */
export function jpgBackground(form: Form, name: string, format: string): Rgb | undefined {
	const colour = hexColour(form, name);
	if (colour && format !== 'jpg') throw bad(`${name} is only allowed with format "jpg"`);
	return colour;
}

/** At most one of the named fields (text or file) may be sent; returns the one sent. */
export function exclusive(
	form: Form,
	names: readonly string[],
	required: boolean,
): string | undefined {
	const sent = names.filter(
		(name) => form.text(name) !== undefined || form.file(name) !== undefined,
	);
	if (sent.length > 1)
		throw bad(`${sent.join(' and ')} are mutually exclusive: send only one of ${names.join(', ')}`);
	if (required && sent.length === 0) throw bad(`one of ${names.join(', ')} is required`);
	return sent[0];
}
