/** Resource "Background Generation": PicWish's Background Generator API (docs/picwish-api.md). */
import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ApiFields } from '../../tasks/create';
import { tooLong } from '../shared/apiOptions';
import { taskResource } from '../shared/taskResource';
import { REGULAR_ONLY, TOOL_ONLY } from '../shared/tool';
import { backgroundGenerationApi, IMAGE_COUNT_CREDITS, PROMPT_MAX } from './api';

/** What PicWish generates when Image Count is not set: two images (its page). */
const DEFAULT_IMAGE_COUNT = 2;

const PROMPT_HELP = `The background to generate, in words (any language, English works best; up to ${PROMPT_MAX} characters)`;

const prompt: INodeProperties = {
	displayName: 'Prompt',
	name: 'prompt',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	required: true,
	placeholder: 'e.g. on a marble kitchen counter in soft morning light',
	description: PROMPT_HELP,
};

const parameters: INodeProperties[] = [
	...updateDisplayOptions(REGULAR_ONLY, [
		{
			displayName: 'Background From',
			name: 'backgroundFrom',
			type: 'options',
			required: true,
			options: [
				{ name: 'Prompt', value: 'prompt', description: 'Describe the background in words' },
				{
					name: 'Template',
					value: 'template',
					description: "One of PicWish's background templates, by its number",
				},
			],
			default: 'prompt',
			description: 'How the new background is described',
		},
		{ ...prompt, displayOptions: { show: { backgroundFrom: ['prompt'] } } },
		{
			displayName: 'Template',
			name: 'sceneType',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 105,
			required: true,
			displayOptions: { show: { backgroundFrom: ['template'] } },
			description:
				"The number of one of PicWish's background templates (sent as scene_type; PicWish's own example uses 105)",
		},
	]),
	...updateDisplayOptions(TOOL_ONLY, [
		{ displayName: 'Background From', name: 'backgroundFrom', type: 'hidden', default: 'prompt' },
		{
			...prompt,
			default: `={{ $fromAI('prompt', '${PROMPT_HELP}', 'string') }}`,
			description:
				'Filled in by the model; edit it to give a fixed prompt or an expression instead',
		},
	]),
];

export const backgroundGeneration = taskResource({
	value: 'backgroundGeneration',
	name: 'Background Generation',
	api: backgroundGenerationApi,
	operation: {
		name: 'Generate Background',
		value: 'generateBackground',
		action: 'Generate a background for a cutout',
		description:
			'Put a cutout (a transparent PNG) on new backgrounds generated from a prompt or a template, one output item per image',
	},
	toolSummary:
		'Puts a product or person cutout (a transparent PNG on the web, such as a background removal result) on a new background generated from a prompt with PicWish; gives one result per generated image',
	resultNoun: 'the image on its new background',
	aliases: ['generate background', 'product photo', 'AI background'],
	toolNeeds: `Also needs prompt: ${PROMPT_HELP}.`,
	parameters,
	options: [
		{
			property: {
				displayName: 'Negative Prompt',
				name: 'negativePrompt',
				type: 'string',
				default: '',
				description: 'What the background must not show, in words (English works best)',
			},
			field: 'negative_prompt',
		},
		{
			property: {
				displayName: 'Image Count',
				name: 'imageCount',
				type: 'options',
				options: Object.entries(IMAGE_COUNT_CREDITS).map(([count, credits]) => ({
					name: `${count} (${credits} Credits)`,
					value: Number(count),
				})),
				default: DEFAULT_IMAGE_COUNT,
				description:
					"How many images to generate, each its own output item. PicWish's page says 1 or 2 for now (2 when unset); its price list goes up to 4.",
			},
			field: 'batch_size',
		},
	],
	fields(item): Partial<ApiFields> {
		const from = item.ctx.getNodeParameter('backgroundFrom', item.itemIndex, 'prompt');
		if (from === 'template') {
			const template = Number(item.ctx.getNodeParameter('sceneType', item.itemIndex, 0));
			if (!Number.isInteger(template) || template < 1)
				item.refuse('Template', {
					problem: `must be a template number (a whole number from 1), not "${String(template)}"`,
					fix: "Enter the number of one of PicWish's background templates, or set Background From to Prompt.",
				});
			return { fields: { scene_type: String(template) } };
		}
		const text = String(item.ctx.getNodeParameter('prompt', item.itemIndex, '') ?? '').trim();
		if (!text)
			item.refuse('Prompt', {
				problem: 'is empty',
				fix: 'Describe the background to generate, for example "on a wooden table by a window", or set Background From to Template.',
			});
		const refusal = tooLong(
			text,
			PROMPT_MAX,
			`Shorten the prompt to ${PROMPT_MAX} characters or fewer.`,
		);
		if (refusal) item.refuse('Prompt', refusal);
		return { fields: { prompt: text } };
	},
	price: {
		credits: (options) => IMAGE_COUNT_CREDITS[Number(options.imageCount ?? DEFAULT_IMAGE_COUNT)],
		text: '3 credits for 1 image, 6 for 2, 8 for 3, 10 for 4 (2 images unless Image Count is set)',
	},
	example: {
		parameters: { backgroundFrom: 'prompt', prompt: 'on a wooden table by a sunny window' },
		options: { imageCount: 2, negativePrompt: 'people' },
		fields: {
			prompt: 'on a wooden table by a sunny window',
			batch_size: '2',
			negative_prompt: 'people',
		},
	},
});
