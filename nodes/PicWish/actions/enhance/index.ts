/** Resource "Enhance": PicWish's Photo Enhancer (scale) API (docs/picwish-api.md). */
import { taskResource } from '../shared/taskResource';
import { ENHANCE_PRICE_EDGE, enhanceApi } from './api';

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
					{ name: 'Auto (4× up to 512 Px, 2× up to 1024 Px, Else 1×)', value: '' },
					{ name: '1× (Keep Size)', value: 1 },
					{ name: '2×', value: 2 },
					{ name: '4×', value: 4 },
				],
				default: '',
			},
			field: 'scale_factor',
		},
	],
	price: {
		bySize: true,
		credits: (_options, longEdge) => (longEdge !== undefined && longEdge <= ENHANCE_PRICE_EDGE ? 2 : 3),
		text: `2 credits per image up to ${ENHANCE_PRICE_EDGE} px on the long edge, 3 above`,
	},
});
