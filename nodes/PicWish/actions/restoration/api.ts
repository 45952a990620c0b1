/** How the Old Photo Restoration API is called and spoken of (docs/picwish-api.md). */
import { imageApi } from '../shared/imageApi';

export const restorationApi = imageApi({
	taskPath: '/api/tasks/visual/restoration-old-photo',
	// The part of the page read lists no return_type: none is sent.
	extraFields: {},
	// The doc page's own limits ("under 20 MB").
	limits: {
		kinds: ['jpeg', 'png'],
		formats: 'JPG or PNG',
		maxBytes: 20 * 1024 * 1024,
		minSide: 1,
		maxSide: 2048,
		maxUrlLength: 512,
	},
	facts: { queryPath: 'inferred', results: 'inferred', price: 'inferred', limits: 'page' },
	wording: {
		service: 'old photo restoration',
		failed: 'could not restore the photo',
		resultSuffix: 'restored',
	},
});
