/** How the Photo Enhancer (scale) API is called and spoken of (docs/picwish-api.md). */
import { EXAMPLE_LIMITS } from '../../helpers/image';
import { imageApi } from '../shared/imageApi';

export const enhanceApi = imageApi({
	taskPath: '/api/tasks/visual/scale',
	// PicWish's own example code: 4096 × 4096 px, 20 MB.
	limits: EXAMPLE_LIMITS,
	facts: { queryPath: 'code', results: 'code', price: 'page', limits: 'example' },
	wording: {
		service: 'photo enhancement',
		failed: 'could not enhance the image',
		resultSuffix: 'enhanced',
	},
});

/** Long edge up to which an enhancement costs 2 credits; above it, 3 (credit-cost page). */
export const ENHANCE_PRICE_EDGE = 2048;

/**
 * The largest long edge each scale factor takes: PicWish's auto rule (its page: 4× up to 512 px,
 * 2× up to 1024 px, else 1×), which its own example code states as a limit for a forced factor.
 */
export const FACTOR_MAX_EDGE: Record<number, number> = { 4: 512, 2: 1024 };

/** The factor PicWish applies: the one asked for, or its auto rule's for the long edge. */
export function appliedFactor(asked: unknown, longEdge: number): number {
	const factor = Number(asked);
	if (factor === 1 || factor === 2 || factor === 4) return factor;
	return longEdge <= FACTOR_MAX_EDGE[4] ? 4 : longEdge <= FACTOR_MAX_EDGE[2] ? 2 : 1;
}
