/** Resource "Colorization": PicWish's Photo Colorization API (docs/picwish-api.md). */
import { taskResource } from '../shared/taskResource';
import { colorizationApi } from './api';

export const colorization = taskResource({
	value: 'colorization',
	name: 'Colorization',
	api: colorizationApi,
	operation: {
		name: 'Colorize',
		value: 'colorize',
		action: 'Colorize a black and white photo',
		description: 'Add natural colors to a black and white photo',
	},
	toolSummary: 'Adds natural colors to a black and white photo on the web with PicWish',
	resultNoun: 'the colorized photo',
	aliases: ['colorize'],
	options: [
		{
			property: {
				displayName: 'Format',
				name: 'format',
				type: 'options',
				options: [
					{ name: 'JPG', value: 'jpg' },
					{ name: 'PNG', value: 'png' },
					{ name: 'WebP', value: 'webp' },
				],
				default: 'jpg',
			},
			field: 'format',
		},
	],
	price: { credits: () => 1, text: '1 credit per image' },
});
