/** How the Background Removal (segmentation) API is called and spoken of (docs/picwish-api.md). */
import { UNPUBLISHED_LIMITS } from '../../helpers/image';
import { imageApi } from '../shared/imageApi';

export const backgroundApi = imageApi({
	taskPath: '/api/tasks/visual/segmentation',
	// With "image and mask", the mask comes beside the image; with "mask only", it is the result.
	results: [{ field: 'image' }, { field: 'mask', binaryProperty: 'mask', suffix: 'mask' }],
	// PicWish's older limits list: up to 15 MB, TIFF accepted. Pixel limits not stated; third-party
	// code reports 4096 × 4096 px.
	limits: {
		...UNPUBLISHED_LIMITS,
		kinds: ['jpeg', 'png', 'bmp', 'webp', 'tiff'],
		formats: 'JPG, PNG, BMP, WebP or TIFF',
		maxBytes: 15 * 1024 * 1024,
		unpublished: false,
		likely: { maxSide: 4096 },
	},
	facts: { queryPath: 'code', results: 'code', price: 'page', limits: 'page' },
	wording: {
		service: 'background removal',
		failed: 'could not remove the background',
		resultSuffix: 'no-background',
	},
});
