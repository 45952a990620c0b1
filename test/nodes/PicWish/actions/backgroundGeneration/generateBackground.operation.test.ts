/**
 * Background Generation: a product cutout put on new backgrounds. PicWish answers only
 * asynchronously (create, then poll), and one task gives one image per generated background
 * (image_1, image_2, …): each becomes an output item of its own, paired with its input item.
 */
import nock from 'nock';
import type { INodeProperties } from 'n8n-workflow';

import { resources } from '../../../../../nodes/PicWish/actions';
import { backgroundGenerationApi } from '../../../../../nodes/PicWish/actions/backgroundGeneration/api';
import { CREDITS_PATH } from '../../../../../nodes/PicWish/transport/constants';
import {
	api,
	captureCreate,
	envelope,
	parseMultipart,
	requestBytes,
	resultUrl,
	storage,
} from '../../../../support/api';
import { makePng } from '../../../../support/images';
import { useNock } from '../../../../support/nock-lifecycle';
import { binaryBuffer, type InputItem, runPicWish } from '../../../../support/workflow';

useNock();

const PATH = backgroundGenerationApi.taskPath;

const cutout = (fileName = 'sneaker.png', rgb: [number, number, number] = [200, 30, 30]) => ({
	binary: { data: { data: makePng(160, 120, rgb), fileName, mimeType: 'image/png' } },
});

const generate = (parameters: object = {}, options: object = {}) => ({
	resource: 'backgroundGeneration',
	operation: 'generateBackground',
	inputType: 'binary',
	backgroundFrom: 'prompt',
	prompt: 'on a marble kitchen counter in soft morning light',
	...parameters,
	options: { pollInterval: 0.2, ...options },
});

/** A finished generation with the given image fields. */
const generated = (taskId: string, images: Record<string, string>) =>
	envelope({ task_id: taskId, state: 1, progress: 100, completed_at: 1764000003, ...images });

describe('Background Generation → Generate Background', () => {
	it('two images from one cutout: one task, two output items, each its own file, both paired with the input', async () => {
		const created = captureCreate(envelope({ task_id: 'gen-1' }), PATH);
		const poll = api()
			.get(`${PATH}/gen-1`)
			.reply(
				200,
				generated('gen-1', {
					image_1: resultUrl('gen-1-a.png'),
					image_2: resultUrl('gen-1-b.png'),
				}),
			);
		const first = makePng(160, 120, [10, 200, 10]);
		const second = makePng(160, 120, [10, 10, 200]);
		storage()
			.get('/tasks/gen-1-a.png')
			.query(true)
			.reply(200, first, { 'Content-Type': 'image/png' });
		storage()
			.get('/tasks/gen-1-b.png')
			.query(true)
			.reply(200, second, { 'Content-Type': 'image/png' });

		const result = await runPicWish({
			parameters: generate({}, { imageCount: 2 }),
			items: [cutout()],
		});

		expect(result.error).toBeUndefined();
		// Asynchronous only: the create asks for no synchronous answer, and the task is polled.
		expect(created.fields).toEqual({
			sync: '0',
			prompt: 'on a marble kitchen counter in soft morning light',
			batch_size: '2',
		});
		expect(created.files).toEqual(['image_file']);
		expect(poll.isDone()).toBe(true);
		expect(result.items).toHaveLength(2);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expect(result.items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				task_id: 'gen-1',
				imageIndex: 1,
				imageCount: 2,
				resultUrl: resultUrl('gen-1-a.png'),
			}),
			expect.objectContaining({
				task_id: 'gen-1',
				imageIndex: 2,
				imageCount: 2,
				resultUrl: resultUrl('gen-1-b.png'),
			}),
		]);
		expect(result.items.map((item) => item.binary?.data.fileName)).toEqual([
			'sneaker-background-1.png',
			'sneaker-background-2.png',
		]);
		expect((await binaryBuffer(result.items[0])).equals(first)).toBe(true);
		expect((await binaryBuffer(result.items[1])).equals(second)).toBe(true);
		expect(nock.isDone()).toBe(true);
	});

	it('offers no Wait Mode and, for Create Task, no Mode: PicWish answers this API only asynchronously', () => {
		const { operations } = resources.backgroundGeneration;
		const names = (properties: INodeProperties[]) => properties.map((property) => property.name);
		const optionNames = (properties: INodeProperties[]) =>
			names(
				(properties.find((property) => property.name === 'options')?.options ??
					[]) as INodeProperties[],
			);
		expect(optionNames(operations.generateBackground.description)).not.toContain('waitMode');
		expect(names(operations.createTask.description)).not.toContain('mode');
		// An API that answers synchronously too offers both: the check above is not vacuous.
		expect(optionNames(resources.watermark.operations.removeWatermark.description)).toContain(
			'waitMode',
		);
		expect(names(resources.watermark.operations.createTask.description)).toContain('mode');
	});

	it('Create Task sends the create asynchronously and returns the task ID', async () => {
		const created = captureCreate(envelope({ task_id: 'later-1' }), PATH);
		const result = await runPicWish({
			parameters: { ...generate(), operation: 'createTask', options: {} },
			items: [cutout()],
		});
		expect(result.error).toBeUndefined();
		expect(created.fields?.sync).toBe('0');
		expect(result.items[0].json).toEqual({ task_id: 'later-1' });
	});

	it('refuses a prompt over 1024 characters before any request, saying how long it is', async () => {
		const result = await runPicWish({
			parameters: generate({ prompt: 'a sunny beach at noon, '.repeat(45) }),
			items: [cutout()],
		});
		expect(result.error?.message).toBe(
			'"Prompt" is 1034 characters long; PicWish takes at most 1024 [item 0]',
		);
		expect((result.error as { description?: string }).description).toBe(
			'Shorten the prompt to 1024 characters or fewer.',
		);
	});

	it('Background From: Template sends the template number as scene_type, and no prompt', async () => {
		const created = captureCreate(envelope({ task_id: 'tpl-1' }), PATH);
		api()
			.get(`${PATH}/tpl-1`)
			.reply(200, generated('tpl-1', { image_1: resultUrl('tpl-1.png') }));
		const result = await runPicWish({
			parameters: generate({ backgroundFrom: 'template', sceneType: 105 }, { resultAs: 'url' }),
			items: [cutout()],
		});
		expect(result.error).toBeUndefined();
		expect(created.fields).toEqual({ sync: '0', scene_type: '105' });
		expect(result.items.map((item) => item.json.imageIndex)).toEqual([1]);
	});

	it('an empty image field is no result: one generated image, one item', async () => {
		captureCreate(envelope({ task_id: 'one-1' }), PATH);
		api()
			.get(`${PATH}/one-1`)
			.reply(200, generated('one-1', { image_1: resultUrl('one-1.png'), image_2: '' }));
		storage()
			.get('/tasks/one-1.png')
			.query(true)
			.reply(200, makePng(160, 120, [1, 2, 3]), { 'Content-Type': 'image/png' });
		const result = await runPicWish({
			parameters: generate({}, { imageCount: 2 }),
			items: [cutout()],
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ imageIndex: 1, imageCount: 1 });
		expect(result.items[0].binary?.data.fileName).toBe('sneaker-background-1.png');
	});

	it('with continue-on-fail, a failed item gives its error and the other its images, each paired with its own input', async () => {
		// Each create is answered by what it carries: the "broken" cutout's task fails.
		api()
			.post(PATH)
			.times(2)
			.reply(async function (_uri, body) {
				const parts = await parseMultipart(
					String(this.req.headers['content-type']),
					requestBytes(body),
				);
				return parts.image_file.filename === 'broken.png'
					? [200, envelope({ task_id: 'bad-1', state: -7 })]
					: [200, envelope({ task_id: 'good-1' })];
			});
		api()
			.get(`${PATH}/good-1`)
			.reply(
				200,
				generated('good-1', {
					image_1: resultUrl('good-1-a.png'),
					image_2: resultUrl('good-1-b.png'),
				}),
			);
		const items: InputItem[] = [cutout('broken.png', [9, 9, 9]), cutout('bag.png', [90, 90, 90])];
		const result = await runPicWish({
			parameters: generate({}, { imageCount: 2, resultAs: 'url' }),
			items,
			continueOnFail: true,
		});
		expect(result.status).toBe('success');
		expect(result.items.map((item) => [item.pairedItem, item.json.imageIndex ?? 'error'])).toEqual([
			[{ item: 0 }, 'error'],
			[{ item: 1 }, 1],
			[{ item: 1 }, 2],
		]);
		expect(result.items[0].json).toMatchObject({
			error:
				'PicWish could not generate a background: Invalid image file (state -7) [task_id bad-1]',
			task_id: 'bad-1',
		});
		expect(result.items[1].json.resultUrl).toBe(resultUrl('good-1-a.png'));
	});

	describe('Check Credits First', () => {
		const credits = (left: number) =>
			api()
				.get(CREDITS_PATH)
				.reply(200, envelope([{ remaining_credits: left, used_credits: 0 }]));

		it('refuses a two-image generation with 5 credits left before any create: 6 are needed', async () => {
			credits(5);
			const result = await runPicWish({
				parameters: generate({}, { imageCount: 2, checkCreditsFirst: true }),
				items: [cutout()],
			});
			expect(result.error?.message).toBe('Not enough PicWish credits: 6 needed, 5 left [item 0]');
			expect((result.error as { description?: string }).description).toMatch(
				/^Check Credits First stopped the run before any task was created: 1 item needs 6 credits \(3 credits for 1 image, 6 for 2, .*\)\./,
			);
		});

		it("counts PicWish's default of two images when Image Count is not set, and one image at 3 credits", async () => {
			credits(5);
			const unset = await runPicWish({
				parameters: generate({}, { checkCreditsFirst: true }),
				items: [cutout()],
			});
			expect(unset.error?.message).toBe('Not enough PicWish credits: 6 needed, 5 left [item 0]');

			credits(3);
			const created = captureCreate(envelope({ task_id: 'cheap-1' }), PATH);
			api()
				.get(`${PATH}/cheap-1`)
				.reply(200, generated('cheap-1', { image_1: resultUrl('cheap-1.png') }));
			const one = await runPicWish({
				parameters: generate({}, { imageCount: 1, checkCreditsFirst: true, resultAs: 'url' }),
				items: [cutout()],
			});
			expect(one.error).toBeUndefined();
			expect(created.fields?.batch_size).toBe('1');
		});
	});
});
