/** Resource "Clothing Segmentation": PicWish's Clothing Segmentation API (docs/picwish-api.md). */
import { taskResource } from '../shared/taskResource';
import { CLASS_SETS, clothingSegmentationApi, ZIP_PROPERTY } from './api';

const choices = (
	displayName: string,
	name: string,
	field: string,
	options: Array<{ name: string; value: number; description?: string }>,
	description: string,
) => ({
	property: {
		displayName,
		name,
		type: 'options' as const,
		options: [...options].sort((a, b) => a.name.localeCompare(b.name)),
		default: options[0].value,
		description,
	},
	field,
});

export const clothingSegmentation = taskResource({
	value: 'clothingSegmentation',
	name: 'Clothing Segmentation',
	api: clothingSegmentationApi,
	operation: {
		name: 'Segment Clothing',
		value: 'segmentClothing',
		action: 'Segment the clothing in a photo',
		description:
			'Get a black-and-white mask of each garment class in a photo (tops, bottoms, dress, …), each in its own binary field',
	},
	toolSummary:
		'Finds the clothing in a photo on the web with PicWish and returns a black-and-white mask per garment class (clothes, tops, bottoms, dress, accessories; bags and shoes with fashion parts)',
	resultNoun: 'the clothing masks',
	aliases: ['clothing mask', 'garment segmentation', 'fashion'],
	options: [
		choices(
			'Classes',
			'classType',
			'class_type',
			[
				{ name: 'Clothing Parts', value: 1, description: CLASS_SETS[1].join(', ') },
				{ name: 'Fashion Parts', value: 2, description: CLASS_SETS[2].join(', ') },
			],
			'Which classes get a mask: clothing parts, or fashion parts (with bags and shoes)',
		),
		choices(
			'Detail',
			'detail',
			'detail_mode',
			[
				{ name: 'Regular', value: 1 },
				{ name: 'Ultra High', value: 2 },
			],
			'How fine the masks are',
		),
		choices(
			'Quality',
			'quality',
			'quality',
			[
				{ name: 'Regular', value: 1 },
				{ name: 'High Precision', value: 2 },
			],
			'Regular, or high precision (slower)',
		),
		choices(
			'Masks',
			'masks',
			'output_type',
			[
				{ name: 'One per Class', value: 1, description: 'Each class mask in its own binary field' },
				{
					name: 'ZIP of Sub-Masks',
					value: 2,
					description: `Every sub-mask in one ZIP, in the binary field "${ZIP_PROPERTY}"`,
				},
				{ name: 'Both', value: 3, description: 'Class masks and the ZIP' },
			],
			`Which masks to return: one per class (binary fields named after the classes: tops, bottoms, …), the ZIP of sub-masks ("${ZIP_PROPERTY}"), or both`,
		),
	],
	price: { credits: () => 3, text: '3 credits per image' },
	example: {
		options: { classType: 2, masks: 3 },
		fields: { class_type: '2', output_type: '3' },
	},
});
