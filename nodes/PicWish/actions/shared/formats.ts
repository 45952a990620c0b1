/**
 * The result's format, as several APIs take it: PNG or JPG (Background, ID Photo, Face Cutout), with
 * WebP (Colorization), or keeping the input's (Compression); and the background colour of a JPG.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

import { type ApiOption, hexColor } from './apiOptions';
import type { ItemFields } from './resource';

/** The formats as the Format option names them. */
const FORMAT_NAMES: Record<string, string> = {
	'': 'Keep Original',
	jpg: 'JPG',
	png: 'PNG',
	webp: 'WebP',
};

/** Format: one of `choices` (a format's value, or a choice with its own name), `defaultValue` unless set, sent as `field`. */
export function formatOption(
	choices: ReadonlyArray<string | INodePropertyOptions>,
	defaultValue: string,
	field = 'format',
): ApiOption {
	return {
		property: {
			displayName: 'Format',
			name: 'format',
			type: 'options',
			options: choices
				.map((choice) =>
					typeof choice === 'string' ? { name: FORMAT_NAMES[choice], value: choice } : choice,
				)
				.sort((a, b) => a.name.localeCompare(b.name)),
			default: defaultValue,
		},
		field,
	};
}

/** Format: PNG (transparent, the default) or JPG, sent as `field`. */
export function pngOrJpgOption(
	field: string,
	jpgName = 'JPG (White or Colored Background)',
): ApiOption {
	return formatOption(
		[
			{ name: jpgName, value: 'jpg' },
			{ name: 'PNG (Transparent Background)', value: 'png' },
		],
		'png',
		field,
	);
}

/** Background Color: the colour behind a JPG result, sent as `bg_color`. */
export function backgroundColorOption(description: string): ApiOption {
	return {
		property: {
			displayName: 'Background Color',
			name: 'backgroundColor',
			type: 'color',
			default: '#FFFFFF',
			description,
		},
		field: 'bg_color',
		encode: hexColor,
	};
}

/** A background colour means nothing to a transparent PNG: refused, rather than silently ignored. */
export function refuseColorWithoutJpg({ options, refuse }: ItemFields, results: string): void {
	if (options.backgroundColor !== undefined && options.format !== 'jpg') {
		refuse('Background Color', {
			problem: `applies only to JPG ${results}`,
			fix: 'Set Format to JPG (White or Colored Background), or remove Background Color to keep a transparent PNG.',
		});
	}
}
