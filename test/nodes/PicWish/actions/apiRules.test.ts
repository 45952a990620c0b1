/**
 * What each API of the suite refuses, and its own kinds of input and output: a value PicWish would
 * refuse fails its item before any request (no interceptor is set, so a request would fail the
 * test differently), with the allowed values; Object Removal's rectangles and masks, Expansion's
 * canvas, Background's image and mask, and Check Credits First at each API's price.
 */
import type { INodeParameters } from 'n8n-workflow';

import { backgroundApi } from '../../../../nodes/PicWish/actions/background/api';
import {
	appliedFactor,
	ENHANCE_PRICE_EDGE,
	FACTOR_MAX_EDGE,
} from '../../../../nodes/PicWish/actions/enhance/api';
import { enhanceProApi } from '../../../../nodes/PicWish/actions/enhancePro/api';
import { expansionApi } from '../../../../nodes/PicWish/actions/expansion/api';
import { objectRemovalApi } from '../../../../nodes/PicWish/actions/objectRemoval/api';
import { CREDITS_PATH } from '../../../../nodes/PicWish/transport/constants';
import { api, captureCreate, envelope, resultUrl, storage } from '../../../support/api';
import { makeJpeg, makePng, pngChunk } from '../../../support/images';
import { useNock } from '../../../support/nock-lifecycle';
import { type InputItem, runPicWish } from '../../../support/workflow';

useNock();

const photo = (width = 120, height = 80, fileName = 'shop.png', property = 'data'): InputItem => ({
	binary: { [property]: { data: makePng(width, height), fileName, mimeType: 'image/png' } },
});
const withMask = (image: [number, number], mask: [number, number]): InputItem => ({
	binary: {
		...photo(...image).binary,
		mask: { data: makePng(...mask), fileName: 'mask.png', mimeType: 'image/png' },
	},
});

/** Runs one item and returns its error (the node fails without continue-on-fail). */
async function refusal(
	resource: string,
	operation: string,
	parameters: INodeParameters,
	items: InputItem[] = [photo()],
) {
	const result = await runPicWish({
		parameters: { resource, operation, inputType: 'binary', ...parameters },
		items,
	});
	expect(result.status).toBe('error');
	return {
		message: result.error?.message,
		description: (result.error as { description?: string })?.description,
	};
}

describe('refused before any request, saying what is allowed', () => {
	it.each([
		[
			'background',
			'removeBackground',
			{ options: { backgroundColor: '#ffffff' } },
			'"Background Color" applies only to JPG results [item 0]',
		],
		[
			'background',
			'removeBackground',
			{ options: { format: 'jpg', backgroundColor: 'blue' } },
			'"Background Color" must be a colour as six hex digits (RRGGBB), not "blue" [item 0]',
		],
		[
			'background',
			'removeBackground',
			{ options: { output: 4 } },
			'"Output" must be one of Image (2), Image and Mask (1), Mask Only (3), not "4" [item 0]',
		],
		[
			'enhance',
			'enhanceImage',
			{ options: { scaleFactor: 3 } },
			'"Scale Factor" must be one of 1× (Keep Size) (1), 2× (2), 4× (4), Auto (4× up to 512 Px, 2× up to 1024 Px, Else 1×), not "3" [item 0]',
		],
		[
			'enhance',
			'enhanceImage',
			{ options: { scaleFactor: 4 } },
			'"Scale Factor" 4× takes images up to 512 px on the long edge; this one is 600×400 [item 0]',
		],
		[
			'enhance',
			'enhanceImage',
			{ options: { scaleFactor: 2 } },
			'"Scale Factor" 2× takes images up to 1024 px on the long edge; this one is 1100×300 [item 0]',
		],
		[
			'expansion',
			'expandImage',
			{ options: { prompt: 'x'.repeat(201) } },
			'"Prompt" is 201 characters long; PicWish takes at most 200 [item 0]',
		],
		[
			'compression',
			'compress',
			{ options: { quality: 80, targetSize: 100 } },
			'"Target Size (KB)" and "Quality" cannot be used together [item 0]',
		],
		[
			'compression',
			'compress',
			{ options: { targetSize: 100 } },
			'"Target Size (KB)" cannot be used for a PNG image kept as PNG [item 0]',
		],
		[
			'compression',
			'compress',
			{ options: { format: 'png', targetSize: 100 } },
			'"Target Size (KB)" cannot be used with Format PNG [item 0]',
		],
		[
			'compression',
			'compress',
			{ options: { quality: 101 } },
			'"Quality" must be a whole number from 1 to 100, not "101" [item 0]',
		],
		[
			'compression',
			'compress',
			{ options: { width: 9000 } },
			'"Width" must be a whole number from 1 to 8000, not "9000" [item 0]',
		],
		[
			'idPhoto',
			'makeIdPhoto',
			{ options: { size: '300x50' } },
			'"Size" must be a width and height in pixels such as 300x400, each from 100 to 2000, not "300x50" [item 0]',
		],
		[
			'idPhoto',
			'makeIdPhoto',
			{ options: { size: 'passport' } },
			'"Size" must be a width and height in pixels such as 300x400, each from 100 to 2000, not "passport" [item 0]',
		],
		[
			'idPhoto',
			'makeIdPhoto',
			{ options: { format: 'png', backgroundColor: '#ffffff' } },
			'"Background Color" applies only to JPG ID photos [item 0]',
		],
		[
			'restoration',
			'restorePhoto',
			{ options: { model: 2 } },
			'"Model" applies only to a Medium or Severe damage level [item 0]',
		],
		[
			'expansion',
			'expandImage',
			{ options: { top: 1.5 } },
			'"Top" must be a number from 0.01 to 1, not "1.5" [item 0]',
		],
		[
			'enhancePro',
			'enhanceImagePro',
			{},
			'The file "big.png" in "data" is 5000×100 pixels; PicWish accepts 1 to 4096 pixels per side [item 0]',
		],
		[
			'restoration',
			'restorePhoto',
			{},
			'The file "big.png" in "data" is 5000×100 pixels; PicWish accepts 1 to 2048 pixels per side [item 0]',
		],
		// PicWish's own example code: Enhance and Face Cutout take up to 4096 px per side.
		[
			'enhance',
			'enhanceImage',
			{},
			'The file "big.png" in "data" is 5000×100 pixels; PicWish accepts 1 to 4096 pixels per side [item 0]',
		],
		[
			'faceCutout',
			'cutOutFace',
			{},
			'The file "big.png" in "data" is 5000×100 pixels; PicWish accepts 1 to 4096 pixels per side [item 0]',
		],
	])('%s → %s %j', async (resource, operation, parameters, message) => {
		const sized = /this one is (\d+)×(\d+)/.exec(message);
		const items = message.includes('big.png')
			? [photo(5000, 100, 'big.png')]
			: sized
				? [photo(Number(sized[1]), Number(sized[2]))]
				: undefined;
		expect((await refusal(resource, operation, parameters as INodeParameters, items)).message).toBe(
			message,
		);
	});

	it('a URL longer than the newer APIs take (512 characters)', async () => {
		const imageUrl = `https://cdn.example/${'a'.repeat(520)}.jpg`;
		const result = await runPicWish({
			parameters: {
				resource: 'enhancePro',
				operation: 'enhanceImagePro',
				inputType: 'url',
				imageUrl,
			},
		});
		expect(result.error?.message).toBe(
			`"Image URL" is ${imageUrl.length} characters long; this PicWish API takes URLs of up to 512 [item 0]`,
		);
	});

	it('a WebP or TIFF image where the API takes only JPG and PNG', async () => {
		const { message } = await refusal('expansion', 'expandImage', {}, [
			{
				binary: {
					data: {
						data: Buffer.concat([
							Buffer.from('RIFF'),
							Buffer.from([30, 0, 0, 0]),
							Buffer.from('WEBPVP8X'),
							Buffer.alloc(22),
						]),
						fileName: 'a.webp',
					},
				},
			},
		]);
		expect(message).toBe(
			'The file "a.webp" in "data" is a WebP image; PicWish accepts only JPG or PNG images [item 0]',
		);
	});
});

describe('Object Removal: the area to remove', () => {
	const run = (parameters: INodeParameters, items: InputItem[] = [photo()]) =>
		runPicWish({
			parameters: {
				resource: 'objectRemoval',
				operation: 'removeObjects',
				inputType: 'binary',
				options: { resultAs: 'url' },
				...parameters,
			},
			items,
		});
	const done = envelope({ task_id: 'obj-1', state: 1, image: resultUrl('obj-1.jpg') });

	it('sends typed rectangles as PicWish takes them, and a list an expression gave', async () => {
		const typed = captureCreate(done, objectRemovalApi.taskPath);
		expect(
			(
				await run({
					area: 'rectangles',
					rectangles: '[{"x": 5, "y": 6, "width": 20, "height": 10}]',
				})
			).error,
		).toBeUndefined();
		expect(typed.fields?.rectangles).toBe('[{"x":5,"y":6,"width":20,"height":10}]');
		const fromExpression = captureCreate(done, objectRemovalApi.taskPath);
		const rectangles =
			'={{ [{ x: 1, y: 2, width: 3, height: 4 }, { x: 10, y: 10, width: 5, height: 5 }] }}';
		expect((await run({ area: 'rectangles', rectangles })).error).toBeUndefined();
		expect(JSON.parse(fromExpression.fields?.rectangles ?? '')).toHaveLength(2);
	});

	it.each([
		['not JSON', '[{x: 1', /^"Rectangles" is not valid JSON/],
		['an empty list', '[]', /^"Rectangles" has 0 rectangles; PicWish takes 1 to 50 \[item 0\]$/],
		[
			'51 rectangles',
			JSON.stringify(Array.from({ length: 51 }, () => ({ x: 0, y: 0, width: 1, height: 1 }))),
			/has 51 rectangles; PicWish takes 1 to 50/,
		],
		[
			'a width of 2.5',
			'[{"x":0,"y":0,"width":2.5,"height":4}]',
			/has rectangle 1 with width 2.5, not a whole number of 1 or more/,
		],
		[
			'a missing height',
			'[{"x":0,"y":0,"width":2}]',
			/has rectangle 1 with height missing, not a whole number of 1 or more/,
		],
		[
			'a rectangle outside the image',
			'[{"x":0,"y":0,"width":2,"height":2},{"x":500,"y":0,"width":2,"height":2}]',
			/has rectangle 2 from \(500, 0\) to \(502, 2\), past the edge of the 120×80 image/,
		],
		[
			'a rectangle running past the edge',
			'[{"x":100,"y":10,"width":40,"height":10}]',
			/has rectangle 1 from \(100, 10\) to \(140, 20\), past the edge of the 120×80 image/,
		],
		[
			'areas of half the image or more',
			'[{"x":0,"y":0,"width":60,"height":80},{"x":30,"y":0,"width":40,"height":40}]',
			/^"Rectangles" cover 54% of the 120×80 image; PicWish removes areas under 50% of an image \[item 0\]$/,
		],
	])('shows what is wrong with %s', async (_name, rectangles, pattern) => {
		const result = await run({ area: 'rectangles', rectangles });
		expect(result.error?.message).toMatch(pattern);
		expect((result.error as { description?: string }).description).toMatch(
			/^Give a JSON list such as|^Measure the rectangles|^Mark only what is to be removed/,
		);
	});

	it('counts overlapping rectangles once: two that overlap fully cover what one does', async () => {
		const seen = captureCreate(done, objectRemovalApi.taskPath);
		expect(
			(
				await run({
					area: 'rectangles',
					rectangles:
						'[{"x":0,"y":0,"width":50,"height":80},{"x":10,"y":10,"width":20,"height":20}]',
				})
			).error,
		).toBeUndefined();
		expect(seen.fields?.rectangles).toBeDefined();
	});

	it('refuses a binary mask of another size than the image, naming both sizes, before any request', async () => {
		const result = await run({ area: 'maskBinary', maskBinaryPropertyName: 'mask' }, [
			withMask([120, 80], [60, 40]),
		]);
		expect(result.error?.message).toBe(
			'"Mask Binary Field" holds a 60×40 mask, but the image is 120×80 [item 0]',
		);
	});

	it('when PicWish fails a task given a mask, says that rectangles were seen working where masks failed', async () => {
		api()
			.post(objectRemovalApi.taskPath)
			.reply(200, envelope({ task_id: 'm-1', state: -7 }));
		const result = await run({ area: 'maskUrl', maskUrl: 'https://cdn.example/mask.png' });
		expect((result.error as { description?: string }).description).toMatch(
			/try Area to Remove: Rectangles\.$/,
		);
		expect((result.error as { description?: string }).description).toMatch(
			/Third-party code reports at most 4096 px per side and 20 MB for this API\./,
		);
	});

	it("uploads an image and a mask that together exceed the run's transfer budget (the mask does not wait on its own image)", async () => {
		// 20 MB each (a PNG padded with a text chunk): 40 MB against the 32 MB held for transfers at once.
		const padded = (color: [number, number, number]) => {
			const png = makePng(120, 80, color);
			return Buffer.concat([
				png.subarray(0, 33),
				pngChunk('tEXt', Buffer.alloc(20 * 1024 * 1024, 0x61)),
				png.subarray(33),
			]);
		};
		const seen = captureCreate(done, objectRemovalApi.taskPath);
		const item: InputItem = {
			binary: {
				data: { data: padded([200, 10, 10]), fileName: 'big.png', mimeType: 'image/png' },
				mask: { data: padded([255, 255, 255]), fileName: 'mask.png', mimeType: 'image/png' },
			},
		};
		const result = await run({ area: 'maskBinary', maskBinaryPropertyName: 'mask' }, [item]);
		expect(result.error).toBeUndefined();
		expect(seen.files).toEqual(['image_file', 'mask_file']);
	});

	it('uploads a mask from a binary field beside the image', async () => {
		const seen = captureCreate(done, objectRemovalApi.taskPath);
		expect(
			(
				await run({ area: 'maskBinary', maskBinaryPropertyName: 'mask' }, [
					withMask([120, 80], [120, 80]),
				])
			).error,
		).toBeUndefined();
		expect(seen.files).toEqual(['image_file', 'mask_file']);
		expect(seen.parts?.mask_file.filename).toBe('mask.png');
		expect(seen.fields?.rectangles).toBeUndefined();
	});

	it('sends a mask URL, and names a missing mask field', async () => {
		const seen = captureCreate(done, objectRemovalApi.taskPath);
		expect(
			(await run({ area: 'maskUrl', maskUrl: 'https://cdn.example/mask.png' })).error,
		).toBeUndefined();
		expect(seen.fields).toMatchObject({ mask_url: 'https://cdn.example/mask.png' });
		const missing = await run({ area: 'maskBinary', maskBinaryPropertyName: 'mask' });
		expect(missing.error?.message).toBe('This item has no binary property "mask" [item 0]');
		expect((missing.error as { description?: string }).description).toMatch(
			/Set "Mask Binary Field" to the one that holds the image/,
		);
	});
});

describe('Expansion: ratios or a canvas mask of the same size', () => {
	it('refuses a mask of another size than the image, and sends one of the same size', async () => {
		const parameters = {
			resource: 'expansion',
			operation: 'expandImage',
			inputType: 'binary',
			expandBy: 'maskBinary',
			maskBinaryPropertyName: 'mask',
			options: { resultAs: 'url' },
		};
		const wrong = await runPicWish({ parameters, items: [withMask([200, 100], [100, 100])] });
		expect(wrong.error?.message).toBe(
			'"Mask Binary Field" holds a 100×100 mask, but the image is 200×100 [item 0]',
		);
		const seen = captureCreate(
			envelope({ task_id: 'x-1', state: 1, image: resultUrl('x-1.jpg') }),
			expansionApi.taskPath,
		);
		expect(
			(await runPicWish({ parameters, items: [withMask([200, 100], [200, 100])] })).error,
		).toBeUndefined();
		expect(seen.files).toEqual(['image_file', 'mask_file']);
	});
});

describe('Background: image and mask', () => {
	it('downloads both into "data" and "mask", each named for what it is', async () => {
		captureCreate(
			envelope({
				task_id: 'bg-1',
				state: 1,
				image: resultUrl('bg-1.png'),
				mask: resultUrl('bg-1-mask.png'),
			}),
			backgroundApi.taskPath,
		);
		storage()
			.get('/tasks/bg-1.png')
			.query(true)
			.reply(200, makePng(120, 80), { 'Content-Type': 'image/png' });
		storage()
			.get('/tasks/bg-1-mask.png')
			.query(true)
			.reply(200, makePng(120, 80, [255, 255, 255]), { 'Content-Type': 'image/png' });
		const result = await runPicWish({
			parameters: {
				resource: 'background',
				operation: 'removeBackground',
				inputType: 'binary',
				options: { output: 1 },
			},
			items: [photo(120, 80, 'sneaker.png')],
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].binary?.data.fileName).toBe('sneaker-no-background.png');
		expect(result.items[0].binary?.mask.fileName).toBe('sneaker-mask.png');
		expect(result.items[0].json).toMatchObject({
			resultUrl: resultUrl('bg-1.png'),
			mask: resultUrl('bg-1-mask.png'),
		});
	});

	it('with "Mask Only", the mask is the result', async () => {
		captureCreate(
			envelope({ task_id: 'bg-2', state: 1, image: '', mask: resultUrl('bg-2-mask.png') }),
			backgroundApi.taskPath,
		);
		storage()
			.get('/tasks/bg-2-mask.png')
			.query(true)
			.reply(200, makePng(120, 80, [255, 255, 255]), { 'Content-Type': 'image/png' });
		const result = await runPicWish({
			parameters: {
				resource: 'background',
				operation: 'removeBackground',
				inputType: 'binary',
				options: { output: 3 },
			},
			items: [photo(120, 80, 'sneaker.png')],
		});
		expect(result.error).toBeUndefined();
		expect(Object.keys(result.items[0].binary ?? {})).toEqual(['data']);
		expect(result.items[0].binary?.data.fileName).toBe('sneaker-mask.png');
	});
});

describe("Check Credits First, at each API's price", () => {
	const credits = (left: number) =>
		api()
			.get(CREDITS_PATH)
			.reply(200, envelope([{ remaining_credits: left, used_credits: 0 }]));

	it("prices Enhance by each image's long edge, and a URL at the higher price, before any create", async () => {
		credits(7);
		const items: InputItem[] = [
			{
				binary: {
					data: { data: makeJpeg(2048, 1000, { exifBytes: 60_000 }), fileName: 'small.jpg' },
				},
			},
			{ binary: { data: { data: makeJpeg(3000, 2000), fileName: 'large.jpg' } } },
			{ json: { url: 'https://cdn.example/unknown.jpg' } },
		];
		const result = await runPicWish({
			parameters: {
				resource: 'enhance',
				operation: 'enhanceImage',
				inputType: '={{ $json.url ? "url" : "binary" }}',
				imageUrl: '={{ $json.url }}',
				options: { checkCreditsFirst: true },
			},
			items,
		});
		expect(result.error?.message).toBe('Not enough PicWish credits: 8 needed, 7 left [item 0]');
		expect((result.error as { description?: string }).description).toBe(
			'Check Credits First stopped the run before any task was created: 3 items need 8 credits (2 credits per image up to 2048 px on the long edge, 3 above). 1 of them (given by URL, or with an unreadable header) was counted at the higher price, since their size is unknown before PicWish downloads them. Buy credits at https://picwish.com/pricing, split the batch, or turn Check Credits First off to process as many images as the credits allow.',
		);
	});

	it('prices Enhance Pro by its quality: an HD image (4 credits) starts with 4 left, an Ultra HD one (5) does not', async () => {
		const run = (quality: number) =>
			runPicWish({
				parameters: {
					resource: 'enhancePro',
					operation: 'enhanceImagePro',
					inputType: 'url',
					imageUrl: 'https://cdn.example/a.jpg',
					options: { checkCreditsFirst: true, quality, resultAs: 'url' },
				},
			});
		credits(4);
		const seen = captureCreate(
			envelope({ task_id: 'pro-1', state: 1, image: resultUrl('pro-1.jpg') }),
			enhanceProApi.taskPath,
		);
		expect((await run(1)).error).toBeUndefined();
		expect(seen.fields).toMatchObject({ type: '1' });
		credits(4);
		expect((await run(0)).error?.message).toBe(
			'Not enough PicWish credits: 5 needed, 4 left [item 0]',
		);
	});
});

describe('where PicWish publishes no limit, a refusal by PicWish says so and names what third-party code reports', () => {
	it('state -5 on an API without published limits does not claim a size', async () => {
		api()
			.post(objectRemovalApi.taskPath)
			.reply(200, envelope({ task_id: 'big-1', state: -5 }));
		const result = await runPicWish({
			parameters: {
				resource: 'objectRemoval',
				operation: 'removeObjects',
				inputType: 'url',
				imageUrl: 'https://cdn.example/huge.jpg',
			},
		});
		const description = (result.error as { description?: string }).description ?? '';
		expect(description).toMatch(
			/^The image behind the URL is larger than this API accepts \(PicWish does not publish its limit\)\. Third-party code reports at most 4096 px per side and 20 MB for this API\./,
		);
		expect(description).not.toMatch(/50 MB/);
	});

	it('an HTTP 400 to the create of such an API names the likely limit too', async () => {
		api()
			.post(objectRemovalApi.taskPath)
			.reply(400, envelope({}, 400, 'image too large'));
		const result = await runPicWish({
			parameters: {
				resource: 'objectRemoval',
				operation: 'removeObjects',
				inputType: 'url',
				imageUrl: 'https://cdn.example/huge.jpg',
			},
		});
		expect((result.error as { description?: string }).description).toMatch(
			/PicWish said: "image too large"\. Third-party code reports at most 4096 px per side and 20 MB for this API\.$/,
		);
	});

	it('Compression to a target size of an image by URL: a failure says the image may be a PNG', async () => {
		api()
			.post('/api/tasks/visual/imgcompress')
			.reply(200, envelope({ task_id: 'c-1', state: -7 }));
		const result = await runPicWish({
			parameters: {
				resource: 'compression',
				operation: 'compress',
				inputType: 'url',
				imageUrl: 'https://cdn.example/logo',
				options: { targetSize: 100 },
			},
		});
		expect((result.error as { description?: string }).description).toMatch(
			/if it is a PNG, set Format to JPG or WebP, or use Quality\.$/,
		);
	});

	it('Expansion sends a prompt of up to 200 characters as "prompt"', async () => {
		const seen = captureCreate(
			envelope({ task_id: 'p-1', state: 1, image: resultUrl('p-1.jpg') }),
			expansionApi.taskPath,
		);
		const prompt = 'y'.repeat(200);
		expect(
			(
				await runPicWish({
					parameters: {
						resource: 'expansion',
						operation: 'expandImage',
						inputType: 'url',
						imageUrl: 'https://cdn.example/a.jpg',
						options: { prompt, resultAs: 'url' },
					},
				})
			).error,
		).toBeUndefined();
		expect(seen.fields?.prompt).toBe(prompt);
	});
});

describe("Enhance's price: by the input's long edge or the result's, the same", () => {
	it('within the factors PicWish allows, a result crosses 2048 px only where its input does', () => {
		for (const factor of ['', 1, 2, 4]) {
			for (let edge = 1; edge <= 4096; edge++) {
				if (typeof factor === 'number' && factor > 1 && edge > FACTOR_MAX_EDGE[factor]) continue;
				const result = edge * appliedFactor(factor, edge);
				expect([factor, edge, result > ENHANCE_PRICE_EDGE]).toEqual([
					factor,
					edge,
					edge > ENHANCE_PRICE_EDGE,
				]);
			}
		}
	});
});

describe("limits from PicWish's older list and its example code", () => {
	/** A PNG padded with a text chunk to about `megabytes` MB. */
	const paddedPng = (megabytes: number) => {
		const png = makePng(120, 80);
		return Buffer.concat([
			png.subarray(0, 33),
			pngChunk('tEXt', Buffer.alloc(megabytes * 1024 * 1024, 0x61)),
			png.subarray(33),
		]);
	};

	it.each([
		['background', 'removeBackground', 16, 15],
		['enhance', 'enhanceImage', 21, 20],
		['faceCutout', 'cutOutFace', 21, 20],
	])(
		'%s → %s refuses a %i MB file before any request, naming its %i MB limit',
		async (resource, operation, size, limit) => {
			const { message } = await refusal(resource, operation, {}, [
				{ binary: { data: { data: paddedPng(size), fileName: 'big.png', mimeType: 'image/png' } } },
			]);
			expect(message).toMatch(
				new RegExp(
					`^The file "big\\.png" in "data" is ${size}\\.0 MB, over PicWish's upload limit of ${limit} MB \\[item 0\\]$`,
				),
			);
		},
	);

	it('Background takes a TIFF (its older list names the format)', async () => {
		const tiff = Buffer.alloc(64);
		tiff.write('II*\0', 0, 'latin1');
		tiff.writeUInt32LE(8, 4);
		tiff.writeUInt16LE(2, 8);
		[
			[256, 640],
			[257, 480],
		].forEach(([tag, value], index) => {
			tiff.writeUInt16LE(tag, 10 + index * 12);
			tiff.writeUInt16LE(3, 12 + index * 12);
			tiff.writeUInt32LE(1, 14 + index * 12);
			tiff.writeUInt16LE(value, 18 + index * 12);
		});
		const seen = captureCreate(
			envelope({ task_id: 't-1', state: 1, image: resultUrl('t-1.png') }),
			backgroundApi.taskPath,
		);
		const result = await runPicWish({
			parameters: {
				resource: 'background',
				operation: 'removeBackground',
				inputType: 'binary',
				options: { resultAs: 'url' },
			},
			items: [{ binary: { data: { data: tiff, fileName: 'scan.tif', mimeType: 'image/tiff' } } }],
		});
		expect(result.error).toBeUndefined();
		expect(seen.parts?.image_file.contentType).toBe('image/tiff');
	});
});
