/** How the Object Removal (inpaint) API is called and spoken of (docs/picwish-api.md). */
import { UNPUBLISHED_LIMITS } from '../../helpers/image';
import type { ResourceApi } from '../../tasks/context';

export const objectRemovalApi: ResourceApi = {
	taskPath: '/api/tasks/visual/inpaint',
	imageFields: { file: 'image_file', url: 'image_url' },
	extraFields: { return_type: '1' },
	results: [{ field: 'image' }],
	limits: UNPUBLISHED_LIMITS,
	facts: { queryPath: 'code', results: 'code', price: 'inferred', limits: 'code' },
	wording: { service: 'object removal', failed: 'could not remove the objects', resultSuffix: 'objects-removed' },
};

/** The multipart fields of the area to remove. */
export const AREA_FIELDS = { rectangles: 'rectangles', maskUrl: 'mask_url', maskFile: 'mask_file' } as const;

/** Most rectangles one task takes (the doc page). */
export const MAX_RECTANGLES = 50;
