/** The five family stand-ins' own rules and results (apis-family.ts); apis.test.ts checks the shared ones. */
import jpeg from 'jpeg-js';

import { advancedIdPhotoApi } from '../../nodes/PicWish/actions/advancedIdPhoto/api';
import { backgroundGenerationApi } from '../../nodes/PicWish/actions/backgroundGeneration/api';
import { clothingSegmentationApi } from '../../nodes/PicWish/actions/clothingSegmentation/api';
import { ocrApi } from '../../nodes/PicWish/actions/ocr/api';
import { retouchingApi } from '../../nodes/PicWish/actions/retouching/api';
import { GIF, HTML_PAGE, makeBmp, makeJpeg, makePng, PDF } from '../support/images';
import { useRealNetwork } from '../support/nock-lifecycle';
import {
	client,
	download,
	type Fields,
	fetchResult,
	fileServer,
	pngColourType,
	pngPixel,
} from './api-client';
import { readZip, writeDocument, writeZip } from './documents';
import { writePngSync } from './encode';
import { type Sandbox, startSandbox } from './server';

let sandbox: Sandbox;
let files: Awaited<ReturnType<typeof fileServer>>;
beforeAll(async () => {
	useRealNetwork();
	sandbox = await startSandbox({ qps: 1000, processingMs: 0 });
	files = await fileServer({
		'/page.html': HTML_PAGE,
		'/scan.pdf': PDF,
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
/** Credits one successful synchronous task costs. */
async function priceOf(path: string, fields: Fields): Promise<number> {
	const before = used();
	await api.run(path, fields);
	return used() - before;
}

/** A PNG mask: white where `lit(x, y)`, black elsewhere. */
function maskPng(width: number, height: number, lit: (x: number, y: number) => boolean): Buffer {
	const data = Buffer.alloc(width * height * 4, 255);
	for (let y = 0; y < height; y++)
		for (let x = 0; x < width; x++)
			if (!lit(x, y)) data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
	return writePngSync(data, width, height);
}

describe('asynchronous-only APIs', () => {
	it.each([
		[backgroundGenerationApi.taskPath, { prompt: 'a beach' }],
		[ocrApi.taskPath, { format: 'txt' }],
	])(
		'%s refuses sync=1 with 400, and answers sync=0 with a task to query',
		async (path, fields) => {
			const image_url = sample('a-120x80.png');
			expect(await api.refused(path, { ...fields, image_url, sync: '1' })).toMatch(
				/supports asynchronous requests only.*\(sandbox\)/,
			);
			const created = await api.post(path, { ...fields, image_url, sync: '0' });
			expect(created.body).toEqual({ status: 200, data: { task_id: expect.any(String) } });
			expect((await api.runAsync(path, { ...fields, image_url })).state).toBe(1);
		},
	);
});

describe('background generation', () => {
	const path = backgroundGenerationApi.taskPath;
	const image_url = () => sample('fg-120x80.png');

	it('answers image_1 … image_N: different JPEGs of the input size, seeded by the prompt; 3/6/8/10 credits', async () => {
		const three = await api.runAsync(path, {
			image_url: image_url(),
			prompt: 'a sunny beach',
			batch_size: '3',
		});
		expect(three).not.toHaveProperty('image_4');
		const images = await Promise.all(
			['image_1', 'image_2', 'image_3'].map(async (field) => await download(three[field])),
		);
		for (const image of images)
			expect(image.header).toMatchObject({ width: 120, height: 80, type: { kind: 'jpeg' } });
		const hex = images.map((image) => image.bytes.toString('hex'));
		expect(new Set(hex).size).toBe(3);
		expect(used()).toBe(8);
		// The same prompt gives the same images; another prompt, or a template, others.
		const again = await api.runAsync(path, {
			image_url: image_url(),
			prompt: 'a sunny beach',
			batch_size: '1',
		});
		expect((await download(again.image_1)).bytes.toString('hex')).toBe(hex[0]);
		const other = await api.runAsync(path, { image_url: image_url(), scene_type: '105' });
		expect(Object.keys(other).filter((key) => /^image_\d+$/.test(key))).toEqual([
			'image_1',
			'image_2',
		]);
		expect((await download(other.image_1)).bytes.toString('hex')).not.toBe(hex[0]);
		await api.runAsync(path, { image_url: image_url(), prompt: 'x', batch_size: '4' });
		expect(used()).toBe(8 + 3 + 6 + 10);
	});

	it('fails a prompt with "forbidden" in state -17 (prompt invalid), free of charge', async () => {
		const failed = await api.settle(path, {
			image_url: image_url(),
			prompt: 'a forbidden place',
		});
		expect(failed.body.data).toMatchObject({ state: -17 });
		expect(failed.body.data).not.toHaveProperty('image_1');
		expect(used()).toBe(0);
	});

	it.each([
		['no prompt nor scene_type', {}, /one of prompt or scene_type is required/],
		[
			'a 1025-character prompt',
			{ prompt: 'x'.repeat(1025) },
			/prompt is 1025 characters, over the limit of 1024/,
		],
		['scene_type 0', { scene_type: '0' }, /scene_type must be between 1/],
		['a scene_type that is no number', { scene_type: 'beach' }, /scene_type must be an integer/],
		['batch_size 5', { prompt: 'x', batch_size: '5' }, /batch_size must be one of 1, 2, 3, 4/],
	])('refuses %s', async (_label, fields, reason) => {
		expect(
			await api.refused(path, { image_url: sample('fg-64x64.png'), sync: '0', ...fields }),
		).toMatch(reason);
	});

	it('takes a 1024-character prompt', async () => {
		expect(
			(await api.runAsync(path, { image_url: image_url(), prompt: 'y'.repeat(1024) })).state,
		).toBe(1);
	});
});

describe('document OCR', () => {
	const path = ocrApi.taskPath;
	const ocr = async (fields: Fields) => await api.runAsync(path, { format: 'txt', ...fields });
	const text = async (data: Record<string, unknown>) =>
		(await fetchResult(data.file)).bytes.toString('utf8');

	it('answers `file`, a document of the asked format naming the task and the input (no pixel size)', async () => {
		const mime = {
			txt: 'text/plain; charset=utf-8',
			pdf: 'application/pdf',
			docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
		};
		/** Where each OOXML format holds the text. */
		const parts = {
			docx: 'word/document.xml',
			xlsx: 'xl/worksheets/sheet1.xml',
			pptx: 'ppt/slides/slide1.xml',
		};
		for (const [format, type] of Object.entries(mime)) {
			const data = await ocr({ image_file: PDF, format });
			expect(data).not.toHaveProperty('image_width');
			const result = await fetchResult(data.file);
			expect(result).toMatchObject({ contentType: type, extension: format });
			const expected = [`Task: ${data.task_id}`, 'Input: image_file.bin', 'Input type: pdf'];
			let written = result.bytes.toString('latin1');
			if (format === 'txt')
				expect(result.bytes.toString('utf8')).toBe(
					[
						'Text recognised by the PicWish sandbox',
						...expected,
						'Languages: ChinesePRC,English,Digits',
						'',
					].join('\n'),
				);
			else if (format === 'pdf') expect(written.startsWith('%PDF-1.4')).toBe(true);
			else {
				const entries = readZip(result.bytes);
				expect([...entries.keys()]).toEqual(
					expect.arrayContaining([
						'[Content_Types].xml',
						'_rels/.rels',
						parts[format as keyof typeof parts],
					]),
				);
				expect(entries.get('[Content_Types].xml')!.toString()).toContain(type);
				written = entries.get(parts[format as keyof typeof parts])!.toString('utf8');
			}
			for (const line of expected) expect(written).toContain(line);
		}
		expect(used()).toBe(5);
	});

	it('takes PDF, Office (by its parts), old Office, images and GIF; refuses anything else (400, or -7 by URL)', async () => {
		const zip = (name: string) => writeZip([{ name, data: Buffer.from('<x/>') }]);
		const inputs: Array<[Buffer, string]> = [
			[writeDocument('docx', ['a']).bytes, 'docx'],
			[zip('xl/workbook.xml'), 'xlsx'],
			[zip('ppt/presentation.xml'), 'pptx'],
			[zip('content.xml'), 'office-zip'],
			[Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]), 'ole2'],
			[GIF, 'gif'],
			[makePng(30, 20), 'png'],
			[makeJpeg(30, 20), 'jpeg'],
			[makeBmp(30, 20), 'bmp'],
		];
		for (const [image_file, kind] of inputs)
			expect(await text(await ocr({ image_file }))).toContain(`Input type: ${kind}\n`);
		expect(await text(await ocr({ image_url: `${files.url}/scan.pdf` }))).toContain(
			`Input: ${files.url}/scan.pdf\n`,
		);
		expect(await api.refused(path, { format: 'txt', image_file: HTML_PAGE, sync: '0' })).toMatch(
			/image_file is not a PDF, Word, Excel, PowerPoint, JPG, PNG, GIF or BMP file/,
		);
		const byUrl = await api.settle(path, { format: 'txt', image_url: `${files.url}/page.html` });
		expect(byUrl.body.data?.state).toBe(-7);
		expect(used()).toBe(inputs.length + 1);
	});

	it('takes uploads up to 200 MB (over the 50 MB of the other APIs); a larger one is a 413', async () => {
		const big = Buffer.concat([PDF, Buffer.alloc(60 * 1024 * 1024, 0x20)]);
		expect((await ocr({ image_file: big })).state).toBe(1);
		const elsewhere = await api.post(retouchingApi.taskPath, { image_file: big, sync: '1' });
		expect(elsewhere.body).toEqual({
			status: 413,
			message: 'file too large (sandbox): the limit is 50 MB',
		});
		const huge = Buffer.concat([PDF, Buffer.alloc(200 * 1024 * 1024, 0x20)]);
		expect((await api.post(path, { format: 'txt', image_file: huge, sync: '0' })).body).toEqual({
			status: 413,
			message: 'file too large (sandbox): the limit is 200 MB',
		});
	}, 60_000);

	it('refuses an image_url on a port other than 80 or 443 (the sandbox host itself is exempt)', async () => {
		for (const url of ['http://example.com:8080/scan.pdf', 'https://example.com:8443/scan.pdf'])
			expect(await api.refused(path, { format: 'txt', image_url: url, sync: '0' })).toMatch(
				/image_url uses port 84?\d+: only ports 80 and 443 are allowed/,
			);
		expect(sandbox.credits('sandbox-key').used).toBe(0);
	});

	it('reads up to ten known languages (case-sensitive), ChinesePRC, English and Digits by default', async () => {
		expect(await text(await ocr({ image_file: PDF, language: 'English,Japanese' }))).toContain(
			'Languages: English,Japanese\n',
		);
		const ten =
			'English,ChinesePRC,ChineseTaiwan,Digits,Japanese,Korean,French,German,Spanish,Thai';
		expect(await text(await ocr({ image_file: PDF, language: ten }))).toContain(ten);
		for (const [language, reason] of [
			['english', /language "english" is not one of English, ChinesePRC/],
			['English,Klingon', /language "Klingon" is not one of/],
			[`${ten},Arabic`, /language names 11 languages, over the limit of 10/],
		] as const)
			expect(
				await api.refused(path, { format: 'txt', image_file: PDF, language, sync: '0' }),
			).toMatch(reason);
	});

	it('opens a protected PDF with its password only (otherwise state -7, free); a password has at most 32 characters', async () => {
		const named = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Encrypt /s3cret >>\nendobj\n%%EOF\n');
		const reference = Buffer.from('%PDF-1.7\ntrailer\n<< /Encrypt 5 0 R >>\n%%EOF\n');
		const state = async (image_file: Buffer, password?: string) =>
			(await api.settle(path, { format: 'txt', image_file, password })).body.data?.state;
		expect([await state(named), await state(named, 'wrong'), await state(reference)]).toEqual([
			-7, -7, -7,
		]);
		expect(used()).toBe(0);
		expect([
			await state(named, 's3cret'),
			await state(reference, 'any'),
			await state(PDF, 'x'),
		]).toEqual([1, 1, 1]);
		expect(
			await api.refused(path, {
				format: 'txt',
				image_file: PDF,
				password: 'p'.repeat(33),
				sync: '0',
			}),
		).toMatch(/password is 33 characters, over the limit of 32/);
	});

	it.each([
		[{ format: undefined }, /format is required: one of "txt", "pdf", "docx", "xlsx", "pptx"/],
		[{ format: 'doc' }, /format must be one of "txt", "pdf", "docx", "xlsx", "pptx", not "doc"/],
	])('refuses %j', async (fields, reason) => {
		expect(await api.refused(path, { image_file: PDF, sync: '0', ...fields })).toMatch(reason);
	});
});

describe('clothing segmentation', () => {
	const path = clothingSegmentationApi.taskPath;
	const image_url = () => sample('model-200x100.png');

	it('answers a greyscale PNG mask per class, each its own region; dress is not found ("")', async () => {
		const data = await api.run(path, { image_url: image_url() });
		const classes = ['clothes', 'tops', 'bottoms', 'acc'];
		expect(data).toMatchObject({ dress: '', image_width: 200, image_height: 100 });
		for (const absent of ['bag', 'shoes', 'zip']) expect(data).not.toHaveProperty(absent);
		const masks = await Promise.all(classes.map(async (name) => await download(data[name])));
		for (const mask of masks) {
			expect(mask.header).toMatchObject({ width: 200, height: 100, type: { kind: 'png' } });
			expect(pngColourType(mask.bytes)).toBe(0);
			expect(pngPixel(mask.bytes, 0, 0)[0]).toBe(0);
		}
		expect(new Set(masks.map((mask) => mask.bytes.toString('hex'))).size).toBe(4);
		const [clothes, tops, bottoms] = masks.map((mask) => mask.bytes);
		expect([pngPixel(tops, 100, 30)[0], pngPixel(tops, 100, 80)[0]]).toEqual([255, 0]);
		expect([pngPixel(bottoms, 100, 30)[0], pngPixel(bottoms, 100, 80)[0]]).toEqual([0, 255]);
		expect(pngPixel(clothes, 100, 50)[0]).toBe(255);
		// class_type 2 adds bag and shoes.
		const fashion = await api.run(path, { image_url: image_url(), class_type: '2' });
		for (const name of ['bag', 'shoes'])
			expect((await download(fashion[name])).header).toMatchObject({ width: 200, height: 100 });
		expect(used()).toBe(6);
	});

	it('answers a ZIP of sub-masks in `zip` with output_type 2 (alone) or 3 (beside the masks)', async () => {
		const zipped = await api.run(path, { image_url: image_url(), output_type: '2' });
		expect(
			Object.keys(zipped).filter((key) => /^(clothes|tops|bottoms|dress|acc)$/.test(key)),
		).toEqual([]);
		expect(zipped).not.toHaveProperty('image_width');
		const zip = await fetchResult(zipped.zip);
		expect(zip).toMatchObject({ contentType: 'application/zip', extension: 'zip' });
		const entries = readZip(zip.bytes);
		expect([...entries.keys()]).toEqual(['tops/0.png', 'bottoms/0.png']);
		for (const png of entries.values()) expect(pngColourType(png)).toBe(0);
		expect(pngPixel(entries.get('tops/0.png')!, 100, 30)[0]).toBe(255);
		const both = await api.run(path, { image_url: image_url(), output_type: '3', sync: '1' });
		expect(both).toMatchObject({ dress: '', zip: expect.stringContaining('.zip?') });
		expect((await download(both.tops)).header.width).toBe(200);
	});

	it.each([
		[{ detail_mode: '3' }, /detail_mode must be one of 1, 2/],
		[{ output_type: '4' }, /output_type must be one of 1, 2, 3/],
		[{ quality: '0' }, /quality must be one of 1, 2/],
		[{ class_type: '3' }, /class_type must be one of 1, 2/],
	])('refuses %j', async (fields, reason) => {
		expect(await api.refused(path, { image_url: image_url(), ...fields })).toMatch(reason);
	});
});

describe('retouching', () => {
	const path = retouchingApi.taskPath;
	const grey = () => makePng(64, 64, [60, 60, 60]);
	const everywhere = () => makePng(64, 64, [255, 255, 255]);
	const leftHalf = () => maskPng(64, 64, (x) => x < 32);
	/** The result's red at the left and at the right. */
	async function retouched(fields: Fields): Promise<[number, number]> {
		const result = await download((await api.run(path, { image_file: grey(), ...fields })).image);
		expect(result.header).toMatchObject({ width: 64, height: 64, type: { kind: 'jpeg' } });
		const { data } = jpeg.decode(result.bytes);
		return [data[(32 * 64 + 8) * 4], data[(32 * 64 + 56) * 4]];
	}
	const near = (value: number, target: number) => Math.abs(value - target) <= 4;

	it('changes the image inside the mask, except where the retain mask keeps it; 1 credit', async () => {
		const [left, right] = await retouched({ mask_file: leftHalf() });
		expect([near(left, 40), near(right, 60)]).toEqual([true, true]);
		const [kept, changed] = await retouched({
			mask_file: everywhere(),
			retain_mask_file: leftHalf(),
		});
		expect([near(kept, 60), near(changed, 40)]).toEqual([true, true]);
		expect(used()).toBe(2);
	});

	it('needs the masks at the image size: a file of another size is a 400, a URL one fails the task (-7)', async () => {
		expect(await api.refused(path, { image_file: grey(), mask_file: makePng(65, 64) })).toMatch(
			/mask_file is 65×64 but the image is 64×64/,
		);
		expect(
			await api.refused(path, {
				image_file: grey(),
				mask_file: everywhere(),
				retain_mask_file: makePng(32, 32),
			}),
		).toMatch(/retain_mask_file is 32×32 but the image is 64×64/);
		for (const masks of [
			{ mask_url: sample('m-65x64.png') },
			{ mask_file: everywhere(), retain_mask_url: sample('r-32x32.png') },
		])
			expect(
				(await api.post(path, { image_file: grey(), ...masks, sync: '1' })).body.data?.state,
			).toBe(-7);
		expect(
			(
				await api.run(path, {
					image_url: sample('g-64x64.png'),
					mask_url: `${files.url}/mask-64x64.png`,
				})
			).state,
		).toBe(1);
		expect(used()).toBe(1);
	});

	it.each([
		['no mask', {}, /one of mask_url, mask_file is required/],
		[
			'mask_url and mask_file',
			{ mask_url: 'http://x/m.png', mask_file: makePng(64, 64) },
			/mask_url and mask_file are mutually exclusive/,
		],
		[
			'retain_mask_url and retain_mask_file',
			{
				mask_file: makePng(64, 64),
				retain_mask_url: 'http://x/r.png',
				retain_mask_file: makePng(64, 64),
			},
			/retain_mask_url and retain_mask_file are mutually exclusive/,
		],
		['a GIF mask', { mask_file: GIF }, /mask_file is not a JPG or PNG image/],
	])('refuses %s', async (_label, fields, reason) => {
		expect(await api.refused(path, { image_file: grey(), ...fields })).toMatch(reason);
	});
});

describe('advanced ID photo', () => {
	const path = advancedIdPhotoApi.taskPath;
	const image_url = () => sample('portrait-300x400.jpg');
	const photo = async (fields: Fields) =>
		await download((await api.run(path, { image_url: image_url(), ...fields })).image);

	it('charges 6, 15 with an outfit, +8 with any beauty flag, +5 with a print layout, 0 for a preview', async () => {
		const cases: Array<[Fields, number]> = [
			[{}, 6],
			[{ clothes_id: '12' }, 15],
			[{ auto_smooth: '1' }, 14],
			[{ auto_bright: '1', auto_sharp: '1' }, 14],
			[{ clothes_id: 'suit', auto_thin_face: '1' }, 23],
			[{ layout: '1' }, 11],
			[{ clothes_id: '3', auto_bright: '1', layout: '1' }, 28],
			[{ auto_bright: '0', auto_smooth: '0' }, 6],
			[{ preview: '1', clothes_id: '3', auto_bright: '1', layout: '1' }, 0],
		];
		for (const [fields, price] of cases)
			expect([fields, await priceOf(path, { image_url: image_url(), ...fields })]).toEqual([
				fields,
				price,
			]);
	});

	it('answers 295×413 px by default, px_width × px_height, or mm at the dpi (300 by default)', async () => {
		expect((await photo({})).header).toMatchObject({
			width: 295,
			height: 413,
			type: { kind: 'png' },
		});
		expect((await photo({ px_width: '300', px_height: '400' })).header).toMatchObject({
			width: 300,
			height: 400,
		});
		expect((await photo({ mm_width: '35', mm_height: '45' })).header).toMatchObject({
			width: 413,
			height: 531,
		});
		expect((await photo({ mm_width: '35', mm_height: '45', dpi: '600' })).header).toMatchObject({
			width: 827,
			height: 1063,
		});
	});

	it('answers a transparent PNG, an opaque one on bg_color, a JPEG, a print sheet, or a striped preview', async () => {
		const plain = await photo({});
		expect(pngPixel(plain.bytes, 0, 0)[3]).toBe(0);
		expect(pngPixel((await photo({ bg_color: '00FF00' })).bytes, 0, 0)).toEqual([0, 255, 0, 255]);
		expect((await photo({ format: 'jpg' })).header.type.kind).toBe('jpeg');
		expect((await photo({ layout: '1' })).header).toMatchObject({ width: 626, height: 862 });
		const preview = await photo({ preview: '1' });
		// Stripes where (x + y) % 24 < 6: over the transparent corner too.
		expect(pngPixel(preview.bytes, 0, 0)[3]).toBeGreaterThanOrEqual(160);
		expect(pngPixel(preview.bytes, 10, 0)[3]).toBe(0);
	});

	it('answers image_id, which last_id reuses (same key, within the hour) instead of an image', async () => {
		const first = await api.run(path, {
			image_url: image_url(),
			px_width: '200',
			px_height: '300',
		});
		expect(first.image_id).toEqual(expect.stringMatching(/^[0-9a-f]{32}$/));
		const reused = await api.run(path, {
			last_id: String(first.image_id),
			px_width: '200',
			px_height: '300',
		});
		expect(reused.image_id).not.toBe(first.image_id);
		expect((await download(reused.image)).bytes).toEqual((await download(first.image)).bytes);
		const base64 = await api.run(path, { last_id: String(reused.image_id), return_type: '2' });
		expect(base64).toMatchObject({
			return_type: 2,
			image_id: expect.stringMatching(/^[0-9a-f]{32}$/),
		});
		expect(Buffer.from(String(base64.image), 'base64').subarray(1, 4).toString()).toBe('PNG');
		expect(used()).toBe(18);

		expect(await api.refused(path, { last_id: 'nope' })).toMatch(
			/last_id "nope" is no image_id of this key's results of the last hour/,
		);
		expect(
			await api.refused(path, { last_id: String(first.image_id), image_url: image_url() }),
		).toMatch(/image_url and last_id are mutually exclusive/);
		expect(await api.refused(path, {})).toMatch(
			/one of image_url, image_file or last_id is required/,
		);
		// An hour later, or after a reset, the id is unknown.
		const now = Date.now();
		const later = jest.spyOn(Date, 'now').mockReturnValue(now + 3_600_001);
		try {
			expect(await api.refused(path, { last_id: String(first.image_id) })).toMatch(
				/is no image_id/,
			);
		} finally {
			later.mockRestore();
		}
		sandbox.reset();
		expect(await api.refused(path, { last_id: String(first.image_id) })).toMatch(/is no image_id/);
	});

	it("keeps each key's inputs to itself", async () => {
		const shared = await startSandbox({ qps: 100, processingMs: 0, apiKeys: ['a', 'b'] });
		try {
			const first = await client(() => shared.url, 'a').run(path, {
				image_url: `${shared.url}/samples/p-120x80.png`,
			});
			expect(
				await client(() => shared.url, 'b').refused(path, { last_id: String(first.image_id) }),
			).toMatch(/is no image_id/);
		} finally {
			await shared.close();
		}
	});

	it.each([
		[{ px_width: '300' }, /px_width and px_height go together/],
		[{ mm_height: '45' }, /mm_width and mm_height go together/],
		[{ px_width: '1800', px_height: '400' }, /px_width must be between 1 and 1799/],
		[
			{ px_width: '300', px_height: '400', mm_width: '35', mm_height: '45' },
			/either px_width\/px_height or mm_width\/mm_height/,
		],
		[{ mm_width: '0', mm_height: '45' }, /mm_width must be a number greater than 0/],
		[{ mm_width: '100', mm_height: '200', dpi: '1000' }, /at 1000 dpi is 3937×7874 pixels/],
		[{ dpi: '5' }, /dpi must be between 10 and 1000/],
		[{ spec_id: '0' }, /spec_id must be between 1/],
		[{ format: 'webp' }, /format must be one of "png", "jpg"/],
		[{ bg_color: 'blue' }, /bg_color must be six hex digits/],
		[{ auto_bright: '2' }, /auto_bright must be one of 0, 1/],
		[{ layout: 'yes' }, /layout must be an integer/],
		[{ preview: '3' }, /preview must be one of 0, 1/],
		[{ return_type: '3' }, /return_type must be one of 1, 2/],
	])('refuses %j', async (fields, reason) => {
		expect(await api.refused(path, { image_url: image_url(), ...fields })).toMatch(reason);
	});

	it('takes JPG, PNG, BMP, WebP or TIFF files under 15 MB and up to 4096 px (400 otherwise)', async () => {
		expect(await api.refused(path, { image_file: GIF })).toMatch(
			/image_file is not a JPG, PNG, BMP, WebP or TIFF image/,
		);
		expect(await api.refused(path, { image_file: makeJpeg(4097, 100) })).toMatch(
			/image_file is 4097×100, over 4096 pixels per side/,
		);
		expect(
			await api.refused(path, {
				image_file: Buffer.concat([makeJpeg(100, 100), Buffer.alloc(15 * 1024 * 1024)]),
			}),
		).toMatch(/over the limit of 15728639/);
	});
});
