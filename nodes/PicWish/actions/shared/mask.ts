/**
 * A second image some APIs take beside the input: a mask (Object Removal's area, Expansion's
 * canvas), given by URL or from a binary property, read and checked like the input image.
 */
import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ApiFields } from '../../tasks/create';
import { type ImageParameters, readBinaryImage, readImageUrl } from '../../tasks/input';
import type { ItemFields } from './resource';
import { REGULAR_ONLY, TOOL_ONLY } from './tool';

/** The parameters of a mask: the first (`mask…`), or a second one named after its choice (`keepMask…`). */
function maskParameters(prefix = '', label = 'Mask'): ImageParameters {
	const name = (rest: string) => (prefix ? `${prefix}M${rest.slice(1)}` : rest);
	return {
		binaryProperty: { name: name('maskBinaryPropertyName'), label: `${label} Binary Field` },
		url: { name: name('maskUrl'), label: `${label} URL` },
	};
}

const MASK = maskParameters();

/** The mask's parameters, shown when `choice` (the parameter that picks the area) is maskUrl or maskBinary. */
function maskProperties(
	choice: string,
	meaning: string,
	parameters: ImageParameters = MASK,
): INodeProperties[] {
	const binaryDefault = parameters === MASK ? 'mask' : `${choice}Mask`;
	return [
		{
			displayName: parameters.url.label,
			name: parameters.url.name,
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://example.com/mask.png',
			displayOptions: { show: { [choice]: ['maskUrl'] } },
			description: `Public http(s) address of the mask: ${meaning}`,
		},
		{
			displayName: parameters.binaryProperty.label,
			name: parameters.binaryProperty.name,
			type: 'string',
			default: binaryDefault,
			required: true,
			displayOptions: { show: { [choice]: ['maskBinary'] } },
			hint: 'The input binary field containing the mask',
			description: `The binary property of the input item that holds the mask: ${meaning}`,
		},
	];
}

/** A parameter that picks a mask (by URL or from a binary field) or another way, and what it shows. */
interface MaskChoice {
	/** The parameter: "Area to Remove" (`area`), "Expand By" (`expandBy`). */
	displayName: string;
	name: string;
	description?: string;
	/** The mask in the choices' names: "Mask" gives "Mask URL" and "Mask From Binary". */
	mask: string;
	/** A mask choice's description, for a mask `in a binary field` or `on the web`. */
	describeMask(where: 'in a binary field' | 'on the web'): string;
	/** What the mask is, in the Mask URL and Mask Binary Field descriptions. */
	meaning: string;
	/** The choice that is not a mask: the default, and the only one an AI agent's tool has. */
	otherwise?: { name: string; value: string; description: string };
	/** Without another choice, the tool's model gives the mask's URL. */
	toolMask?: boolean;
	/** Parameters of that choice, shown after the choice: in the regular node, and in the tool. */
	regular?: INodeProperties[];
	tool?: INodeProperties[];
}

/** The choice's parameters: in the regular node the choice, its own parameters and the mask's; in the tool, the other way (hidden) and its own. */
export function maskChoiceProperties(choice: MaskChoice): INodeProperties[] {
	const { displayName, name, otherwise } = choice;
	const byDefault = otherwise?.value ?? 'maskBinary';
	const toolDefault = otherwise?.value ?? 'maskUrl';
	return [
		...updateDisplayOptions(REGULAR_ONLY, [
			{
				displayName,
				name,
				type: 'options',
				required: true,
				options: [
					{
						name: `${choice.mask} From Binary`,
						value: 'maskBinary',
						description: choice.describeMask('in a binary field'),
					},
					{
						name: `${choice.mask} URL`,
						value: 'maskUrl',
						description: choice.describeMask('on the web'),
					},
					...(otherwise ? [otherwise] : []),
				].sort((a, b) => a.name.localeCompare(b.name)),
				default: byDefault,
				...(choice.description ? { description: choice.description } : {}),
			},
			...(choice.regular ?? []),
			...maskProperties(name, choice.meaning),
		]),
		...updateDisplayOptions(TOOL_ONLY, [
			{ displayName, name, type: 'hidden', default: toolDefault },
			...(choice.tool ?? []),
			...(choice.toolMask
				? [
						{
							displayName: MASK.url.label,
							name: MASK.url.name,
							type: 'string' as const,
							default: `={{ $fromAI('${MASK.url.name}', 'The public http(s) URL of the mask: ${choice.meaning}', 'string') }}`,
							required: true,
							description:
								'Filled in by the model; edit it to give a fixed URL or an expression instead',
						},
					]
				: []),
		]),
	];
}

/** An optional second mask (Retouching's areas to keep): None, or a mask by URL or from a binary field; not in the tool. */
export function secondMaskProperties(choice: {
	displayName: string;
	name: string;
	/** The mask in its parameters' names: "Keep Mask" gives "Keep Mask URL". */
	label: string;
	describeMask(where: 'in a binary field' | 'on the web'): string;
	meaning: string;
}): INodeProperties[] {
	const parameters = maskParameters(choice.name, choice.label);
	return updateDisplayOptions(REGULAR_ONLY, [
		{
			displayName: choice.displayName,
			name: choice.name,
			type: 'options',
			required: true,
			options: [
				{
					name: 'Mask From Binary',
					value: 'maskBinary',
					description: choice.describeMask('in a binary field'),
				},
				{ name: 'Mask URL', value: 'maskUrl', description: choice.describeMask('on the web') },
				{ name: 'None', value: 'none', description: 'Nothing is kept as it was' },
			],
			default: 'none',
		},
		...maskProperties(choice.name, choice.meaning, parameters),
	]);
}

/** The item's second mask, if its choice names one (by URL or from its binary property). */
export async function readSecondMask(
	item: ItemFields,
	choice: { name: string; label: string },
	fields: { file: string; url: string },
): Promise<MaskImage | undefined> {
	const from = item.ctx.getNodeParameter(choice.name, item.itemIndex, 'none');
	if (from !== 'maskUrl' && from !== 'maskBinary') return undefined;
	return await readMask(item, from, fields, true, maskParameters(choice.name, choice.label));
}

type MaskImage = NonNullable<ApiFields['images']>[number];

/** Reads the item's mask (by URL or from its binary property); with `sameSize`, a binary mask must match a binary image. */
export async function readMask(
	item: ItemFields,
	from: 'maskUrl' | 'maskBinary',
	fields: { file: string; url: string },
	sameSize = false,
	parameters: ImageParameters = MASK,
): Promise<MaskImage> {
	const { ctx, run, itemIndex, image } = item;
	const limits = run.resource.limits;
	const read =
		from === 'maskUrl'
			? readImageUrl(ctx, itemIndex, parameters, limits)
			: await readBinaryImage(ctx, run.scheduler, itemIndex, parameters, limits, { beside: true });
	const mask = read.image;
	if (
		sameSize &&
		mask.kind === 'binary' &&
		image.kind === 'binary' &&
		(mask.width !== image.width || mask.height !== image.height)
	) {
		read.release();
		item.refuse(parameters.binaryProperty.label, {
			problem: `holds a ${mask.width}×${mask.height} mask, but the image is ${image.width}×${image.height}`,
			fix: 'PicWish needs a mask of exactly the same size as the image. Resize the mask (for example with the Edit Image node) or export it again from the image.',
		});
	}
	return { fields, read };
}
