/** How the Photo Cropping & Enhancement (correction) API is called and spoken of (docs/picwish-api.md). */
import { UNPUBLISHED_LIMITS } from '../../helpers/image';
import type { ResourceApi } from '../../tasks/context';

export const cropEnhanceApi: ResourceApi = {
	taskPath: '/api/tasks/visual/correction',
	imageFields: { file: 'image_file', url: 'image_url' },
	extraFields: { return_type: '1' },
	results: [{ field: 'image' }],
	limits: UNPUBLISHED_LIMITS,
	facts: { queryPath: 'inferred', results: 'inferred', price: 'page', limits: 'inferred' },
	wording: { service: 'photo cropping and enhancement', failed: 'could not crop and enhance the image', resultSuffix: 'cropped' },
};
