/** Resource "Enhance Pro": PicWish's Advanced Image Enhancer (scale-pro) API (docs/picwish-api.md). */
import { taskResource } from '../shared/taskResource';
import { enhanceProApi } from './api';

/** The API's `type`: Ultra HD or HD, and what each costs (the doc page). */
const ULTRA_HD = 0;
const HD = 1;
const CREDITS = { [ULTRA_HD]: 5, [HD]: 4 };

export const enhancePro = taskResource({
	value: 'enhancePro',
	name: 'Enhance Pro',
	api: enhanceProApi,
	operation: {
		name: 'Enhance Image Pro',
		value: 'enhanceImagePro',
		action: 'Enhance an image with the advanced model',
		description: 'Restore detail and sharpness to Ultra HD or HD with the advanced enhancer',
	},
	toolSummary: "Enhances an image on the web to Ultra HD (or HD) with PicWish's advanced enhancer",
	resultNoun: 'the enhanced image',
	options: [
		{
			property: {
				displayName: 'Quality',
				name: 'quality',
				type: 'options',
				options: [
					{ name: 'HD (4 Credits)', value: HD },
					{ name: 'Ultra HD (5 Credits)', value: ULTRA_HD },
				],
				default: ULTRA_HD,
			},
			field: 'type',
		},
	],
	price: {
		credits: (options) => CREDITS[options.quality === HD ? HD : ULTRA_HD],
		text: `${CREDITS[ULTRA_HD]} credits per image in Ultra HD, ${CREDITS[HD]} in HD`,
	},
	example: { options: { quality: HD }, fields: { return_type: '1', type: '1' } },
});
