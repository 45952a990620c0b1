/** Resource "Restoration": PicWish's Old Photo Restoration API (docs/picwish-api.md). */
import { taskResource } from '../shared/taskResource';
import { restorationApi } from './api';

export const restoration = taskResource({
	value: 'restoration',
	name: 'Restoration',
	api: restorationApi,
	operation: {
		name: 'Restore Photo',
		value: 'restorePhoto',
		action: 'Restore an old photo',
		description: 'Repair scratches, blur and fading in an old photo, and colorize it',
	},
	toolSummary:
		'Restores an old photo on the web with PicWish: repairs scratches, blur and fading, and colorizes it unless told not to',
	resultNoun: 'the restored photo',
	aliases: ['restore', 'old photo'],
	options: [
		{
			property: {
				displayName: 'Damage Level',
				name: 'damageLevel',
				type: 'options',
				options: [
					{ name: 'Light', value: 0 },
					{ name: 'Medium', value: 1 },
					{ name: 'Severe', value: 2 },
				],
				default: 0,
			},
			field: 'restoration_type',
		},
		{
			property: {
				displayName: 'Model',
				name: 'model',
				type: 'options',
				options: [
					{ name: 'Realistic Restoration', value: 1 },
					{ name: 'Smart Enhancement', value: 2 },
					{ name: 'Ultra HD', value: 3 },
				],
				default: 1,
				description: 'Only with a Medium or Severe damage level',
			},
			field: 'model_type',
		},
		{
			property: {
				displayName: 'Colorize',
				name: 'colorize',
				type: 'boolean',
				default: true,
				description: 'Whether to add colors (PicWish does unless told not to)',
			},
			field: 'change_color',
		},
	],
	fields({ options, refuse }) {
		if (options.model !== undefined && !(Number(options.damageLevel) > 0)) {
			refuse('Model', {
				problem: 'applies only to a Medium or Severe damage level',
				fix: "Set Damage Level to Medium or Severe, or remove Model (light damage uses PicWish's own model).",
			});
		}
		return {};
	},
	// Not on PicWish's credit-cost page. Like Enhance (2-3 credits) at most: counted as 3 to be safe,
	// at least 1. [INFERRED]
	price: {
		credits: () => 3,
		atLeast: () => 1,
		text: '1 to 3 credits per image (price not published: counted as 3 to be safe)',
	},
	example: {
		options: { damageLevel: 2, model: 3, colorize: false },
		fields: { restoration_type: '2', model_type: '3', change_color: '0' },
	},
});
