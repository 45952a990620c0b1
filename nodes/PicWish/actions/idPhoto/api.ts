/** How the ID Photo API is called and spoken of (docs/picwish-api.md). */
import { UNPUBLISHED_LIMITS } from '../../helpers/image';
import { imageApi } from '../shared/imageApi';

export const idPhotoApi = imageApi({
	taskPath: '/api/tasks/visual/idphoto',
	limits: UNPUBLISHED_LIMITS,
	facts: { queryPath: 'inferred', results: 'inferred', price: 'page', limits: 'inferred' },
	wording: {
		service: 'ID photo',
		failed: 'could not make the ID photo',
		resultSuffix: 'id-photo',
		stateHints: {
			[-14]:
				'PicWish found no usable portrait. Use a front-facing photo of one person with the whole head visible.',
		},
	},
});

/** Each side of an ID photo's size, in pixels (the doc page). */
export const ID_PHOTO_SIDE = { min: 100, max: 2000 } as const;
