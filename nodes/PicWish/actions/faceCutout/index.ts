/** Resource "Face Cutout": PicWish's Face Cutout API (docs/picwish-api.md). */
import { pngOrJpgOption } from '../shared/formats';
import { taskResource } from '../shared/taskResource';
import { faceCutoutApi } from './api';

export const faceCutout = taskResource({
	value: 'faceCutout',
	name: 'Face Cutout',
	api: faceCutoutApi,
	operation: {
		name: 'Cut Out Face',
		value: 'cutOutFace',
		action: 'Cut out the face in an image',
		description:
			'Cut out the face or head (people, pets, cartoon characters) onto a transparent background',
	},
	toolSummary:
		'Cuts out the face or head of a person, pet or cartoon character in an image on the web with PicWish',
	resultNoun: 'the cut-out face (a transparent PNG unless the JPG format was chosen)',
	aliases: ['face cutout'],
	options: [
		{
			property: {
				displayName: 'Crop to Face',
				name: 'crop',
				type: 'boolean',
				default: false,
				description:
					'Whether to crop the result to the edges of the face instead of keeping the original size',
			},
			field: 'crop',
		},
		pngOrJpgOption('output_format', 'JPG'),
	],
	price: { credits: () => 1, text: '1 credit per image' },
	example: { options: { crop: false, format: 'jpg' }, fields: { crop: '0', output_format: 'jpg' } },
});
