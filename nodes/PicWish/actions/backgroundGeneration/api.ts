/** How the Background Generation API is called and spoken of (docs/picwish-api.md). */
import { UNPUBLISHED_LIMITS } from '../../helpers/image';
import { imageApi } from '../shared/imageApi';

export const backgroundGenerationApi = imageApi({
	taskPath: '/api/tasks/visual/background',
	// The page: "currently supports asynchronous requests" only.
	asyncOnly: true,
	// No return_type on the page.
	extraFields: {},
	// One image per generated background: image_1 … image_N (PicWish's own example code reads
	// image_1; the others are inferred). Each becomes an output item of its own.
	results: [{ field: 'image_', numbered: true }],
	limits: UNPUBLISHED_LIMITS,
	facts: { queryPath: 'page', results: 'code', price: 'page', limits: 'inferred' },
	wording: {
		service: 'background generation',
		failed: 'could not generate a background',
		resultSuffix: 'background',
		stateHints: {
			[-17]:
				'PicWish found the prompt invalid. Rephrase it (English works best), or use a template instead.',
		},
	},
});

/** Longest prompt the page allows. */
export const PROMPT_MAX = 1024;

/** How many images one task may generate, and what each count costs (PicWish's credit-cost page). */
export const IMAGE_COUNT_CREDITS: Record<number, number> = { 1: 3, 2: 6, 3: 8, 4: 10 };
