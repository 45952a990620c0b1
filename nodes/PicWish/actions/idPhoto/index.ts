/** Resource "ID Photo": PicWish's ID Photo API (docs/picwish-api.md). */
import { hexColor, type Refusal } from '../shared/apiOptions';
import { taskResource } from '../shared/taskResource';
import { ID_PHOTO_SIDE, idPhotoApi } from './api';

/** An ID photo's size as PicWish takes it: "300x400", each side within ID_PHOTO_SIDE. */
function photoSize(value: unknown): string | Refusal {
	const match = /^\s*(\d+)\s*[x×X*]\s*(\d+)\s*$/.exec(String(value));
	const sides = match ? [Number(match[1]), Number(match[2])] : [];
	if (sides.length && sides.every((px) => px >= ID_PHOTO_SIDE.min && px <= ID_PHOTO_SIDE.max)) return `${sides[0]}x${sides[1]}`;
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
	toolSummary: 'Turns a portrait photo on the web into an ID photo of a given size on a plain background with PicWish',
	resultNoun: 'the ID photo',
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
		{
			property: {
				displayName: 'Format',
				name: 'format',
				type: 'options',
				options: [
					{ name: 'PNG (Transparent Background)', value: 'png' },
					{ name: 'JPG (White or Colored Background)', value: 'jpg' },
				],
				default: 'png',
			},
			field: 'format',
		},
		{
			property: {
				displayName: 'Background Color',
				name: 'backgroundColor',
				type: 'color',
				default: '#FFFFFF',
				description: 'The background of the photo, with Format JPG (white unless set)',
			},
			field: 'bg_color',
			encode: hexColor,
		},
	],
	fields({ options, refuse }) {
		if (options.backgroundColor !== undefined && options.format !== 'jpg') {
			refuse('Background Color', {
				problem: 'applies only to JPG ID photos',
				fix: 'Set Format to JPG (White or Colored Background), or remove Background Color to keep a transparent PNG.',
			});
		}
		return {};
	},
	price: { credits: () => 1, text: '1 credit per image' },
});
