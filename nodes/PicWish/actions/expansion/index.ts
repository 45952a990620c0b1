/** Resource "Expansion": PicWish's Image Expansion (outpainting) API (docs/picwish-api.md). */
import { tooLong } from '../shared/apiOptions';
import { maskChoiceProperties, readMask } from '../shared/mask';
import { taskResource } from '../shared/taskResource';
import { EXPANSION_PROMPT_MAX, expansionApi, MASK_FIELDS } from './api';

/** How far to expand one side, as a share of the image (the API's default is 0.1). */
const ratio = (displayName: string, name: string) => ({
	property: {
		displayName,
		name,
		type: 'number' as const,
		typeOptions: { minValue: 0.01, maxValue: 1, numberPrecision: 2 },
		default: 0.1,
		description: `How far to extend the ${name} side, as a share of the image (0.01 to 1; PicWish uses 0.1 when unset). Only with Expand By Ratios.`,
	},
	field: name,
});

export const expansion = taskResource({
	value: 'expansion',
	name: 'Expansion',
	api: expansionApi,
	operation: {
		name: 'Expand Image',
		value: 'expandImage',
		action: 'Expand an image beyond its borders',
		description:
			'Extend an image beyond its borders with generated content, by ratios per side or onto a canvas mask',
	},
	toolSummary:
		'Extends an image on the web beyond its borders with generated content (outpainting) with PicWish, by 10% on each side unless its options say otherwise',
	resultNoun: 'the expanded image',
	aliases: ['expand', 'outpaint'],
	parameters: maskChoiceProperties({
		displayName: 'Expand By',
		name: 'expandBy',
		mask: 'Canvas Mask',
		describeMask: (where) => `A canvas image ${where} that places the image and the area to fill`,
		meaning: 'the canvas that places the image and the area to fill, the same size as the image',
		otherwise: {
			name: 'Ratios per Side',
			value: 'ratios',
			description: 'Extend each side by a share of the image (set in Options)',
		},
	}),
	options: [
		ratio('Top', 'top'),
		ratio('Bottom', 'bottom'),
		ratio('Left', 'left'),
		ratio('Right', 'right'),
		{
			property: {
				displayName: 'Prompt',
				name: 'prompt',
				type: 'string',
				default: '',
				placeholder: 'e.g. a sandy beach at sunset',
				description: `What to fill the new area with, in words (up to ${EXPANSION_PROMPT_MAX} characters). Without it PicWish continues the image as it sees fit.`,
			},
			field: 'prompt',
			// Seen live in third-party code: 200 characters accepted, 201 answered with HTTP 400.
			encode: (value) => {
				const text = String(value).trim();
				return (
					tooLong(
						text,
						EXPANSION_PROMPT_MAX,
						`Shorten the prompt to ${EXPANSION_PROMPT_MAX} characters or fewer.`,
					) ?? text
				);
			},
		},
	],
	async fields(item) {
		const expandBy = item.ctx.getNodeParameter('expandBy', item.itemIndex, 'ratios') as string;
		if (expandBy !== 'maskUrl' && expandBy !== 'maskBinary') return {};
		const side = ['top', 'bottom', 'left', 'right'].find(
			(name) => item.options[name] !== undefined,
		);
		if (side) {
			item.refuse(side.charAt(0).toUpperCase() + side.slice(1), {
				problem: 'applies only when Expand By is Ratios per Side',
				fix: 'With a canvas mask the canvas decides where the image grows: remove the ratio options, or set Expand By to Ratios per Side.',
			});
		}
		// The doc page: the mask must match the image's size.
		return {
			images: [
				await readMask(
					item,
					expandBy,
					{ file: MASK_FIELDS.maskFile, url: MASK_FIELDS.maskUrl },
					true,
				),
			],
		};
	},
	// Not on PicWish's credit-cost page. Generative, like Background Generation (3 credits): counted
	// as 3 to be safe, at least 1. [INFERRED]
	price: {
		credits: () => 3,
		atLeast: () => 1,
		text: '1 to 3 credits per image (price not published: counted as 3 to be safe)',
	},
	example: {
		options: { top: 0.25, left: 0.5 },
		fields: { return_type: '1', top: '0.25', left: '0.5' },
	},
});
