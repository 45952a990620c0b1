/**
 * Clothing Segmentation: a black-and-white mask per garment class of a photo, each in the binary
 * field named after its class (tops, bottoms, …), and the ZIP of sub-masks in "masks". PicWish's
 * field names for them are not published: every result URL of the finished task is read, at its
 * top level or one object down; an empty field is no mask.
 */
import type { INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { clothingSegmentationApi } from '../../../../../nodes/PicWish/actions/clothingSegmentation/api';
import { captureCreate, envelope, resultUrl, storage } from '../../../../support/api';
import { makePng } from '../../../../support/images';
import { useNock } from '../../../../support/nock-lifecycle';
import { binaryBuffer, runPicWish } from '../../../../support/workflow';

useNock();

const PATH = clothingSegmentationApi.taskPath;

const photo = () => ({
	binary: { data: { data: makePng(90, 160), fileName: 'look.png', mimeType: 'image/png' } },
});

const segment = (options: INodeParameters = {}) => ({
	resource: 'clothingSegmentation',
	operation: 'segmentClothing',
	inputType: 'binary',
	options,
});

/** A mask per class, each its own grey level so the files differ. */
const MASKS: Record<string, Buffer> = {
	clothes: makePng(90, 160, [255, 255, 255]),
	tops: makePng(90, 160, [200, 200, 200]),
	bottoms: makePng(90, 160, [150, 150, 150]),
	acc: makePng(90, 160, [100, 100, 100]),
};
/** The start of a ZIP of sub-masks. */
const ZIP = Buffer.concat([
	Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0]),
	Buffer.alloc(16),
	Buffer.from([10, 0, 0, 0]),
	Buffer.from('tops_1.png', 'latin1'),
	Buffer.alloc(32, 0x22),
]);

function serveMasks(names: string[]) {
	for (const name of names)
		storage()
			.get(`/tasks/seg-${name}.png`)
			.query(true)
			.reply(200, MASKS[name], { 'Content-Type': 'image/png' });
}

describe('Clothing Segmentation → Segment Clothing', () => {
	it('one item with a binary field per class that came, and the ZIP in "masks"; an empty class gets none', async () => {
		captureCreate(
			envelope({
				task_id: 'seg-1',
				state: 1,
				progress: 100,
				clothes: resultUrl('seg-clothes.png'),
				tops: resultUrl('seg-tops.png'),
				bottoms: resultUrl('seg-bottoms.png'),
				dress: '',
				acc: resultUrl('seg-acc.png'),
				zip: resultUrl('seg-masks.zip'),
			}),
			PATH,
		);
		serveMasks(['clothes', 'tops', 'bottoms', 'acc']);
		storage()
			.get('/tasks/seg-masks.zip')
			.query(true)
			.reply(200, ZIP, { 'Content-Type': 'application/zip' });

		const result = await runPicWish({
			parameters: segment({ masks: 3 }),
			items: [photo()],
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const [item] = result.items;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(Object.keys(item.binary ?? {}).sort()).toEqual(
			['acc', 'bottoms', 'clothes', 'masks', 'tops'].sort(),
		);
		expect(item.binary?.dress).toBeUndefined();
		for (const name of Object.keys(MASKS)) {
			expect(item.binary?.[name]).toMatchObject({
				fileName: `look-${name}.png`,
				mimeType: 'image/png',
			});
			expect((await binaryBuffer(item, name)).equals(MASKS[name])).toBe(true);
		}
		expect(item.binary?.masks).toMatchObject({
			fileName: 'look-masks.zip',
			mimeType: 'application/zip',
		});
		expect((await binaryBuffer(item, 'masks')).equals(ZIP)).toBe(true);
		// Every class that came is listed by its name; the ZIP is not a class.
		expect(item.json.classes).toEqual(['clothes', 'tops', 'bottoms', 'acc']);
		expect(item.json.resultUrl).toBe(resultUrl('seg-clothes.png'));
		expect(nock.isDone()).toBe(true);
	});

	it('sends Classes, Detail, Quality and Masks as class_type, detail_mode, quality and output_type', async () => {
		const created = captureCreate(
			envelope({ task_id: 'seg-2', state: 1, tops: resultUrl('seg-tops.png') }),
			PATH,
		);
		const result = await runPicWish({
			parameters: segment({ classType: 2, detail: 2, quality: 2, masks: 1, resultAs: 'url' }),
			items: [photo()],
		});
		expect(result.error).toBeUndefined();
		expect(created.fields).toEqual({
			sync: '1',
			class_type: '2',
			detail_mode: '2',
			quality: '2',
			output_type: '1',
		});
		expect(created.files).toEqual(['image_file']);
		expect(result.items[0].json).toMatchObject({ classes: ['tops'] });
		expect(result.items[0].binary).toBeUndefined();
	});

	it('reads masks that come nested in an object', async () => {
		captureCreate(
			envelope({
				task_id: 'seg-3',
				state: 1,
				masks: { tops: resultUrl('seg-tops.png'), bottoms: resultUrl('seg-bottoms.png') },
			}),
			PATH,
		);
		serveMasks(['tops', 'bottoms']);
		const result = await runPicWish({ parameters: segment(), items: [photo()] });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.classes).toEqual(['tops', 'bottoms']);
		expect(Object.keys(result.items[0].binary ?? {})).toEqual(['tops', 'bottoms']);
		expect((await binaryBuffer(result.items[0], 'bottoms')).equals(MASKS.bottoms)).toBe(true);
	});

	it('knows the ZIP by its bytes when its URL does not say so, and never takes the input echoed back for a class', async () => {
		captureCreate(
			envelope({
				task_id: 'seg-4',
				state: 1,
				image_url: 'https://shop.example/look.jpg',
				tops: resultUrl('seg-tops.png'),
				archive: resultUrl('seg-sub-masks'),
			}),
			PATH,
		);
		serveMasks(['tops']);
		storage()
			.get('/tasks/seg-sub-masks')
			.query(true)
			.reply(200, ZIP, { 'Content-Type': 'application/octet-stream' });
		const result = await runPicWish({ parameters: segment({ masks: 3 }), items: [photo()] });
		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.json.classes).toEqual(['tops']);
		expect(Object.keys(item.binary ?? {}).sort()).toEqual(['masks', 'tops']);
		expect(item.binary?.masks).toMatchObject({ fileName: 'look-masks.zip' });
		expect((await binaryBuffer(item, 'masks')).equals(ZIP)).toBe(true);
	});
});
