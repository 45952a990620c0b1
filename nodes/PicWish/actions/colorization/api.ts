/** How the Photo Colorization API is called and spoken of (docs/picwish-api.md). */
import { UNPUBLISHED_LIMITS } from '../../helpers/image';
import { imageApi } from '../shared/imageApi';

export const colorizationApi = imageApi({
	taskPath: '/api/tasks/visual/colorization',
	limits: UNPUBLISHED_LIMITS,
	facts: { queryPath: 'inferred', results: 'code', price: 'page', limits: 'inferred' },
	wording: {
		service: 'photo colorization',
		failed: 'could not colorize the photo',
		resultSuffix: 'colorized',
	},
});
