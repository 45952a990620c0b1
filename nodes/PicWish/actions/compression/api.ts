/** How the Image Compression API is called and spoken of (docs/picwish-api.md). */
import { UNPUBLISHED_LIMITS } from '../../helpers/image';
import { imageApi } from '../shared/imageApi';

export const compressionApi = imageApi({
	taskPath: '/api/tasks/visual/imgcompress',
	// Its price list stops at 8000 px on the long edge. [INFERRED]
	limits: { ...UNPUBLISHED_LIMITS, maxSide: 8000 },
	facts: { queryPath: 'inferred', results: 'inferred', price: 'page', limits: 'inferred' },
	wording: {
		service: 'image compression',
		failed: 'could not compress the image',
		resultSuffix: 'compressed',
	},
});

/** Long edge up to which a compression costs 1 credit; above it (to 8000 px), 2 (credit-cost page). */
export const COMPRESSION_PRICE_EDGE = 4096;
/** Largest output side and target size (the doc page). */
export const COMPRESSION_MAX_SIDE = 8000;
export const COMPRESSION_MAX_KBYTE = 51200;
