/** How the Image Watermark Removal API is called and spoken of (docs/picwish-api.md). */
import { UPLOAD_LIMITS } from '../../helpers/image';
import type { ResourceApi } from '../../tasks/context';

export const watermarkApi: ResourceApi = {
	taskPath: '/api/tasks/visual/external/watermark-remove',
	imageFields: { file: 'file', url: 'url' },
	results: [{ field: 'file' }],
	limits: UPLOAD_LIMITS,
	facts: { queryPath: 'page', results: 'page', price: 'inferred', limits: 'page' },
	wording: {
		service: 'watermark removal',
		failed: 'could not remove the watermark',
		stateHints: {
			[-14]:
				'The image content does not meet the requirements of watermark removal. Check the image is a real photo or graphic with a watermark, not blank or tiny content.',
		},
	},
};
