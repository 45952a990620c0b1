/** Resource "Object Removal": PicWish's Remove Objects (inpaint) API (docs/picwish-api.md). */
import { maskChoiceProperties, readMask } from '../shared/mask';
import { taskResource } from '../shared/taskResource';
import { AREA_FIELDS, MAX_AREA_SHARE, MAX_RECTANGLES, objectRemovalApi } from './api';
import { readRectangles } from './rectangles';

const RECTANGLES_HELP = `A JSON list of 1 to ${MAX_RECTANGLES} areas in pixels, each {"x", "y", "width", "height"} from the top left corner, inside the image and together under ${MAX_AREA_SHARE * 100}% of it`;

export const objectRemoval = taskResource({
	value: 'objectRemoval',
	name: 'Object Removal',
	api: objectRemovalApi,
	operation: {
		name: 'Remove Objects',
		value: 'removeObjects',
		action: 'Remove objects from an image',
		description:
			'Erase objects, text, people or blemishes inside the areas you mark, and fill them in naturally',
	},
	toolSummary:
		'Erases what is inside given rectangles of an image on the web (objects, text, people, blemishes) with PicWish and fills the areas in naturally',
	resultNoun: 'the image with the areas erased',
	aliases: ['remove objects', 'inpaint'],
	toolNeeds: `Also needs rectangles: ${RECTANGLES_HELP}.`,
	parameters: maskChoiceProperties({
		displayName: 'Area to Remove',
		name: 'area',
		description:
			'Rectangles are the surer choice: in third-party use, masks were seen failing on this API where rectangles worked',
		mask: 'Mask',
		describeMask: (where) =>
			`A black-and-white image ${where}, the size of the image: white is removed`,
		meaning: `the size of the image, white where to remove (under ${MAX_AREA_SHARE * 100}% of it), black where to keep`,
		otherwise: {
			name: 'Rectangles',
			value: 'rectangles',
			description: 'Areas given as a JSON list of rectangles',
		},
		regular: [
			{
				displayName: 'Rectangles',
				name: 'rectangles',
				type: 'json',
				default: '[{ "x": 0, "y": 0, "width": 100, "height": 100 }]',
				required: true,
				displayOptions: { show: { area: ['rectangles'] } },
				description: `${RECTANGLES_HELP}. An expression may give the list.`,
			},
		],
		tool: [
			{
				displayName: 'Rectangles',
				name: 'rectangles',
				type: 'string',
				default: `={{ $fromAI('rectangles', '${RECTANGLES_HELP}, for example [{"x":10,"y":20,"width":200,"height":80}]', 'string') }}`,
				required: true,
				description:
					'Filled in by the model; edit it to give fixed rectangles or an expression instead',
			},
		],
	}),
	async fields(item) {
		const area = item.ctx.getNodeParameter('area', item.itemIndex, 'rectangles') as string;
		if (area === 'maskUrl' || area === 'maskBinary') {
			// PicWish's own example code: the mask has the image's size.
			return {
				images: [
					await readMask(
						item,
						area,
						{ file: AREA_FIELDS.maskFile, url: AREA_FIELDS.maskUrl },
						true,
					),
				],
				notes: [
					'Masks were seen failing on this API in third-party use where rectangles worked: try Area to Remove: Rectangles.',
				],
			};
		}
		const rectangles = readRectangles(
			item.ctx.getNodeParameter('rectangles', item.itemIndex, '[]'),
			item.image,
		);
		if ('problem' in rectangles) item.refuse('Rectangles', rectangles);
		return { fields: { [AREA_FIELDS.rectangles]: JSON.stringify(rectangles) } };
	},
	// Not named on PicWish's credit-cost page: probably "Photo Retouch", 1 credit; counted as 2 to be
	// safe. [INFERRED]
	price: {
		credits: () => 2,
		atLeast: () => 1,
		text: '1 to 2 credits per image (price not published: counted as 2 to be safe)',
	},
	// One rectangle, over the head of the portrait npm run test:live draws (256 px).
	example: {
		parameters: {
			area: 'rectangles',
			rectangles: '[{ "x": 80, "y": 30, "width": 96, "height": 130 }]',
		},
		fields: { return_type: '1', rectangles: '[{"x":80,"y":30,"width":96,"height":130}]' },
	},
});
