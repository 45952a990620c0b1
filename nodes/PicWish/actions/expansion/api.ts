/** How the Image Expansion (outpainting) API is called and spoken of (docs/picwish-api.md). */
import { imageApi } from '../shared/imageApi';

export const expansionApi = imageApi({
	taskPath: '/api/tasks/visual/advanced-image-expand',
	// The doc page's own limits.
	limits: {
		kinds: ['jpeg', 'png'],
		formats: 'JPG or PNG',
		maxBytes: 5 * 1024 * 1024,
		minSide: 64,
		maxSide: 4096,
		maxUrlLength: 512,
	},
	facts: { queryPath: 'inferred', results: 'inferred', price: 'inferred', limits: 'page' },
	wording: {
		service: 'image expansion',
		failed: 'could not expand the image',
		resultSuffix: 'expanded',
	},
});

/** Longest prompt PicWish takes: 200 characters accepted, 201 answered with HTTP 400 (third-party code, seen live). */
export const EXPANSION_PROMPT_MAX = 200;

/** The multipart fields of the canvas mask (canvas mode). */
export const MASK_FIELDS = { maskUrl: 'mask_url', maskFile: 'mask_file' } as const;
