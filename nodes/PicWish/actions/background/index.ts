/** Resource "Background": PicWish's Background Removal (segmentation) API (docs/picwish-api.md). */
import { backgroundColorOption, pngOrJpgOption, refuseColorWithoutJpg } from '../shared/formats';
import { taskResource } from '../shared/taskResource';
import { backgroundApi } from './api';

export const background = taskResource({
	value: 'background',
	name: 'Background',
	api: backgroundApi,
	operation: {
		name: 'Remove Background',
		value: 'removeBackground',
		action: 'Remove the background of an image',
		description:
			'Cut out the subject of an image (product, person, stamp) onto a transparent or plain background',
	},
	toolSummary:
		'Removes the background of an image on the web with PicWish, keeping the product, person or stamp in it on a transparent background',
	resultNoun:
		'the cut-out image (a PNG with a transparent background unless the JPG format was chosen)',
	aliases: ['background', 'remove background', 'cutout'],
	options: [
		{
			property: {
				displayName: 'Foreground Type',
				name: 'foregroundType',
				type: 'options',
				options: [
					{ name: 'Auto-Detect', value: '' },
					{ name: 'Object (Products)', value: 'object' },
					{ name: 'Person', value: 'person' },
					{ name: 'Stamp', value: 'stamp' },
				],
				default: '',
				description: 'What to keep. PicWish detects it unless told.',
			},
			field: 'type',
		},
		{
			property: {
				displayName: 'Output',
				name: 'output',
				type: 'options',
				options: [
					{ name: 'Image', value: 2, description: 'The cut-out image' },
					{
						name: 'Image and Mask',
						value: 1,
						description: 'The cut-out image, and its mask in the binary field "mask"',
					},
					{
						name: 'Mask Only',
						value: 3,
						description: 'Only the black-and-white mask of the subject',
					},
				],
				default: 2,
			},
			field: 'output_type',
		},
		{
			property: {
				displayName: 'Crop to Subject',
				name: 'crop',
				type: 'boolean',
				default: false,
				description:
					'Whether to crop the result to the edges of the subject instead of keeping the original size',
			},
			field: 'crop',
		},
		pngOrJpgOption('format'),
		backgroundColorOption('The background behind the subject, with Format JPG'),
	],
	fields(item) {
		refuseColorWithoutJpg(item, 'results');
		return {};
	},
	price: { credits: () => 1, text: '1 credit per image' },
	example: {
		options: { foregroundType: 'object', crop: true, format: 'jpg', backgroundColor: '#1e90ff' },
		fields: { return_type: '1', type: 'object', crop: '1', format: 'jpg', bg_color: '1E90FF' },
	},
});
