/**
 * The result format several APIs share: a PNG with a transparent background, or a JPG on a
 * background colour (Background, ID Photo; Face Cutout without the colour).
 */
import { type ApiOption, hexColor } from './apiOptions';
import type { ItemFields } from './resource';

/** Format: PNG (transparent) or JPG, sent as `field`. */
export function pngOrJpgOption(field: string, jpgName = 'JPG (White or Colored Background)'): ApiOption {
	return {
		property: {
			displayName: 'Format',
			name: 'format',
			type: 'options',
			options: [
				{ name: jpgName, value: 'jpg' },
				{ name: 'PNG (Transparent Background)', value: 'png' },
			],
			default: 'png',
		},
		field,
	};
}

/** Background Color: the colour behind a JPG result, sent as `bg_color`. */
export function backgroundColorOption(description: string): ApiOption {
	return {
		property: { displayName: 'Background Color', name: 'backgroundColor', type: 'color', default: '#FFFFFF', description },
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
