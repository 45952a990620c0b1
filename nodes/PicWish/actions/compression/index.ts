/** Resource "Compression": PicWish's Image Compression API (docs/picwish-api.md). */
import { formatOption } from '../shared/formats';
import { taskResource } from '../shared/taskResource';
import {
	COMPRESSION_MAX_KBYTE,
	COMPRESSION_MAX_SIDE,
	COMPRESSION_PRICE_EDGE,
	compressionApi,
} from './api';

const side = (displayName: string, name: string, field: string) => ({
	property: {
		displayName,
		name,
		type: 'number' as const,
		typeOptions: { minValue: 1, maxValue: COMPRESSION_MAX_SIDE },
		default: 1200,
		description: `${displayName} of the result in pixels (at most ${COMPRESSION_MAX_SIDE}); with only one of width and height, the other follows the image's proportions`,
	},
	field,
});

export const compression = taskResource({
	value: 'compression',
	name: 'Compression',
	api: compressionApi,
	operation: {
		name: 'Compress',
		value: 'compress',
		action: 'Compress an image',
		description:
			'Make an image file smaller, to a quality or a target size, optionally resized or converted',
	},
	toolSummary:
		'Compresses an image on the web with PicWish into a smaller file, optionally to a target size in KB',
	resultNoun: 'the compressed image',
	aliases: ['compress'],
	options: [
		formatOption(['', 'jpg', 'png', 'webp'], ''),
		{
			property: {
				displayName: 'Quality',
				name: 'quality',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100 },
				default: 80,
				description: 'From 1 (smallest file) to 100 (best quality). Not with Target Size.',
			},
			field: 'quality',
		},
		{
			property: {
				displayName: 'Target Size (KB)',
				name: 'targetSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: COMPRESSION_MAX_KBYTE },
				default: 200,
				description:
					'The file size to compress to, in KB. Not with Quality, and not for PNG results: for an image by URL the node cannot see its format, so set Format to JPG or WebP unless you know it is not a PNG.',
			},
			field: 'kbyte',
		},
		side('Width', 'width', 'width'),
		side('Height', 'height', 'height'),
	],
	fields({ options, image, refuse }) {
		if (options.quality !== undefined && options.targetSize !== undefined) {
			refuse('Target Size (KB)', {
				problem: 'and "Quality" cannot be used together',
				fix: 'PicWish compresses either to a quality or to a target size: remove one of the two options.',
			});
		}
		// Without a format the result keeps the input's: a PNG input gives a PNG result.
		const png =
			options.format === 'png' ||
			(!options.format && image.kind === 'binary' && image.type.kind === 'png');
		if (options.targetSize !== undefined && png) {
			refuse('Target Size (KB)', {
				problem:
					options.format === 'png'
						? 'cannot be used with Format PNG'
						: 'cannot be used for a PNG image kept as PNG',
				fix: 'PicWish compresses PNG results only by quality. Set Format to JPG or WebP, or use Quality instead of Target Size.',
			});
		}
		// A URL's format is unknown before PicWish downloads it: a PNG kept as PNG fails there.
		if (options.targetSize !== undefined && !options.format && image.kind === 'url') {
			return {
				notes: [
					'Target Size (KB) does not work for PNG results, and the format of an image by URL is unknown before PicWish downloads it: if it is a PNG, set Format to JPG or WebP, or use Quality.',
				],
			};
		}
		return {};
	},
	price: {
		bySize: true,
		credits: (_options, longEdge) =>
			longEdge !== undefined && longEdge <= COMPRESSION_PRICE_EDGE ? 1 : 2,
		text: `1 credit per image up to ${COMPRESSION_PRICE_EDGE} px on the long edge, 2 above (up to ${COMPRESSION_MAX_SIDE} px)`,
	},
	example: {
		options: { format: 'webp', targetSize: 150, width: 800 },
		fields: { return_type: '1', format: 'webp', kbyte: '150', width: '800' },
	},
});
