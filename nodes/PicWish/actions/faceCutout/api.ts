/** How the Face Cutout API is called and spoken of (docs/picwish-api.md). */
import { EXAMPLE_LIMITS } from '../../helpers/image';
import { imageApi } from '../shared/imageApi';

export const faceCutoutApi = imageApi({
	taskPath: '/api/tasks/visual/self-face-cutout',
	// The page lists no return_type: none is sent.
	extraFields: {},
	// PicWish's own example code: 4096 × 4096 px, 20 MB.
	limits: EXAMPLE_LIMITS,
	facts: { queryPath: 'inferred', results: 'inferred', price: 'page', limits: 'example' },
	wording: {
		service: 'face cutout',
		failed: 'could not cut out the face',
		resultSuffix: 'face',
		stateHints: {
			[-14]:
				'PicWish found no face or head to cut out. Use a photo where a face (person, pet or cartoon character) is clearly visible.',
		},
	},
});
