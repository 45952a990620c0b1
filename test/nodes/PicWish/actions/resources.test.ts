/**
 * Every PicWish API of the suite, as a shop or studio builder uses it in a workflow run by n8n's
 * engine: an image by URL with the API's options sent as its own fields, an image from a binary
 * property sent as its file field with the result downloaded and named after the input, a failed
 * task worded for that API, and Get Task on its own endpoint. The resources come from the registry,
 * each with its example (test/support/examples.ts): a new one is tested here without an edit.
 */
import { resources } from '../../../../nodes/PicWish/actions';
import type { ResourceApi } from '../../../../nodes/PicWish/tasks/context';
import { api, captureCreate, envelope, resultUrl, storage } from '../../../support/api';
import { autoSync, firstResult, taskResourceCases, urlParameter } from '../../../support/examples';
import { makePng } from '../../../support/images';
import { useNock } from '../../../support/nock-lifecycle';
import { binaryBuffer, runPicWish } from '../../../support/workflow';

useNock();

const CASES = taskResourceCases();

/** A completed task, its result URL in the API's first result field. */
const done = (resultApi: ResourceApi, taskId: string) =>
	envelope({
		task_id: taskId,
		state: 1,
		progress: 100,
		[firstResult(resultApi, 'shop').field]: resultUrl(`${taskId}.png`),
		completed_at: 1764000003,
	});
const shopPhoto = () => ({
	binary: { data: { data: makePng(240, 160), fileName: 'shop.png', mimeType: 'image/png' } },
});

describe.each(CASES)(
	'$value → $operation',
	({ api: resourceApi, operation, example, value: resource }) => {
		const path = resourceApi.taskPath;
		const { parameters, options, fields, files } = example;
		const { file, url } = resourceApi.imageFields;
		const urlInput = urlParameter(resourceApi);

		it('sends an image URL and the options as the API names them, and returns the result URL', async () => {
			const seen = captureCreate(done(resourceApi, 'url-1'), path);
			const result = await runPicWish({
				parameters: {
					resource,
					operation,
					inputType: 'url',
					[urlInput]: 'https://shop.example/p/shoe.jpg',
					...parameters,
					options: { ...options, resultAs: 'url' },
				},
				// The item's binary is not the input here; an example may take its mask from it.
				items: [shopPhoto()],
			});
			expect(result.error).toBeUndefined();
			expect(seen.fields).toEqual({
				sync: autoSync(resourceApi),
				...fields,
				[url]: 'https://shop.example/p/shoe.jpg',
			});
			expect(seen.files).toEqual(files);
			expect(result.items[0].json).toMatchObject({
				task_id: 'url-1',
				taskStatus: 'completed',
				resultUrl: resultUrl('url-1.png'),
			});
			expect(result.items[0].binary).toBeUndefined();
		});

		it('uploads a binary image as its file field and downloads the result, named after the input', async () => {
			const seen = captureCreate(done(resourceApi, 'bin-1'), path);
			const cleaned = makePng(240, 160, [10, 200, 10]);
			storage()
				.get('/tasks/bin-1.png')
				.query(true)
				.reply(200, cleaned, { 'Content-Type': 'image/png' });
			const result = await runPicWish({
				parameters: {
					resource,
					operation,
					inputType: 'binary',
					binaryPropertyName: 'data',
					...parameters,
					options,
				},
				items: [shopPhoto()],
			});
			expect(result.error).toBeUndefined();
			expect(seen.files).toEqual([file, ...files]);
			expect(seen.parts?.[file].filename).toBe('shop.png');
			const { property, fileName } = firstResult(resourceApi, 'shop');
			expect(result.items[0].binary?.[property]).toMatchObject({ fileName, mimeType: 'image/png' });
			expect((await binaryBuffer(result.items[0], property)).equals(cleaned)).toBe(true);
			expect(result.items[0].pairedItem).toEqual({ item: 0 });
		});

		it('speaks of its own API when PicWish fails the task, with the task ID', async () => {
			api()
				.post(path)
				.reply(200, envelope({ task_id: 'bad-1', state: -7, state_detail: 'Failed' }));
			const result = await runPicWish({
				parameters: {
					resource,
					operation,
					inputType: 'url',
					[urlInput]: 'https://shop.example/broken.jpg',
					...parameters,
				},
				items: [shopPhoto()],
			});
			expect(result.error?.message).toBe(
				`PicWish ${resourceApi.wording.failed}: Invalid image file (state -7) [task_id bad-1] [item 0]`,
			);
		});

		it('Get Task asks its own endpoint for the task', async () => {
			api().get(`${path}/task-9`).reply(200, done(resourceApi, 'task-9'));
			const result = await runPicWish({
				parameters: {
					resource,
					operation: 'getTask',
					taskId: 'task-9',
					options: { resultAs: 'url' },
				},
			});
			expect(result.error).toBeUndefined();
			expect(result.items[0].json).toMatchObject({
				task_id: 'task-9',
				taskStatus: 'completed',
				resultUrl: resultUrl('task-9.png'),
			});
		});

		it('Create Task answers with the task ID at once', async () => {
			const seen = captureCreate(envelope({ task_id: 'async-1' }), path);
			const result = await runPicWish({
				parameters: {
					resource,
					operation: 'createTask',
					inputType: 'url',
					[urlInput]: 'https://shop.example/a.jpg',
					...parameters,
					options,
				},
				items: [shopPhoto()],
			});
			expect(result.error).toBeUndefined();
			expect(seen.fields).toMatchObject({ sync: '0', ...fields });
			expect(result.items[0].json).toEqual({ task_id: 'async-1' });
		});
	},
);

describe("each resource's example", () => {
	it.each(CASES.filter((entry) => entry.declared))(
		'$value: sets only its own options and parameters',
		({ resource, operation, example }) => {
			const optionNames = (resource.apiOptions ?? []).map((option) => option.property.name);
			expect(Object.keys(example.options).filter((name) => !optionNames.includes(name))).toEqual(
				[],
			);
			const shown = resource.operations[operation].description.map((property) => property.name);
			expect(Object.keys(example.parameters).filter((name) => !shown.includes(name))).toEqual([]);
		},
	);
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
