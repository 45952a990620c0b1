/**
 * Advanced ID Photo: a portrait made into an ID photo to a size in pixels or millimetres, or to
 * one of PicWish's specs; priced by its extras (an outfit, beauty, a print layout), a watermarked
 * preview free. Check Credits First counts each photo at that price before any task is created.
 */
import type { INodeParameters } from 'n8n-workflow';

import { advancedIdPhotoApi } from '../../../../../nodes/PicWish/actions/advancedIdPhoto/api';
import { CREDITS_PATH } from '../../../../../nodes/PicWish/transport/constants';
import { api, captureCreate, envelope, resultUrl } from '../../../../support/api';
import { useNock } from '../../../../support/nock-lifecycle';
import { runPicWish } from '../../../../support/workflow';

useNock();

const PATH = advancedIdPhotoApi.taskPath;
const PORTRAIT = 'https://studio.example/portraits/anna.jpg';
const done = (taskId: string) =>
	envelope({
		task_id: taskId,
		state: 1,
		image: resultUrl(`${taskId}.jpg`),
		image_id: `img-${taskId}`,
	});

const idPhoto = (parameters: INodeParameters, options: INodeParameters = {}) => ({
	resource: 'advancedIdPhoto',
	operation: 'makeAdvancedIdPhoto',
	inputType: 'url',
	imageUrl: PORTRAIT,
	...parameters,
	options: { resultAs: 'url', ...options },
});

describe('Advanced ID Photo → Make Advanced ID Photo', () => {
	it.each([
		[
			'pixels',
			{ sizeBy: 'pixels', pxWidth: 354, pxHeight: 472 },
			{ px_width: '354', px_height: '472' },
		],
		[
			'millimetres',
			{ sizeBy: 'millimetres', mmWidth: 35, mmHeight: 45.5 },
			{ mm_width: '35', mm_height: '45.5' },
		],
		['a spec', { sizeBy: 'spec', specId: 12 }, { spec_id: '12' }],
	])('sizes by %s', async (_name, parameters, fields) => {
		const seen = captureCreate(done('id-1'), PATH);
		const result = await runPicWish({ parameters: idPhoto(parameters) });
		expect(result.error).toBeUndefined();
		expect(seen.fields).toEqual({ sync: '1', return_type: '1', image_url: PORTRAIT, ...fields });
	});

	it('refuses a width of 1800 px from an expression before any request: PicWish takes under 1800', async () => {
		const result = await runPicWish({
			parameters: idPhoto({ sizeBy: 'pixels', pxWidth: '={{ 900 * 2 }}', pxHeight: 413 }),
		});
		expect(result.error?.message).toBe(
			'"Width (Px)" must be a whole number from 1 to 1799, not "1800" [item 0]',
		);
	});

	it("carries PicWish's image_id in the JSON (a later task can reuse the upload with it)", async () => {
		captureCreate(done('id-2'), PATH);
		const result = await runPicWish({ parameters: idPhoto({ sizeBy: 'pixels' }) });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			task_id: 'id-2',
			image_id: 'img-id-2',
			resultUrl: resultUrl('id-2.jpg'),
		});
	});

	describe('Check Credits First: 6 credits a photo, 15 with an outfit, +8 with any beauty option, +5 with a print layout, 0 for a preview', () => {
		const credits = (left: number) =>
			api()
				.get(CREDITS_PATH)
				.reply(200, envelope([{ remaining_credits: left, used_credits: 0 }]));

		/** What a run of one photo with these options needs, as Check Credits First says with no credits left. */
		async function needed(options: INodeParameters): Promise<string | undefined> {
			credits(0);
			const result = await runPicWish({
				parameters: idPhoto({ sizeBy: 'pixels' }, { checkCreditsFirst: true, ...options }),
			});
			return /: (\d+) needed, 0 left/.exec(result.error?.message ?? '')?.[1];
		}

		it.each([
			['a standard photo', '6', {}],
			['an outfit', '15', { outfit: '3' }],
			['one beauty option', '14', { smoothSkin: true }],
			[
				'all four beauty options, counted once,',
				'14',
				{ brighten: true, sharpen: true, slimFace: true, smoothSkin: true },
			],
			['a print layout', '11', { printLayout: true }],
			[
				'an outfit, beauty and a print layout',
				'28',
				{ outfit: '3', brighten: true, printLayout: true },
			],
			['beauty options switched off', '6', { brighten: false, sharpen: false }],
		])('%s: %s credits', async (_name, count, options) => {
			expect(await needed(options)).toBe(count);
		});

		it('adds up a batch, each photo at its own price, before any create', async () => {
			credits(73);
			const photos = [
				{ outfit: '', beauty: false, layout: false },
				{ outfit: '3', beauty: false, layout: false },
				{ outfit: '', beauty: true, layout: false },
				{ outfit: '', beauty: false, layout: true },
				{ outfit: '3', beauty: true, layout: true },
			];
			const result = await runPicWish({
				parameters: idPhoto(
					{ sizeBy: 'pixels', imageUrl: '={{ $json.url }}' },
					{
						checkCreditsFirst: true,
						outfit: '={{ $json.outfit }}',
						brighten: '={{ $json.beauty }}',
						printLayout: '={{ $json.layout }}',
					},
				),
				items: photos.map((photo, index) => ({
					json: { ...photo, url: `https://studio.example/portraits/${index}.jpg` },
				})),
			});
			// 6 + 15 + 14 + 11 + 28
			expect(result.error?.message).toBe('Not enough PicWish credits: 74 needed, 73 left [item 0]');
			expect((result.error as { description?: string }).description).toMatch(
				/^Check Credits First stopped the run before any task was created: 5 items need 74 credits \(6 credits per photo; 15 with an outfit; \+8 with any beauty option; \+5 with a print layout; a preview is free\)\./,
			);
		});

		it('a preview is free: a batch of previews starts with no credits left (the credits are still asked once)', async () => {
			const asked = api()
				.get(CREDITS_PATH)
				.reply(200, envelope([{ remaining_credits: 0, used_credits: 40 }]));
			const seen = captureCreate(done('prev-1'), PATH);
			const result = await runPicWish({
				parameters: idPhoto(
					{ sizeBy: 'pixels' },
					{ checkCreditsFirst: true, preview: true, outfit: '3', smoothSkin: true },
				),
			});
			expect(result.error).toBeUndefined();
			expect(asked.isDone()).toBe(true);
			expect(seen.fields).toMatchObject({ preview: '1', clothes_id: '3', auto_smooth: '1' });
		});
	});
});
