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
		description: 'Remove the watermark from an image (binary file or URL), wait for PicWish, and return the cleaned image',
	},
	toolSummary: 'Removes the watermark from an image on the web with PicWish',
	resultNoun: 'the cleaned image',
	// Not on PicWish's credit-cost page: one credit per image, as the other single-image APIs. [INFERRED]
	price: { credits: () => 1, text: '1 credit per image' },
});
