/** How the Photo Colorization API is called and spoken of (docs/picwish-api.md). */
import { UNPUBLISHED_LIMITS } from '../../helpers/image';
import type { ResourceApi } from '../../tasks/context';

export const colorizationApi: ResourceApi = {
	taskPath: '/api/tasks/visual/colorization',
	imageFields: { file: 'image_file', url: 'image_url' },
	extraFields: { return_type: '1' },
	results: [{ field: 'image' }],
	limits: UNPUBLISHED_LIMITS,
	facts: { queryPath: 'inferred', results: 'code', price: 'page', limits: 'inferred' },
	wording: { service: 'photo colorization', failed: 'could not colorize the photo', resultSuffix: 'colorized' },
};
