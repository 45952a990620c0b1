/** How the Advanced ID Photo API is called and spoken of (docs/picwish-api.md). */
import { imageApi } from '../shared/imageApi';

export const advancedIdPhotoApi = imageApi({
	taskPath: '/api/tasks/visual/external/idphoto',
	// The doc page's own limits: jpg, jpeg, bmp, png, webp, tiff; under 15 MB; up to 4096 × 4096.
	limits: {
		kinds: ['jpeg', 'png', 'bmp', 'webp', 'tiff'],
		formats: 'JPG, PNG, BMP, WebP or TIFF',
		maxBytes: 15 * 1024 * 1024 - 1,
		minSide: 1,
		maxSide: 4096,
		maxUrlLength: 512,
	},
	facts: { queryPath: 'inferred', results: 'inferred', price: 'page', limits: 'page' },
	wording: {
		service: 'advanced ID photo',
		failed: 'could not make the ID photo',
		resultSuffix: 'id-photo',
	},
});

/** The page's ranges: DPI, and a size in pixels (each side under 1800) or millimetres. */
export const DPI = { min: 10, max: 1000 } as const;
export const PX_SIDE = { min: 1, max: 1799 } as const;
/** Credits (PicWish's credit-cost page): a standard photo, with an outfit, and what beauty and a print layout add. */
export const CREDITS = { standard: 6, outfit: 15, beauty: 8, layout: 5, preview: 0 } as const;
