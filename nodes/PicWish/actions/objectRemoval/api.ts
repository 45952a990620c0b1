/** How the Object Removal (inpaint) API is called and spoken of (docs/picwish-api.md). */
import { UNPUBLISHED_LIMITS } from '../../helpers/image';
import { imageApi } from '../shared/imageApi';

export const objectRemovalApi = imageApi({
	taskPath: '/api/tasks/visual/inpaint',
	// Not published; third-party code reports 20 MB and 4096 × 4096 px: named when PicWish refuses, never refused here.
	limits: { ...UNPUBLISHED_LIMITS, likely: { maxBytes: 20 * 1024 * 1024, maxSide: 4096 } },
	facts: { queryPath: 'code', results: 'code', price: 'inferred', limits: 'code' },
	wording: {
		service: 'object removal',
		failed: 'could not remove the objects',
		resultSuffix: 'objects-removed',
	},
});

/** The multipart fields of the area to remove. */
export const AREA_FIELDS = {
	rectangles: 'rectangles',
	maskUrl: 'mask_url',
	maskFile: 'mask_file',
} as const;

/** Most rectangles one task takes (the doc page). */
export const MAX_RECTANGLES = 50;

/** The area to remove must stay under this share of the image (PicWish's own example code). */
export const MAX_AREA_SHARE = 0.5;
