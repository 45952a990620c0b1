/** How the Clothing Segmentation API is called and spoken of (docs/picwish-api.md). */
import { UNPUBLISHED_LIMITS } from '../../helpers/image';
import { imageApi } from '../shared/imageApi';

/** Binary property of the ZIP of sub-masks. */
export const ZIP_PROPERTY = 'masks';

export const clothingSegmentationApi = imageApi({
	taskPath: '/api/tasks/visual/clothing-segmentation',
	// The page lists no return_type.
	extraFields: {},
	// Where the masks come is not on any page read: every result URL of the task is read, each
	// named after its field (its class: `tops`, `bottoms`, …); a ZIP is the sub-masks. [INFERRED]
	results: [{ field: '*', named: 'classes', archiveProperty: ZIP_PROPERTY }],
	limits: UNPUBLISHED_LIMITS,
	facts: { queryPath: 'inferred', results: 'inferred', price: 'page', limits: 'inferred' },
	wording: {
		service: 'clothing segmentation',
		failed: 'could not segment the clothing',
	},
});

/** The classes each class set gives (the page: clothing parts; fashion parts add bag and shoes). */
export const CLASS_SETS = {
	1: ['clothes', 'tops', 'bottoms', 'dress', 'acc'],
	2: ['clothes', 'tops', 'bottoms', 'dress', 'acc', 'bag', 'shoes'],
} as const;
