/** Resource "Crop & Enhance": PicWish's Photo Cropping & Enhancement (correction) API (docs/picwish-api.md). */
import { taskResource } from '../shared/taskResource';
import { cropEnhanceApi } from './api';

export const cropEnhance = taskResource({
	value: 'cropEnhance',
	name: 'Crop & Enhance',
	api: cropEnhanceApi,
	operation: {
		name: 'Crop and Enhance',
		value: 'cropAndEnhance',
		action: 'Crop and enhance a document or product photo',
		description:
			'Crop and straighten a photographed document or product, and enhance its text or remove its background',
	},
	toolSummary:
		'Crops and straightens a photographed document or product on the web with PicWish, and enhances its text',
	resultNoun: 'the cropped, straightened image',
	aliases: ['crop'],
	options: [
		{
			property: {
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: [
					{ name: 'Document: Crop and Straighten', value: 0 },
					{ name: 'Document: Enhance Text', value: 1 },
					{ name: 'Document: Enhance, Crop and Straighten', value: 2 },
					{ name: 'Product: Crop and Straighten', value: 3 },
					{ name: 'Product: Crop, Straighten and Remove Background', value: 4 },
				],
				default: 1,
				description: 'What to do with the photo',
			},
			field: 'type',
		},
	],
	price: { credits: () => 3, text: '3 credits per image' },
	example: { options: { type: 4 }, fields: { return_type: '1', type: '4' } },
});
