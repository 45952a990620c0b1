/** How the Photo Enhancer (scale) API is called and spoken of (docs/picwish-api.md). */
import { UNPUBLISHED_LIMITS } from '../../helpers/image';
import type { ResourceApi } from '../../tasks/context';

export const enhanceApi: ResourceApi = {
	taskPath: '/api/tasks/visual/scale',
	imageFields: { file: 'image_file', url: 'image_url' },
	extraFields: { return_type: '1' },
	results: [{ field: 'image' }],
	limits: UNPUBLISHED_LIMITS,
	facts: { queryPath: 'code', results: 'code', price: 'page', limits: 'example' },
	wording: { service: 'photo enhancement', failed: 'could not enhance the image', resultSuffix: 'enhanced' },
};

/** Long edge up to which an enhancement costs 2 credits; above it, 3 (credit-cost page). */
export const ENHANCE_PRICE_EDGE = 2048;
