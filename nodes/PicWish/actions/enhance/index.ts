/** Resource "Enhance": PicWish's Photo Enhancer (scale) API (docs/picwish-api.md). */
import { taskResource } from '../shared/taskResource';
import { ENHANCE_PRICE_EDGE, enhanceApi, FACTOR_MAX_EDGE } from './api';

/** 2 credits up to ENHANCE_PRICE_EDGE on the long edge, 3 above (unknown size: 3). */
const byEdge = (edge: number | undefined) =>
	edge !== undefined && edge <= ENHANCE_PRICE_EDGE ? 2 : 3;

export const enhance = taskResource({
	value: 'enhance',
	name: 'Enhance',
	api: enhanceApi,
	operation: {
		name: 'Enhance Image',
		value: 'enhanceImage',
		action: 'Enhance and upscale an image',
		description: 'Sharpen a blurry or small photo and upscale it up to 4×',
	},
	toolSummary: 'Sharpens a blurry or small photo on the web and upscales it up to 4× with PicWish',
	resultNoun: 'the enhanced image',
	aliases: ['enhance', 'upscale'],
	options: [
		{
			property: {
				displayName: 'Model',
				name: 'model',
				type: 'options',
				options: [
					{ name: 'General and Products', value: 'clean' },
					{ name: 'Portraits (Up to 10 Faces)', value: 'face' },
				],
				default: 'clean',
			},
			field: 'type',
		},
		{
			property: {
				displayName: 'Scale Factor',
				name: 'scaleFactor',
				type: 'options',
				options: [
					{ name: '1× (Keep Size)', value: 1 },
					{ name: '2×', value: 2 },
					{ name: '4×', value: 4 },
					{ name: 'Auto (4× up to 512 Px, 2× up to 1024 Px, Else 1×)', value: '' },
				],
				default: '',
			},
			field: 'scale_factor',
		},
	],
	fields({ options, image, refuse }) {
		const factor = Number(options.scaleFactor);
		if (image.kind === 'binary' && (factor === 2 || factor === 4)) {
			const longEdge = Math.max(image.width, image.height);
			if (longEdge > FACTOR_MAX_EDGE[factor]) {
				refuse('Scale Factor', {
					problem: `${factor}× takes images up to ${FACTOR_MAX_EDGE[factor]} px on the long edge; this one is ${image.width}×${image.height}`,
					fix: `Choose ${factor === 4 ? '2× (up to 1024 px) or ' : ''}Auto, or scale the image down first.`,
				});
			}
		}
		return {};
	},
	// The page prices by the long edge without saying whether the input's or the result's. Within
	// the factors' limits (checked above) a result never crosses 2048 px unless its
	// input does, so both count the same (test/nodes/PicWish/actions/apiRules.test.ts).
	price: {
		bySize: true,
		credits: (_options, longEdge) => byEdge(longEdge),
		text: `2 credits per image up to ${ENHANCE_PRICE_EDGE} px on the long edge, 3 above`,
	},
	example: {
		options: { model: 'face', scaleFactor: 2 },
		fields: { return_type: '1', type: 'face', scale_factor: '2' },
	},
});
