/** Resource "Colorization": PicWish's Photo Colorization API (docs/picwish-api.md). */
import { formatOption } from '../shared/formats';
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
	options: [formatOption(['jpg', 'png', 'webp'], 'jpg')],
	price: { credits: () => 1, text: '1 credit per image' },
	example: { options: { format: 'webp' }, fields: { return_type: '1', format: 'webp' } },
});
