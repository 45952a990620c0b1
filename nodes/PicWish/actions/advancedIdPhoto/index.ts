/** Resource "Advanced ID Photo": PicWish's Advanced ID Photo API (docs/picwish-api.md). */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ApiFields } from '../../tasks/create';
import { type ApiOption, checkValue } from '../shared/apiOptions';
import type { ItemFields } from '../shared/resource';
import { backgroundColorOption, pngOrJpgOption, refuseColorWithoutJpg } from '../shared/formats';
import { taskResource } from '../shared/taskResource';
import { advancedIdPhotoApi, CREDITS, DPI, PX_SIDE } from './api';

const side = (
	displayName: string,
	name: string,
	sizeBy: string,
	fallback: number,
	range: { minValue: number; maxValue: number; numberPrecision?: number },
	description: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	typeOptions: range,
	default: fallback,
	required: true,
	displayOptions: { show: { sizeBy: [sizeBy] } },
	description,
});

const PX = { minValue: PX_SIDE.min, maxValue: PX_SIDE.max };
const MM = { minValue: 1, maxValue: 500, numberPrecision: 1 };

const parameters: INodeProperties[] = [
	{
		displayName: 'Size By',
		name: 'sizeBy',
		type: 'options',
		required: true,
		options: [
			{
				name: 'Millimetres',
				value: 'millimetres',
				description: 'Width and height in mm, at the DPI in Options',
			},
			{ name: 'Pixels', value: 'pixels', description: 'Width and height in pixels' },
			{
				name: 'Spec',
				value: 'spec',
				description:
					"One of PicWish's preset specs: size, background colour, face size and file size",
			},
		],
		default: 'pixels',
		description: 'How the photo’s size is given',
	},
	{
		displayName: 'Spec ID',
		name: 'specId',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		required: true,
		displayOptions: { show: { sizeBy: ['spec'] } },
		description: "The number of one of PicWish's ID photo specs (sent as spec_id)",
	},
	side(
		'Width (Px)',
		'pxWidth',
		'pixels',
		295,
		PX,
		`In pixels, ${PX_SIDE.min}–${PX_SIDE.max} (295 × 413 is 1 inch at 300 DPI)`,
	),
	side('Height (Px)', 'pxHeight', 'pixels', 413, PX, `In pixels, ${PX_SIDE.min}–${PX_SIDE.max}`),
	side(
		'Width (Mm)',
		'mmWidth',
		'millimetres',
		35,
		MM,
		'In millimetres (35 × 45 mm is the common passport size)',
	),
	side('Height (Mm)', 'mmHeight', 'millimetres', 45, MM, 'In millimetres'),
];

const flag = (
	displayName: string,
	name: string,
	field: string,
	description: string,
): ApiOption => ({
	property: { displayName, name, type: 'boolean', default: false, description },
	field,
});

/** The beauty options: any one on adds its price once (PicWish's credit-cost page). */
const BEAUTY = [
	flag(
		'Beauty: Brighten',
		'brighten',
		'auto_bright',
		`Whether to brighten the face (+${CREDITS.beauty} credits for any beauty option)`,
	),
	flag(
		'Beauty: Sharpen',
		'sharpen',
		'auto_sharp',
		`Whether to sharpen the photo (+${CREDITS.beauty} credits for any beauty option)`,
	),
	flag(
		'Beauty: Slim Face',
		'slimFace',
		'auto_thin_face',
		`Whether to slim the face (+${CREDITS.beauty} credits for any beauty option)`,
	),
	flag(
		'Beauty: Smooth Skin',
		'smoothSkin',
		'auto_smooth',
		`Whether to smooth the skin (+${CREDITS.beauty} credits for any beauty option)`,
	),
];

/** A number parameter of the item, as sent, or the item refused (an expression may give anything). */
function numberParameter(item: ItemFields, property: INodeProperties): string {
	const raw = item.ctx.getNodeParameter(property.name, item.itemIndex, property.default);
	const refusal = checkValue(property, raw);
	if (refusal) item.refuse(property.displayName, refusal);
	return String(Number(raw));
}

/** What one photo costs for its options. */
function credits(options: IDataObject): number {
	if (options.preview === true) return CREDITS.preview;
	const outfit = typeof options.outfit === 'string' ? options.outfit.trim() : options.outfit;
	return (
		(outfit ? CREDITS.outfit : CREDITS.standard) +
		(BEAUTY.some((option) => options[option.property.name] === true) ? CREDITS.beauty : 0) +
		(options.printLayout === true ? CREDITS.layout : 0)
	);
}

export const advancedIdPhoto = taskResource({
	value: 'advancedIdPhoto',
	name: 'Advanced ID Photo',
	api: advancedIdPhotoApi,
	operation: {
		name: 'Make Advanced ID Photo',
		value: 'makeAdvancedIdPhoto',
		action: 'Make an ID photo to an official spec',
		description:
			'Turn a portrait into an ID or passport photo to a spec, a size in pixels or millimetres, with optional outfit, beauty and print sheet',
	},
	toolSummary:
		'Turns a portrait photo on the web into an ID or passport photo of 295 × 413 pixels with PicWish (a watermarked preview is free)',
	resultNoun: 'the ID photo',
	aliases: ['passport photo', 'visa photo', 'ID photo'],
	parameters,
	options: [
		{
			property: {
				displayName: 'DPI',
				name: 'dpi',
				type: 'number',
				typeOptions: { minValue: DPI.min, maxValue: DPI.max },
				default: 300,
				description: `Dots per inch of the photo, ${DPI.min}–${DPI.max} (turns millimetres into pixels)`,
			},
			field: 'dpi',
		},
		pngOrJpgOption('format'),
		backgroundColorOption(
			'The background of the photo, with Format JPG (white unless set; a spec brings its own)',
		),
		{
			property: {
				displayName: 'Outfit',
				name: 'outfit',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1',
				description: `The ID of an outfit to dress the person in (sent as clothes_id): ${CREDITS.outfit} credits instead of ${CREDITS.standard}`,
			},
			field: 'clothes_id',
		},
		...BEAUTY,
		flag(
			'Print Layout',
			'printLayout',
			'layout',
			`Whether to lay several copies out on a sheet for printing (+${CREDITS.layout} credits)`,
		),
		flag(
			'Preview',
			'preview',
			'preview',
			'Whether to make a free, watermarked preview (0 credits) to check a spec or size first',
		),
	],
	fields(item): Partial<ApiFields> {
		refuseColorWithoutJpg(item, 'ID photos');
		const sizeBy = item.ctx.getNodeParameter('sizeBy', item.itemIndex, 'pixels');
		const sent = (property: INodeProperties) => numberParameter(item, property);
		const [, specId, pxWidth, pxHeight, mmWidth, mmHeight] = parameters;
		if (sizeBy === 'spec') return { fields: { spec_id: sent(specId) } };
		if (sizeBy === 'millimetres')
			return { fields: { mm_width: sent(mmWidth), mm_height: sent(mmHeight) } };
		return { fields: { px_width: sent(pxWidth), px_height: sent(pxHeight) } };
	},
	price: {
		credits,
		text: `${CREDITS.standard} credits per photo; ${CREDITS.outfit} with an outfit; +${CREDITS.beauty} with any beauty option; +${CREDITS.layout} with a print layout; a preview is free`,
	},
	example: {
		parameters: { sizeBy: 'pixels', pxWidth: 295, pxHeight: 413 },
		options: { format: 'jpg', backgroundColor: '#1E90FF', preview: true },
		fields: {
			return_type: '1',
			px_width: '295',
			px_height: '413',
			format: 'jpg',
			bg_color: '1E90FF',
			preview: '1',
		},
	},
});
