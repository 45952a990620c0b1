/** How the Retouching (retouching-collection) API is called and spoken of (docs/picwish-api.md). */
import { imageApi } from '../shared/imageApi';

export const retouchingApi = imageApi({
	taskPath: '/api/tasks/visual/retouching-collection',
	// The page lists no return_type.
	extraFields: {},
	// The newer pages' limits (scale-pro, advanced ID photo): the retouching page's own were not readable. [INFERRED]
	limits: {
		kinds: ['jpeg', 'png', 'bmp', 'webp', 'tiff'],
		formats: 'JPG, PNG, BMP, WebP or TIFF',
		maxBytes: 50 * 1024 * 1024,
		minSide: 1,
		maxSide: 10000,
		maxUrlLength: 512,
		unpublished: true,
	},
	facts: { queryPath: 'inferred', results: 'inferred', price: 'inferred', limits: 'inferred' },
	wording: {
		service: 'retouching',
		failed: 'could not retouch the image',
		resultSuffix: 'retouched',
	},
});

/** The multipart fields of the area to retouch, and of the areas to keep. */
export const MASK_FIELDS = { file: 'mask_file', url: 'mask_url' } as const;
export const KEEP_FIELDS = { file: 'retain_mask_file', url: 'retain_mask_url' } as const;
