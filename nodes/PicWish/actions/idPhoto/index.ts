/** Resource "ID Photo": PicWish's ID Photo API (docs/picwish-api.md). */
import type { Refusal } from '../shared/apiOptions';
import { backgroundColorOption, pngOrJpgOption, refuseColorWithoutJpg } from '../shared/formats';
import { taskResource } from '../shared/taskResource';
import { ID_PHOTO_SIDE, idPhotoApi } from './api';

/** An ID photo's size as PicWish takes it: "300x400", each side within ID_PHOTO_SIDE. */
function photoSize(value: unknown): string | Refusal {
	const match = /^\s*(\d+)\s*[x×X*]\s*(\d+)\s*$/.exec(String(value));
	const sides = match ? [Number(match[1]), Number(match[2])] : [];
	if (sides.length && sides.every((px) => px >= ID_PHOTO_SIDE.min && px <= ID_PHOTO_SIDE.max))
		return `${sides[0]}x${sides[1]}`;
	return {
		problem: `must be a width and height in pixels such as 300x400, each from ${ID_PHOTO_SIDE.min} to ${ID_PHOTO_SIDE.max}, not "${String(value)}"`,
		fix: 'Enter the size as WIDTHxHEIGHT, for example 295x413 (a 1-inch photo at 300 DPI) or 413x531 (2 inches).',
	};
}

export const idPhoto = taskResource({
	value: 'idPhoto',
	name: 'ID Photo',
	api: idPhotoApi,
	operation: {
		name: 'Make ID Photo',
		value: 'makeIdPhoto',
		action: 'Make an ID photo from a portrait',
		description: 'Turn a portrait into an ID photo of a given size on a plain background',
	},
	toolSummary:
		'Turns a portrait photo on the web into an ID photo of a given size on a plain background with PicWish',
	resultNoun: 'the ID photo',
	aliases: ['ID photo', 'passport photo'],
	options: [
		{
			property: {
				displayName: 'Size',
				name: 'size',
				type: 'string',
				default: '295x413',
				placeholder: 'e.g. 295x413',
				description: `Width and height in pixels, each from ${ID_PHOTO_SIDE.min} to ${ID_PHOTO_SIDE.max} (without it: the original size)`,
			},
			field: 'size',
			encode: photoSize,
		},
		pngOrJpgOption('format'),
		backgroundColorOption('The background of the photo, with Format JPG (white unless set)'),
	],
	fields(item) {
		refuseColorWithoutJpg(item, 'ID photos');
		return {};
	},
	price: { credits: () => 1, text: '1 credit per image' },
	example: {
		options: { size: '295 X 413', format: 'jpg', backgroundColor: '#ff0000' },
		fields: { return_type: '1', size: '295x413', format: 'jpg', bg_color: 'FF0000' },
	},
});
