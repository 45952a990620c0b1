/** How the Photo Cropping & Enhancement (correction) API is called and spoken of (docs/picwish-api.md). */
import { UNPUBLISHED_LIMITS } from '../../helpers/image';
import { imageApi } from '../shared/imageApi';

export const cropEnhanceApi = imageApi({
	taskPath: '/api/tasks/visual/correction',
	limits: UNPUBLISHED_LIMITS,
	facts: { queryPath: 'inferred', results: 'inferred', price: 'page', limits: 'inferred' },
	wording: {
		service: 'photo cropping and enhancement',
		failed: 'could not crop and enhance the image',
		resultSuffix: 'cropped',
	},
});
