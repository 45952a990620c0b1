/** Each sandbox task API's own fields, rules and results (apis.test.ts checks the shared rules). */
import jpeg from 'jpeg-js';

import { backgroundApi } from '../../nodes/PicWish/actions/background/api';
import { colorizationApi } from '../../nodes/PicWish/actions/colorization/api';
import { compressionApi } from '../../nodes/PicWish/actions/compression/api';
import { cropEnhanceApi } from '../../nodes/PicWish/actions/cropEnhance/api';
import { enhanceApi } from '../../nodes/PicWish/actions/enhance/api';
import { enhanceProApi } from '../../nodes/PicWish/actions/enhancePro/api';
import { expansionApi } from '../../nodes/PicWish/actions/expansion/api';
import { faceCutoutApi } from '../../nodes/PicWish/actions/faceCutout/api';
import { idPhotoApi } from '../../nodes/PicWish/actions/idPhoto/api';
import { objectRemovalApi } from '../../nodes/PicWish/actions/objectRemoval/api';
import { restorationApi } from '../../nodes/PicWish/actions/restoration/api';
import { GIF, makeJpeg, makePng } from '../support/images';
import { useRealNetwork } from '../support/nock-lifecycle';
import { client, download, fileServer, pngColourType, pngPixel } from './api-client';
import { type Sandbox, startSandbox } from './server';

let sandbox: Sandbox;
let files: Awaited<ReturnType<typeof fileServer>>;
beforeAll(async () => {
	useRealNetwork();
	sandbox = await startSandbox({ qps: 1000, processingMs: 0 });
	// URL images the samples cannot make cheaply: header-only JPEGs of any size, a GIF.
	files = await fileServer({
		'/wide-5000x100.jpg': makeJpeg(5000, 100),
		'/tall-100x2100.jpg': makeJpeg(100, 2100),
		'/tiny-50x50.png': makePng(50, 50),
		'/anim.gif': GIF,
		'/mask-64x64.png': makePng(64, 64, [255, 255, 255]),
	});
});
afterAll(async () => {
	await sandbox.close();
	await files.close();
});
beforeEach(() => sandbox.reset());

const api = client(() => sandbox.url);
const sample = (name: string) => `${sandbox.url}/samples/${name}`;
const used = () => sandbox.credits('sandbox-key').used;
const longUrl = () => `${sandbox.url}/samples/${'x'.repeat(512)}-64x64.png`;

describe('background removal (segmentation)', () => {
	const path = backgroundApi.taskPath;
	const image_url = () => sample('person-200x100.png');

	it('cuts the subject out onto transparency (PNG with alpha); output_type picks image, mask or both', async () => {
		const only = await api.run(path, { image_url: image_url() });
		expect(only.mask).toBe('');
		const image = await download(only.image);
		expect(pngColourType(image.bytes)).toBe(6);
		expect(pngPixel(image.bytes, 0, 0)[3]).toBe(0);
		expect(pngPixel(image.bytes, 100, 50)[3]).toBe(255);

		const both = await api.run(path, { image_url: image_url(), output_type: '1' });
		const mask = await download(both.mask);
		expect(mask.header).toMatchObject({ width: 200, height: 100, type: { kind: 'png' } });
		expect(pngColourType(mask.bytes)).toBe(0);
		expect([pngPixel(mask.bytes, 0, 0)[0], pngPixel(mask.bytes, 100, 50)[0]]).toEqual([0, 255]);

		const maskOnly = await api.run(path, { image_url: image_url(), output_type: '3' });
		expect(maskOnly.image).toBe('');
		expect((await download(maskOnly.mask)).header).toMatchObject({ width: 200, height: 100 });
		expect(maskOnly).toMatchObject({ image_width: 200, image_height: 100 });
	});

	it('crops to the subject with crop=1, and lays it on a colour as a JPEG with format=jpg', async () => {
		const cropped = await download(
			(await api.run(path, { image_url: image_url(), crop: '1' })).image,
		);
		expect(cropped.header.width).toBeLessThan(200);
		expect(cropped.header.height).toBeLessThan(100);
		expect(pngPixel(cropped.bytes, 0, 0)[3]).toBe(0);
		const green = await download(
			(await api.run(path, { image_url: image_url(), format: 'jpg', bg_color: '00ff00' })).image,
		);
		expect(green.header.type.kind).toBe('jpeg');
		const [r, g, b] = jpeg.decode(green.bytes).data;
		expect([r < 30, g > 220, b < 30]).toEqual([true, true, true]);
	});

	it.each([
		[{ bg_color: 'ffffff' }, /bg_color is only allowed with format "jpg"/],
		[{ format: 'png', bg_color: 'ffffff' }, /bg_color is only allowed/],
		[{ format: 'jpg', bg_color: '#fff' }, /bg_color must be six hex digits/],
		[{ format: 'gif' }, /format must be one of "png", "jpg"/],
		[{ type: 'car' }, /type must be one of "", "person", "object", "stamp"/],
		[{ output_type: '4' }, /output_type must be one of 1, 2, 3/],
		[{ crop: '2' }, /crop must be one of 0, 1/],
		[{ crop: 'yes' }, /crop must be an integer/],
	])('refuses %j', async (fields, reason) => {
		expect(await api.refused(path, { image_url: image_url(), ...fields })).toMatch(reason);
	});
});

describe('face cutout', () => {
	const path = faceCutoutApi.taskPath;

	it('answers a transparent PNG, cropped with crop=1, or a JPEG with output_format=jpg', async () => {
		const full = await download((await api.run(path, { image_file: makePng(160, 120) })).image);
		expect(full.header).toMatchObject({ width: 160, height: 120 });
		expect(pngPixel(full.bytes, 0, 0)[3]).toBe(0);
		const cropped = await download(
			(await api.run(path, { image_file: makePng(160, 120), crop: '1' })).image,
		);
		expect(cropped.header.width).toBeLessThan(160);
		const jpg = await download(
			(await api.run(path, { image_url: sample('face-160x120.jpg'), output_format: 'jpg' })).image,
		);
		expect(jpg).toMatchObject({
			extension: 'jpg',
			contentType: 'image/jpeg',
			header: { width: 160, height: 120 },
		});
	});

	it.each([
		[{ output_format: 'webp' }, /output_format must be one of "png", "jpg"/],
		[{ crop: '3' }, /crop must be one of 0, 1/],
	])('refuses %j', async (fields, reason) => {
		expect(await api.refused(path, { image_url: sample('f-64x64.png'), ...fields })).toMatch(
			reason,
		);
	});
});

describe('object removal (inpaint)', () => {
	const path = objectRemovalApi.taskPath;
	const image_url = () => sample('scene-160x120.png');

	it('paints over rectangles or a mask (file or URL): a JPEG of the same size', async () => {
		const painted = await download(
			(
				await api.run(path, {
					image_url: image_url(),
					rectangles: '[{"x":20,"y":20,"width":40,"height":30}]',
				})
			).image,
		);
		expect(painted.header).toMatchObject({ width: 160, height: 120, type: { kind: 'jpeg' } });
		const { data } = jpeg.decode(painted.bytes);
		const at = (x: number, y: number) => [
			...data.subarray((y * 160 + x) * 4, (y * 160 + x) * 4 + 3),
		];
		at(25, 25).forEach((value, channel) =>
			expect(Math.abs(value - at(55, 45)[channel])).toBeLessThan(12),
		);
		for (const mask of [
			{ mask_file: makePng(160, 120, [255, 255, 255]) },
			{ mask_url: sample('m-80x60.png') },
		]) {
			expect(
				(await download((await api.run(path, { image_url: image_url(), ...mask })).image)).header,
			).toMatchObject({ width: 160, height: 120 });
		}
		expect(used()).toBe(3);
	});

	it('fails the task when the mask URL cannot be fetched or is no image', async () => {
		expect(
			(await api.post(path, { image_url: image_url(), mask_url: sample('fail-3.png'), sync: '1' }))
				.body.data?.state,
		).toBe(-3);
		expect(
			(
				await api.post(path, {
					image_url: image_url(),
					mask_url: `${files.url}/anim.gif`,
					sync: '1',
				})
			).body.data?.state,
		).toBe(-7);
		expect(used()).toBe(0);
	});

	const rect = { x: 0, y: 0, width: 10, height: 10 };
	it.each([
		[{}, /one of mask_url, mask_file, rectangles is required/],
		[
			{ rectangles: JSON.stringify([rect]), mask_url: 'http://x/m.png' },
			/mask_url and rectangles are mutually exclusive/,
		],
		[
			{ mask_url: 'http://x/m.png', mask_file: makePng(10, 10) },
			/mask_url and mask_file are mutually exclusive/,
		],
		[{ mask_file: Buffer.from('%PDF-1.7') }, /mask_file is not a JPG or PNG image/],
		[{ mask_file: GIF }, /mask_file is not a JPG or PNG image/],
		[{ rectangles: '{x:1}' }, /rectangles must be JSON/],
		[{ rectangles: JSON.stringify(rect) }, /rectangles must be a JSON array/],
		[{ rectangles: '[]' }, /1 to 50 rectangles, not 0/],
		[
			{ rectangles: JSON.stringify(Array.from({ length: 51 }, () => rect)) },
			/1 to 50 rectangles, not 51/,
		],
		[{ rectangles: '[5]' }, /rectangles\[0\] must be an object/],
		[
			{ rectangles: JSON.stringify([rect, { ...rect, x: -1 }]) },
			/rectangles\[1\]\.x must be an integer of at least 0, not -1/,
		],
		[
			{ rectangles: JSON.stringify([{ ...rect, y: 1.5 }]) },
			/rectangles\[0\]\.y must be an integer/,
		],
		[
			{ rectangles: JSON.stringify([{ ...rect, width: 0 }]) },
			/rectangles\[0\]\.width must be an integer of at least 1, not 0/,
		],
		[
			{ rectangles: JSON.stringify([{ x: 1, y: 1, width: 5 }]) },
			/rectangles\[0\]\.height must be an integer of at least 1, not missing/,
		],
		[
			{ rectangles: JSON.stringify([{ ...rect, height: '5' }]) },
			/rectangles\[0\]\.height must be an integer/,
		],
		[{ rectangles: JSON.stringify([rect]), return_type: '3' }, /return_type must be one of 1, 2/],
	])('refuses %j', async (fields, reason) => {
		expect(await api.refused(path, { image_url: image_url(), ...fields })).toMatch(reason);
	});
});

describe('enhance (scale)', () => {
	const path = enhanceApi.taskPath;
	const size = async (fields: Record<string, string | Buffer>) => {
		const data = await api.run(path, fields);
		const { header } = await download(data.image);
		expect([data.image_width, data.image_height]).toEqual([header.width, header.height]);
		return [header.width, header.height];
	};

	it('scales automatically by the long edge (≤512 → 4×, ≤1024 → 2×, else 1×) or by scale_factor', async () => {
		expect(await size({ image_url: sample('s-200x150.jpg') })).toEqual([800, 600]);
		expect(await size({ image_url: sample('s-520x100.jpg') })).toEqual([1040, 200]);
		expect(await size({ image_file: makeJpeg(1500, 1000) })).toEqual([1500, 1000]);
		expect(await size({ image_url: sample('s-200x150.jpg'), scale_factor: '2' })).toEqual([
			400, 300,
		]);
		expect(
			await size({ image_url: sample('s-200x150.jpg'), scale_factor: '1', type: 'face' }),
		).toEqual([200, 150]);
		expect(used()).toBe(10);
	});

	it('charges 3 above a 2048 px long edge; a large result is a flat JPEG that still decodes', async () => {
		expect(await size({ image_file: makeJpeg(3000, 2000), scale_factor: '4' })).toEqual([
			12000, 8000,
		]);
		expect(used()).toBe(3);
		const big = await download((await api.run(path, { image_url: sample('b-800x700.png') })).image);
		expect(big.header).toMatchObject({ width: 1600, height: 1400 });
		expect(jpeg.decode(big.bytes, { maxMemoryUsageInMB: 512 })).toMatchObject({
			width: 1600,
			height: 1400,
		});
	});

	it.each([
		[{ scale_factor: '3' }, /scale_factor must be one of 1, 2, 4/],
		[{ type: 'sharp' }, /type must be one of "clean", "face"/],
	])('refuses %j', async (fields, reason) => {
		expect(await api.refused(path, { image_url: sample('s-64x64.png'), ...fields })).toMatch(
			reason,
		);
	});
});

describe('enhance pro (scale-pro)', () => {
	const path = enhanceProApi.taskPath;

	it('answers 4× for Ultra HD (5 credits) and 2× for HD (4 credits), capped at an 8192 px long edge', async () => {
		expect(
			(await download((await api.run(path, { image_url: sample('p-200x100.png') })).image)).header,
		).toMatchObject({ width: 800, height: 400 });
		expect(
			(
				await download(
					(await api.run(path, { image_url: sample('p-200x100.png'), type: '1' })).image,
				)
			).header,
		).toMatchObject({ width: 400, height: 200 });
		expect(used()).toBe(9);
		expect(
			(await download((await api.run(path, { image_file: makeJpeg(4096, 2048) })).image)).header,
		).toMatchObject({ width: 8192, height: 4096 });
	});

	it('takes JPG, PNG, BMP, WebP or TIFF files up to 30 MB and 4096 px (400 otherwise); URL images beyond fail (-5, -7)', async () => {
		expect(await api.refused(path, { image_file: GIF })).toMatch(
			/image_file is not a JPG, PNG, BMP, WebP or TIFF image/,
		);
		expect(await api.refused(path, { image_file: makeJpeg(5000, 100) })).toMatch(
			/image_file is 5000×100, over 4096 pixels per side/,
		);
		expect(
			await api.refused(path, {
				image_file: Buffer.concat([makeJpeg(100, 100), Buffer.alloc(30 * 1024 * 1024)]),
			}),
		).toMatch(/over the limit of 31457280/);
		expect(await api.refused(path, { image_url: longUrl() })).toMatch(
			/image_url is \d+ characters, over the limit of 512/,
		);
		expect(await api.refused(path, { image_url: sample('p-64x64.png'), type: '2' })).toMatch(
			/type must be one of 0, 1/,
		);
		expect(
			(await api.post(path, { image_url: `${files.url}/wide-5000x100.jpg`, sync: '1' })).body.data
				?.state,
		).toBe(-5);
		expect(
			(await api.post(path, { image_url: `${files.url}/anim.gif`, sync: '1' })).body.data?.state,
		).toBe(-7);
		expect(used()).toBe(0);
	});
});

describe('colorization', () => {
	const path = colorizationApi.taskPath;

	it('answers in the asked format: jpeg/jpg (default), png or webp, at the input size', async () => {
		for (const [format, kind] of [
			[undefined, 'jpeg'],
			['jpg', 'jpeg'],
			['jpeg', 'jpeg'],
			['png', 'png'],
			['webp', 'webp'],
		]) {
			const data = await api.run(path, {
				image_url: sample('old-150x100.jpg'),
				...(format ? { format } : {}),
			});
			const result = await download(data.image);
			expect(result.header).toMatchObject({ width: 150, height: 100, type: { kind } });
			expect(result.contentType).toBe(result.header.type.mimeType);
		}
	});

	it('refuses another format', async () => {
		expect(await api.refused(path, { image_url: sample('c-64x64.png'), format: 'gif' })).toMatch(
			/format must be one of "jpeg", "jpg", "png", "webp"/,
		);
	});
});

describe('compression (imgcompress)', () => {
	const path = compressionApi.taskPath;
	const jpgInput = () => sample('photo-320x240.jpg');

	it('answers a smaller file in the kept or asked format, resized when asked', async () => {
		const original = (await (await fetch(jpgInput())).arrayBuffer()).byteLength;
		const cases: Array<[Record<string, string>, string, [number, number]]> = [
			[{}, 'jpeg', [320, 240]],
			[{ quality: '30' }, 'jpeg', [320, 240]],
			[{ width: '160' }, 'jpeg', [160, 120]],
			[{ height: '60' }, 'jpeg', [80, 60]],
			[{ width: '100', height: '100' }, 'jpeg', [100, 100]],
			[{ format: 'webp' }, 'webp', [320, 240]],
			[{ kbyte: '4' }, 'jpeg', [320, 240]],
		];
		for (const [fields, kind, [width, height]] of cases) {
			const result = await download(
				(await api.run(path, { image_url: jpgInput(), ...fields })).image,
			);
			expect(result.header).toMatchObject({ width, height, type: { kind } });
			expect(result.bytes.length).toBeLessThan(original);
			if (fields.kbyte) expect(result.bytes.length).toBeLessThanOrEqual(4 * 1024);
		}
		const pngSource = await (await fetch(sample('graphic-320x240.png'))).arrayBuffer();
		const png = await download(
			(await api.run(path, { image_url: sample('graphic-320x240.png') })).image,
		);
		expect(png.header).toMatchObject({ width: 320, height: 240, type: { kind: 'png' } });
		expect(png.bytes.length).toBeLessThan(pngSource.byteLength);
	});

	it('charges 1 up to a 4096 px long edge, 2 up to 8000; fails a larger image at no charge', async () => {
		await api.run(path, { image_file: makeJpeg(5000, 1000) });
		expect(used()).toBe(2);
		expect(
			(await api.post(path, { image_file: makeJpeg(8001, 100), sync: '1' })).body.data?.state,
		).toBe(-5);
		expect(used()).toBe(2);
	});

	it.each([
		[{ quality: '0' }, /quality must be between 1 and 100, not 0/],
		[{ quality: '101' }, /quality must be between 1 and 100/],
		[{ quality: 'high' }, /quality must be an integer/],
		[{ kbyte: '51201' }, /kbyte must be between 0 and 51200/],
		[{ quality: '50', kbyte: '100' }, /quality and kbyte are mutually exclusive/],
		[{ format: 'png', kbyte: '100' }, /kbyte is not supported for png output/],
		[{ width: '8001' }, /width must be between 0 and 8000/],
		[{ height: '-1' }, /height must be between 0 and 8000/],
		[{ format: 'gif' }, /format must be one of "jpg", "png", "webp"/],
		[{ return_type: '3' }, /return_type must be one of 1, 2/],
	])('refuses %j', async (fields, reason) => {
		expect(await api.refused(path, { image_url: jpgInput(), ...fields })).toMatch(reason);
	});

	it('refuses kbyte when the format is empty and the input is a PNG (file or URL)', async () => {
		expect(await api.refused(path, { image_file: makePng(64, 64), kbyte: '10' })).toMatch(
			/kbyte is not supported for png output \(format is empty/,
		);
		expect(await api.refused(path, { image_url: sample('k-64x64.png'), kbyte: '10' })).toMatch(
			/kbyte is not supported/,
		);
		expect(
			(
				await download(
					(await api.run(path, { image_url: sample('k-64x64.png'), kbyte: '10', format: 'jpg' }))
						.image,
				)
			).header.type.kind,
		).toBe('jpeg');
	});
});

describe('ID photo', () => {
	const path = idPhotoApi.taskPath;
	const image_url = () => sample('portrait-300x400.jpg');

	it('answers exactly `size` (or the input size): a PNG with alpha, or a JPEG on bg_color', async () => {
		const sized = await download(
			(await api.run(path, { image_url: image_url(), size: '295x413' })).image,
		);
		expect(sized.header).toMatchObject({ width: 295, height: 413, type: { kind: 'png' } });
		expect(pngColourType(sized.bytes)).toBe(6);
		expect(pngPixel(sized.bytes, 0, 0)[3]).toBe(0);
		expect(
			(await download((await api.run(path, { image_url: image_url() })).image)).header,
		).toMatchObject({ width: 300, height: 400 });
		const blue = await download(
			(
				await api.run(path, {
					image_url: image_url(),
					size: '200x200',
					format: 'jpg',
					bg_color: '0000FF',
				})
			).image,
		);
		expect(blue.header).toMatchObject({ width: 200, height: 200, type: { kind: 'jpeg' } });
		const [r, g, b] = jpeg.decode(blue.bytes).data;
		expect([r < 30, g < 30, b > 220]).toEqual([true, true, true]);
	});

	it.each([
		[{ size: '295X413' }, /size must be "\{width\}x\{height\}" with a lowercase x/],
		[{ size: '295*413' }, /size must be/],
		[{ size: '99x400' }, /size sides must be 100 to 2000 pixels, not 99x400/],
		[{ size: '300x2001' }, /size sides must be 100 to 2000/],
		[{ bg_color: 'ffffff' }, /bg_color is only allowed with format "jpg"/],
		[{ format: 'jpg', bg_color: 'GGGGGG' }, /bg_color must be six hex digits/],
		[{ format: 'webp' }, /format must be one of "png", "jpg"/],
		[{ return_type: '3' }, /return_type must be one of 1, 2/],
	])('refuses %j', async (fields, reason) => {
		expect(await api.refused(path, { image_url: image_url(), ...fields })).toMatch(reason);
	});
});

describe('crop & enhance (correction)', () => {
	const path = cropEnhanceApi.taskPath;

	it('keeps the size for text enhancement (type 1, default), crops slightly otherwise; type 4 removes the background (PNG)', async () => {
		const image_url = sample('doc-200x100.jpg');
		expect((await download((await api.run(path, { image_url })).image)).header).toMatchObject({
			width: 200,
			height: 100,
			type: { kind: 'jpeg' },
		});
		for (const type of ['0', '2', '3']) {
			expect(
				(await download((await api.run(path, { image_url, type })).image)).header,
			).toMatchObject({ width: 184, height: 92, type: { kind: 'jpeg' } });
		}
		const product = await download((await api.run(path, { image_url, type: '4' })).image);
		expect(product.header).toMatchObject({ width: 184, height: 92, type: { kind: 'png' } });
		expect(pngPixel(product.bytes, 0, 0)[3]).toBe(0);
		expect(used()).toBe(15);
	});

	it('refuses another type', async () => {
		expect(await api.refused(path, { image_url: sample('d-64x64.png'), type: '5' })).toMatch(
			/type must be one of 0, 1, 2, 3, 4/,
		);
	});
});

describe('old photo restoration', () => {
	const path = restorationApi.taskPath;
	const image_url = () => sample('old-120x90.jpg');

	it('answers a JPEG of the same size; model_type goes with restoration_type 1 or 2', async () => {
		for (const fields of [
			{},
			{ restoration_type: '1', model_type: '3' },
			{ restoration_type: '2', change_color: '0' },
		]) {
			expect(
				(await download((await api.run(path, { image_url: image_url(), ...fields })).image)).header,
			).toMatchObject({ width: 120, height: 90, type: { kind: 'jpeg' } });
		}
	});

	it('takes JPG or PNG files under 20 MB and up to 2048 px (400 otherwise); URL images beyond fail (-5)', async () => {
		expect(await api.refused(path, { image_file: GIF })).toMatch(
			/image_file is not a JPG or PNG image/,
		);
		expect(await api.refused(path, { image_file: makeJpeg(2049, 100) })).toMatch(
			/over 2048 pixels per side/,
		);
		expect(
			await api.refused(path, {
				image_file: Buffer.concat([makeJpeg(100, 100), Buffer.alloc(20 * 1024 * 1024)]),
			}),
		).toMatch(/over the limit/);
		expect(await api.refused(path, { image_url: longUrl() })).toMatch(/over the limit of 512/);
		expect(
			(await api.post(path, { image_url: `${files.url}/tall-100x2100.jpg`, sync: '1' })).body.data
				?.state,
		).toBe(-5);
	});

	it.each([
		[{ model_type: '1' }, /model_type is only allowed when restoration_type is 1 or 2/],
		[{ restoration_type: '0', model_type: '2' }, /model_type is only allowed/],
		[{ restoration_type: '1', model_type: '4' }, /model_type must be one of 1, 2, 3/],
		[{ restoration_type: '3' }, /restoration_type must be one of 0, 1, 2/],
		[{ change_color: '2' }, /change_color must be one of 0, 1/],
	])('refuses %j', async (fields, reason) => {
		expect(await api.refused(path, { image_url: image_url(), ...fields })).toMatch(reason);
	});
});

describe('image expansion', () => {
	const path = expansionApi.taskPath;
	const image_url = () => sample('land-200x100.jpg');

	it('grows each side by its ratio (0.1 by default); with a mask of the same size (canvas mode) keeps the size', async () => {
		expect(
			(await download((await api.run(path, { image_url: image_url() })).image)).header,
		).toMatchObject({ width: 240, height: 120 });
		const sides = { left: '0.5', right: '0.5', top: '1', bottom: '0.25' };
		expect(
			(await download((await api.run(path, { image_url: image_url(), ...sides })).image)).header,
		).toMatchObject({ width: 400, height: 225 });
		const canvas = await api.run(path, {
			image_file: makePng(64, 64),
			mask_file: makePng(64, 64, [255, 255, 255]),
		});
		expect((await download(canvas.image)).header).toMatchObject({
			width: 64,
			height: 64,
			type: { kind: 'jpeg' },
		});
		expect(
			(
				await api.run(path, {
					image_file: makePng(64, 64),
					mask_url: `${files.url}/mask-64x64.png`,
				})
			).image_width,
		).toBe(64);
	});

	it('refuses a mask file of another size; a mask or image by URL of another size fails the task (-7)', async () => {
		expect(
			await api.refused(path, { image_file: makePng(64, 64), mask_file: makePng(65, 64) }),
		).toMatch(/mask_file is 65×64 but the image is 64×64/);
		expect(
			(
				await api.post(path, {
					image_file: makePng(70, 70),
					mask_url: `${files.url}/mask-64x64.png`,
					sync: '1',
				})
			).body.data?.state,
		).toBe(-7);
		expect(
			(await api.post(path, { image_url: image_url(), mask_file: makePng(64, 64), sync: '1' })).body
				.data?.state,
		).toBe(-7);
		expect(used()).toBe(0);
	});

	it('takes JPG or PNG files up to 5 MB, 64 to 4096 px (400 otherwise); URL images beyond fail (-5, -7)', async () => {
		expect(await api.refused(path, { image_file: GIF })).toMatch(
			/image_file is not a JPG or PNG image/,
		);
		expect(await api.refused(path, { image_file: makePng(63, 100) })).toMatch(
			/under 64 pixels per side/,
		);
		expect(await api.refused(path, { image_file: makeJpeg(4097, 100) })).toMatch(
			/over 4096 pixels per side/,
		);
		expect(
			await api.refused(path, {
				image_file: Buffer.concat([makeJpeg(100, 100), Buffer.alloc(5 * 1024 * 1024)]),
			}),
		).toMatch(/over the limit of 5242880/);
		expect(await api.refused(path, { image_url: longUrl() })).toMatch(/over the limit of 512/);
		expect(
			(await api.post(path, { image_url: `${files.url}/tiny-50x50.png`, sync: '1' })).body.data
				?.state,
		).toBe(-7);
		expect(
			(await api.post(path, { image_url: `${files.url}/wide-5000x100.jpg`, sync: '1' })).body.data
				?.state,
		).toBe(-5);
	});

	it.each([
		[{ top: '0' }, /top must be a number greater than 0 and at most 1, not "0"/],
		[{ left: '1.5' }, /left must be a number greater than 0 and at most 1/],
		[{ bottom: 'wide' }, /bottom must be a number/],
		[{ right: '-0.2' }, /right must be a number/],
		[
			{ mask_url: 'http://x/m.png', mask_file: makePng(200, 100) },
			/mask_url and mask_file are mutually exclusive/,
		],
		[{ mask_file: GIF }, /mask_file is not a JPG or PNG image/],
		[{ return_type: '3' }, /return_type must be one of 1, 2/],
	])('refuses %j', async (fields, reason) => {
		expect(await api.refused(path, { image_url: image_url(), ...fields })).toMatch(reason);
	});
});
