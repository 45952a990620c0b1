/**
 * Retouching: a product refined inside a mask (white where to retouch), with an optional second
 * mask of areas whose original look is kept. Each mask comes from a binary field or a URL; one
 * from a binary field must be the size of the image, checked before anything is sent.
 */
import type { INodeParameters } from 'n8n-workflow';

import { retouchingApi } from '../../../../../nodes/PicWish/actions/retouching/api';
import { captureCreate, envelope, resultUrl } from '../../../../support/api';
import { makePng } from '../../../../support/images';
import { useNock } from '../../../../support/nock-lifecycle';
import { type InputItem, PicWishTool, runPicWish, TOOL_TYPE } from '../../../../support/workflow';

useNock();

const PATH = retouchingApi.taskPath;
const done = envelope({ task_id: 'ret-1', state: 1, image: resultUrl('ret-1.png') });

const png = (size: [number, number], fileName: string, rgb?: [number, number, number]) => ({
	data: makePng(size[0], size[1], rgb),
	fileName,
	mimeType: 'image/png',
});
/** A product photo of `image` size with masks of the given sizes in "mask" and "keep". */
const shot = (
	image: [number, number],
	masks: { mask?: [number, number]; keep?: [number, number] } = {},
): InputItem => ({
	binary: {
		data: png(image, 'ring.png', [180, 150, 40]),
		...(masks.mask ? { mask: png(masks.mask, 'ring-mask.png', [255, 255, 255]) } : {}),
		...(masks.keep ? { keep: png(masks.keep, 'ring-keep.png', [250, 250, 250]) } : {}),
	},
});

const retouch = (parameters: INodeParameters) => ({
	resource: 'retouching',
	operation: 'retouchObject',
	inputType: 'binary',
	area: 'maskBinary',
	maskBinaryPropertyName: 'mask',
	...parameters,
	options: { resultAs: 'url' },
});

describe('Retouching → Retouch Object', () => {
	it('refuses a mask of another size than the image before any request, naming both sizes', async () => {
		const result = await runPicWish({
			parameters: retouch({}),
			items: [shot([120, 80], { mask: [60, 40] })],
		});
		expect(result.error?.message).toBe(
			'"Mask Binary Field" holds a 60×40 mask, but the image is 120×80 [item 0]',
		);
		expect((result.error as { description?: string }).description).toMatch(
			/^PicWish needs a mask of exactly the same size as the image/,
		);
	});

	it('uploads the image and a mask of its size as image_file and mask_file', async () => {
		const seen = captureCreate(done, PATH);
		const result = await runPicWish({
			parameters: retouch({}),
			items: [shot([120, 80], { mask: [120, 80] })],
		});
		expect(result.error).toBeUndefined();
		expect(seen.files).toEqual(['image_file', 'mask_file']);
		expect(seen.parts?.image_file.filename).toBe('ring.png');
		expect(seen.parts?.mask_file.filename).toBe('ring-mask.png');
		// No areas to keep unless asked: nothing but the sync flag besides the files.
		expect(seen.fields).toEqual({ sync: '1' });
		expect(result.items[0].json.resultUrl).toBe(resultUrl('ret-1.png'));
	});

	it('Areas to Keep by URL are sent as retain_mask_url', async () => {
		const seen = captureCreate(done, PATH);
		const result = await runPicWish({
			parameters: retouch({
				keep: 'maskUrl',
				keepMaskUrl: 'https://shop.example/masks/ring-keep.png',
			}),
			items: [shot([120, 80], { mask: [120, 80] })],
		});
		expect(result.error).toBeUndefined();
		expect(seen.fields).toEqual({
			sync: '1',
			retain_mask_url: 'https://shop.example/masks/ring-keep.png',
		});
		expect(seen.files).toEqual(['image_file', 'mask_file']);
	});

	it('Areas to Keep from a binary field are uploaded as retain_mask_file, and must be the size of the image too', async () => {
		const seen = captureCreate(done, PATH);
		const parameters = retouch({ keep: 'maskBinary', keepMaskBinaryPropertyName: 'keep' });
		const result = await runPicWish({
			parameters,
			items: [shot([120, 80], { mask: [120, 80], keep: [120, 80] })],
		});
		expect(result.error).toBeUndefined();
		expect(seen.files).toEqual(['image_file', 'mask_file', 'retain_mask_file']);
		expect(seen.parts?.retain_mask_file.filename).toBe('ring-keep.png');

		const wrong = await runPicWish({
			parameters,
			items: [shot([120, 80], { mask: [120, 80], keep: [80, 120] })],
		});
		expect(wrong.error?.message).toBe(
			'"Keep Mask Binary Field" holds a 80×120 mask, but the image is 120×80 [item 0]',
		);
	});

	it('both masks by URL beside a binary image: nothing to compare before PicWish downloads them', async () => {
		const seen = captureCreate(done, PATH);
		const result = await runPicWish({
			parameters: retouch({
				area: 'maskUrl',
				maskUrl: 'https://shop.example/masks/ring.png',
				keep: 'maskUrl',
				keepMaskUrl: 'https://shop.example/masks/ring-keep.png',
			}),
			items: [shot([120, 80])],
		});
		expect(result.error).toBeUndefined();
		expect(seen.fields).toEqual({
			sync: '1',
			mask_url: 'https://shop.example/masks/ring.png',
			retain_mask_url: 'https://shop.example/masks/ring-keep.png',
		});
		expect(seen.files).toEqual(['image_file']);
	});

	it('as an AI agent tool, the model gives the image and mask URLs and gets the link back', async () => {
		const seen = captureCreate(done, PATH);
		const result = await runPicWish({
			nodeType: new PicWishTool(),
			nodeTypeName: TOOL_TYPE,
			parameters: {
				resource: 'retouching',
				operation: 'retouchObject',
				imageUrl: 'https://shop.example/p/ring.jpg',
				maskUrl: 'https://shop.example/masks/ring.png',
			},
		});
		expect(result.error).toBeUndefined();
		expect(seen.fields).toEqual({
			sync: '1',
			image_url: 'https://shop.example/p/ring.jpg',
			mask_url: 'https://shop.example/masks/ring.png',
		});
		expect(result.items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				taskId: 'ret-1',
				status: 'completed',
				resultUrl: resultUrl('ret-1.png'),
			}),
		]);
		expect(result.items[0].binary).toBeUndefined();
	});
});
