/**
 * Every PicWish API of the suite, as a shop or studio builder uses it in a workflow run by n8n's
 * engine: an image by URL with the API's options sent as its own fields, an image from a binary
 * property sent as its file field with the result downloaded and named after the input, a failed
 * task worded for that API, and Get Task on its own endpoint.
 */
import type { INodeParameters } from 'n8n-workflow';

import { resources } from '../../../../nodes/PicWish/actions';
import type { ResourceApi } from '../../../../nodes/PicWish/tasks/context';
import { api, captureCreate, envelope, resultUrl, storage } from '../../../support/api';
import { makePng } from '../../../support/images';
import { useNock } from '../../../support/nock-lifecycle';
import { binaryBuffer, runPicWish } from '../../../support/workflow';

useNock();

interface Case {
	resource: string;
	operation: string;
	/** Options set on the node, and the fields PicWish must receive for them (besides the image and sync). */
	options: INodeParameters;
	fields: Record<string, string>;
	/** The result's name for an input "shop.png". */
	named: string;
	failed: string;
}

const CASES: Case[] = [
	{
		resource: 'background',
		operation: 'removeBackground',
		options: { foregroundType: 'object', crop: true, format: 'jpg', backgroundColor: '#1e90ff' },
		fields: { return_type: '1', type: 'object', crop: '1', format: 'jpg', bg_color: '1E90FF' },
		named: 'shop-no-background.png',
		failed: 'could not remove the background',
	},
	{
		resource: 'faceCutout',
		operation: 'cutOutFace',
		options: { crop: false, format: 'jpg' },
		fields: { crop: '0', output_format: 'jpg' },
		named: 'shop-face.png',
		failed: 'could not cut out the face',
	},
	{
		resource: 'objectRemoval',
		operation: 'removeObjects',
		options: {},
		fields: { return_type: '1', rectangles: '[{"x":0,"y":0,"width":100,"height":100}]' },
		named: 'shop-objects-removed.png',
		failed: 'could not remove the objects',
	},
	{
		resource: 'enhance',
		operation: 'enhanceImage',
		options: { model: 'face', scaleFactor: 2 },
		fields: { return_type: '1', type: 'face', scale_factor: '2' },
		named: 'shop-enhanced.png',
		failed: 'could not enhance the image',
	},
	{
		resource: 'enhancePro',
		operation: 'enhanceImagePro',
		options: { quality: 1 },
		fields: { return_type: '1', type: '1' },
		named: 'shop-enhanced.png',
		failed: 'could not enhance the image',
	},
	{
		resource: 'colorization',
		operation: 'colorize',
		options: { format: 'webp' },
		fields: { return_type: '1', format: 'webp' },
		named: 'shop-colorized.png',
		failed: 'could not colorize the photo',
	},
	{
		resource: 'compression',
		operation: 'compress',
		options: { format: 'webp', targetSize: 150, width: 800 },
		fields: { return_type: '1', format: 'webp', kbyte: '150', width: '800' },
		named: 'shop-compressed.png',
		failed: 'could not compress the image',
	},
	{
		resource: 'idPhoto',
		operation: 'makeIdPhoto',
		options: { size: '295 X 413', format: 'jpg', backgroundColor: '#ff0000' },
		fields: { return_type: '1', size: '295x413', format: 'jpg', bg_color: 'FF0000' },
		named: 'shop-id-photo.png',
		failed: 'could not make the ID photo',
	},
	{
		resource: 'cropEnhance',
		operation: 'cropAndEnhance',
		options: { type: 4 },
		fields: { return_type: '1', type: '4' },
		named: 'shop-cropped.png',
		failed: 'could not crop and enhance the image',
	},
	{
		resource: 'restoration',
		operation: 'restorePhoto',
		options: { damageLevel: 2, model: 3, colorize: false },
		fields: { restoration_type: '2', model_type: '3', change_color: '0' },
		named: 'shop-restored.png',
		failed: 'could not restore the photo',
	},
	{
		resource: 'expansion',
		operation: 'expandImage',
		options: { top: 0.25, left: 0.5 },
		fields: { return_type: '1', top: '0.25', left: '0.5' },
		named: 'shop-expanded.png',
		failed: 'could not expand the image',
	},
];

const pathOf = (resource: string) => (resources[resource].api as ResourceApi).taskPath;
const done = (taskId: string, extra: object = {}) =>
	envelope({ task_id: taskId, state: 1, progress: 100, image: resultUrl(`${taskId}.png`), completed_at: 1764000003, ...extra });
const shopPhoto = () => ({ binary: { data: { data: makePng(240, 160), fileName: 'shop.png', mimeType: 'image/png' } } });

describe.each(CASES)('$resource → $operation', ({ resource, operation, options, fields, named, failed }) => {
	const path = pathOf(resource);

	it('sends an image URL and the options as the API names them, and returns the result URL', async () => {
		const seen = captureCreate(done('url-1'), path);
		const result = await runPicWish({
			parameters: { resource, operation, inputType: 'url', imageUrl: 'https://shop.example/p/shoe.jpg', options: { ...options, resultAs: 'url' } },
		});
		expect(result.error).toBeUndefined();
		expect(seen.fields).toEqual({ sync: '1', ...fields, image_url: 'https://shop.example/p/shoe.jpg' });
		expect(seen.files).toEqual([]);
		expect(result.items[0].json).toMatchObject({ task_id: 'url-1', taskStatus: 'completed', resultUrl: resultUrl('url-1.png') });
		expect(result.items[0].binary).toBeUndefined();
	});

	it('uploads a binary image as its file field and downloads the result, named after the input', async () => {
		const seen = captureCreate(done('bin-1'), path);
		const cleaned = makePng(240, 160, [10, 200, 10]);
		storage().get('/tasks/bin-1.png').query(true).reply(200, cleaned, { 'Content-Type': 'image/png' });
		const result = await runPicWish({ parameters: { resource, operation, inputType: 'binary', binaryPropertyName: 'data', options }, items: [shopPhoto()] });
		expect(result.error).toBeUndefined();
		expect(seen.files).toEqual(['image_file']);
		expect(seen.parts?.image_file.filename).toBe('shop.png');
		expect(result.items[0].binary?.data).toMatchObject({ fileName: named, mimeType: 'image/png' });
		expect((await binaryBuffer(result.items[0])).equals(cleaned)).toBe(true);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it("speaks of its own API when PicWish fails the task, with the task ID", async () => {
		api().post(path).reply(200, envelope({ task_id: 'bad-1', state: -7, state_detail: 'Failed' }));
		const result = await runPicWish({ parameters: { resource, operation, inputType: 'url', imageUrl: 'https://shop.example/broken.jpg' } });
		expect(result.error?.message).toBe(`PicWish ${failed}: Invalid image file (state -7) [task_id bad-1] [item 0]`);
	});

	it('Get Task asks its own endpoint for the task', async () => {
		api().get(`${path}/task-9`).reply(200, done('task-9'));
		const result = await runPicWish({ parameters: { resource, operation: 'getTask', taskId: 'task-9', options: { resultAs: 'url' } } });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ task_id: 'task-9', taskStatus: 'completed', resultUrl: resultUrl('task-9.png') });
	});

	it('Create Task answers with the task ID at once', async () => {
		const seen = captureCreate(envelope({ task_id: 'async-1' }), path);
		const result = await runPicWish({ parameters: { resource, operation: 'createTask', inputType: 'url', imageUrl: 'https://shop.example/a.jpg', options } });
		expect(result.error).toBeUndefined();
		expect(seen.fields).toMatchObject({ sync: '0', ...fields });
		expect(result.items[0].json).toEqual({ task_id: 'async-1' });
	});
});

describe('every task API of the suite is tested here', () => {
	it('covers each task resource of the registry', () => {
		const taskResources = Object.entries(resources)
			.filter(([, resource]) => 'taskPath' in resource.api)
			.map(([name]) => name)
			.filter((name) => name !== 'watermark');
		expect(CASES.map((entry) => entry.resource).sort()).toEqual(taskResources.sort());
	});
});

describe("each API's limits act on their weight", () => {
	it('a task API refuses by its own limits exactly where PicWish states them (page, its example code, seen live); elsewhere only what surely fails', () => {
		for (const [name, resource] of Object.entries(resources)) {
			if (!('taskPath' in resource.api)) continue;
			const { facts, limits } = resource.api as ResourceApi;
			const stated = ['page', 'example', 'live'].includes(facts.limits);
			expect([name, !limits.unpublished]).toEqual([name, stated]);
		}
	});
});
