/**
 * The options of one PicWish API, as data: each is an entry of the Options collection and the
 * multipart field it is sent as. Every value is checked against its own entry (one of the listed
 * choices, a number in range) before anything is sent, so an expression that gives a value
 * PicWish would refuse fails its item with the allowed values.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { itemLabel } from '../../helpers/errors';

/** Why a value is refused, and how to fix it. */
export interface Refusal {
	problem: string;
	fix: string;
}

export interface ApiOption {
	/** Its entry in the Options collection. */
	property: INodeProperties;
	/** The multipart field it is sent as. */
	field: string;
	/** The value as sent, or why it is refused; by default booleans go as 1/0, others as their text, and '' is not sent. */
	encode?(value: unknown): string | undefined | Refusal;
}

const isRefusal = (value: unknown): value is Refusal =>
	typeof value === 'object' && value !== null && 'problem' in value;

/** The choices of an options entry, as the UI names them. */
const choicesOf = (property: INodeProperties): INodePropertyOptions[] =>
	(property.options ?? []).filter((option): option is INodePropertyOptions => 'value' in option);

/** Checks a value against its entry: a listed choice, a number in range (whole unless it has decimals), a boolean. */
export function checkValue(property: INodeProperties, value: unknown): Refusal | undefined {
	if (property.type === 'options') {
		const choices = choicesOf(property);
		if (choices.some((choice) => choice.value === value)) return undefined;
		return {
			problem: `must be one of ${choices.map((choice) => `${choice.name}${choice.value === '' ? '' : ` (${String(choice.value)})`}`).join(', ')}, not "${String(value)}"`,
			fix: `Pick one of the listed values, or make the expression give one of: ${choices.map((choice) => JSON.stringify(choice.value)).join(', ')}.`,
		};
	}
	if (property.type === 'number') {
		const {
			minValue = -Infinity,
			maxValue = Infinity,
			numberPrecision = 0,
		} = (property.typeOptions ?? {}) as {
			minValue?: number;
			maxValue?: number;
			numberPrecision?: number;
		};
		const number = typeof value === 'string' && value.trim() ? Number(value) : value;
		const whole = numberPrecision === 0;
		if (
			typeof number === 'number' &&
			Number.isFinite(number) &&
			number >= minValue &&
			number <= maxValue &&
			(!whole || Number.isInteger(number))
		) {
			return undefined;
		}
		return {
			problem: `must be ${whole ? 'a whole number' : 'a number'} from ${minValue} to ${maxValue}, not "${String(value)}"`,
			fix: `Enter ${whole ? 'a whole number' : 'a number'} between ${minValue} and ${maxValue}.`,
		};
	}
	if (property.type === 'boolean' && typeof value !== 'boolean') {
		return {
			problem: `must be true or false, not "${String(value)}"`,
			fix: 'Switch the option on or off, or make the expression give true or false.',
		};
	}
	return undefined;
}

/** A refusal as the item's error, naming the parameter the way the UI shows it. */
export function refusalError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	displayName: string,
	refusal: Refusal,
): NodeOperationError {
	return new NodeOperationError(
		ctx.getNode(),
		`"${displayName}" ${refusal.problem} ${itemLabel(itemIndex)}`,
		{
			itemIndex,
			description: refusal.fix,
		},
	);
}

/** The options of the API that are set on the item (by their option names), checked. */
export function readApiOptions(
	ctx: IExecuteFunctions,
	itemIndex: number,
	apiOptions: readonly ApiOption[],
): IDataObject {
	const set = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const values: IDataObject = {};
	for (const { property } of apiOptions) {
		const value = set[property.name];
		if (value === undefined || value === null) continue;
		const refusal = checkValue(property, value);
		if (refusal) throw refusalError(ctx, itemIndex, property.displayName, refusal);
		values[property.name] = property.type === 'number' ? Number(value) : value;
	}
	return values;
}

/** The multipart fields of the options set (as readApiOptions gives them). */
export function apiOptionFields(
	ctx: IExecuteFunctions,
	itemIndex: number,
	apiOptions: readonly ApiOption[],
	values: IDataObject,
): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const option of apiOptions) {
		const value = values[option.property.name];
		if (value === undefined) continue;
		const encoded = option.encode
			? option.encode(value)
			: typeof value === 'boolean'
				? value
					? '1'
					: '0'
				: String(value);
		if (isRefusal(encoded))
			throw refusalError(ctx, itemIndex, option.property.displayName, encoded);
		if (encoded !== undefined && encoded !== '') fields[option.field] = encoded;
	}
	return fields;
}

/** A text over PicWish's limit: refused with its length, never itself (it may be a password). */
export function tooLong(text: string, max: number, fix: string): Refusal | undefined {
	return text.length > max
		? { problem: `is ${text.length} characters long; PicWish takes at most ${max}`, fix }
		: undefined;
}

/** A colour as PicWish takes it: six hex digits, without "#". */
export function hexColor(value: unknown): string | Refusal {
	const text = String(value).trim().replace(/^#/, '');
	if (/^[0-9a-f]{6}$/i.test(text)) return text.toUpperCase();
	return {
		problem: `must be a colour as six hex digits (RRGGBB), not "${String(value)}"`,
		fix: 'Enter a colour such as FFFFFF (white) or 1E90FF, or pick one with the colour picker.',
	};
}
