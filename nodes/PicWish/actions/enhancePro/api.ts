/** How the Advanced Image Enhancer (scale-pro) API is called and spoken of (docs/picwish-api.md). */
import { imageApi } from '../shared/imageApi';

export const enhanceProApi = imageApi({
	taskPath: '/api/tasks/visual/scale-pro',
	// The doc page's own limits.
	limits: {
		kinds: ['jpeg', 'png', 'bmp', 'webp', 'tiff'],
		formats: 'JPG, PNG, BMP, WebP or TIFF',
		maxBytes: 30 * 1024 * 1024,
		minSide: 1,
		maxSide: 4096,
		maxUrlLength: 512,
	},
	facts: { queryPath: 'inferred', results: 'inferred', price: 'page', limits: 'page' },
	wording: {
		service: 'advanced image enhancement',
		failed: 'could not enhance the image',
		resultSuffix: 'enhanced',
	},
});
