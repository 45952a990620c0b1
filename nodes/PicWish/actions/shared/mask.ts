/**
 * A second image some APIs take beside the input: a mask (Object Removal's area, Expansion's
 * canvas), given by URL or from a binary property, read and checked like the input image.
 */
import type { INodeProperties } from 'n8n-workflow';

import type { ApiFields } from '../../tasks/create';
import { type ImageParameters, readBinaryImage, readImageUrl } from '../../tasks/input';
import type { ItemFields } from './resource';

const MASK: ImageParameters = {
	binaryProperty: { name: 'maskBinaryPropertyName', label: 'Mask Binary Field' },
	url: { name: 'maskUrl', label: 'Mask URL' },
};

/** The mask's parameters, shown when `choice` (the parameter that picks the area) is maskUrl or maskBinary. */
export function maskProperties(choice: string, meaning: string): INodeProperties[] {
	return [
		{
			displayName: 'Mask URL',
			name: 'maskUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://example.com/mask.png',
			displayOptions: { show: { [choice]: ['maskUrl'] } },
			description: `Public http(s) address of the mask: ${meaning}`,
		},
		{
			displayName: 'Mask Binary Field',
			name: 'maskBinaryPropertyName',
			type: 'string',
			default: 'mask',
			required: true,
			displayOptions: { show: { [choice]: ['maskBinary'] } },
			hint: 'The input binary field containing the mask',
			description: `The binary property of the input item that holds the mask: ${meaning}`,
		},
	];
}

type MaskImage = NonNullable<ApiFields['images']>[number];

/** Reads the item's mask (by URL or from its binary property); with `sameSize`, a binary mask must match a binary image. */
export async function readMask(item: ItemFields, from: 'maskUrl' | 'maskBinary', fields: { file: string; url: string }, sameSize = false): Promise<MaskImage> {
	const { ctx, run, itemIndex, image } = item;
	const limits = run.resource.limits;
	const read = from === 'maskUrl' ? readImageUrl(ctx, itemIndex, MASK, limits) : await readBinaryImage(ctx, run.scheduler, itemIndex, MASK, limits);
	const mask = read.image;
	if (sameSize && mask.kind === 'binary' && image.kind === 'binary' && (mask.width !== image.width || mask.height !== image.height)) {
		read.release();
		item.refuse('Mask Binary Field', {
			problem: `holds a ${mask.width}×${mask.height} mask, but the image is ${image.width}×${image.height}`,
			fix: 'PicWish needs a mask of exactly the same size as the image. Resize the mask (for example with the Edit Image node) or export it again from the image.',
		});
	}
	return { fields, read };
}
