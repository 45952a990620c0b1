/** Resource "Watermark": PicWish's Image Watermark Removal API (docs/picwish-api.md). */
import { taskResource } from '../shared/taskResource';
import { watermarkApi } from './api';

export const watermark = taskResource({
	value: 'watermark',
	name: 'Watermark',
	api: watermarkApi,
	operation: {
		name: 'Remove Watermark',
		value: 'removeWatermark',
		action: 'Remove the watermark from an image',
		description:
			'Remove the watermark from an image (binary file or URL), wait for PicWish, and return the cleaned image',
	},
	toolSummary: 'Removes the watermark from an image on the web with PicWish',
	resultNoun: 'the cleaned image',
	aliases: ['watermark', 'remove watermark', 'logo removal'],
	// Not on PicWish's credit-cost page: probably 1, as the other single-image APIs; counted as 2 to
	// be safe. [INFERRED]
	price: {
		credits: () => 2,
		atLeast: () => 1,
		text: '1 to 2 credits per image (price not published: counted as 2 to be safe)',
	},
});
