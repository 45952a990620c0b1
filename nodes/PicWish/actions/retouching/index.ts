/** Resource "Retouching": PicWish's Retouching Collection API (docs/picwish-api.md). */
import {
	maskChoiceProperties,
	readMask,
	readSecondMask,
	secondMaskProperties,
} from '../shared/mask';
import { taskResource } from '../shared/taskResource';
import { KEEP_FIELDS, MASK_FIELDS, retouchingApi } from './api';

const KEEP_MASK = 'Keep Mask';

export const retouching = taskResource({
	value: 'retouching',
	name: 'Retouching',
	api: retouchingApi,
	operation: {
		name: 'Retouch Object',
		value: 'retouchObject',
		action: 'Retouch a product inside a mask',
		description:
			'Refine the texture, lines and detail of a product inside a mask, keeping the areas you mark as they are',
	},
	toolSummary:
		'Retouches a product in an image on the web with PicWish (texture, lines, detail) inside a mask image that marks it',
	resultNoun: 'the retouched image',
	aliases: ['product retouch', 'retouch'],
	toolNeeds:
		'Also needs maskUrl: a public link to a black-and-white mask of the same size as the image, white where to retouch.',
	parameters: [
		...maskChoiceProperties({
			displayName: 'Area to Retouch',
			name: 'area',
			mask: 'Mask',
			describeMask: (where) =>
				`A black-and-white image ${where}, the size of the image: white is retouched`,
			meaning: 'the size of the image, white where to retouch, black where not',
			toolMask: true,
		}),
		...secondMaskProperties({
			displayName: 'Areas to Keep',
			name: 'keep',
			label: KEEP_MASK,
			describeMask: (where) =>
				`A black-and-white image ${where}, the size of the image: white areas keep their original look`,
			meaning: 'the size of the image, white where the original look is kept',
		}),
	],
	async fields(item) {
		const area = item.ctx.getNodeParameter('area', item.itemIndex, 'maskUrl') as
			| 'maskUrl'
			| 'maskBinary';
		const images = [await readMask(item, area, MASK_FIELDS, true)];
		const keep = await readSecondMask(item, { name: 'keep', label: KEEP_MASK }, KEEP_FIELDS);
		if (keep) images.push(keep);
		return { images };
	},
	// The image is its own mask (same size by construction): PicWish could not reach a mask URL of a test.
	example: {
		parameters: { area: 'maskBinary', maskBinaryPropertyName: 'data' },
		fields: {},
		files: [MASK_FIELDS.file],
	},
	// Not on PicWish's credit-cost page. Counted as 3 to be safe (as the costliest single-image
	// edits), at least 1. [INFERRED]
	price: {
		credits: () => 3,
		atLeast: () => 1,
		text: '1 to 3 credits per image (price not published: counted as 3 to be safe)',
	},
});
