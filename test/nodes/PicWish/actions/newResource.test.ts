/**
 * The proof that a PicWish API is one folder plus one registry entry: a throw-away "Clothing"
 * resource (PicWish's clothing segmentation API, not part of the node) is declared here as data —
 * endpoint, fields, one option, price, wording — registered beside the others, and run through
 * n8n's engine with the three operations every task API gets. No shared code knows it.
 * `npm run check:new-api` (test/verification/new-api.ts) goes further: it adds such a resource as
 * files (one folder, one registry line, one sandbox stand-in) to a copy of the project and runs every
 * unit test that goes over the registry there.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { nodeProperties, nodeSubtitle, resources } from '../../../../nodes/PicWish/actions';
import { router } from '../../../../nodes/PicWish/actions/router';
import { taskResource } from '../../../../nodes/PicWish/actions/shared/taskResource';
import { UNPUBLISHED_LIMITS } from '../../../../nodes/PicWish/helpers/image';
import { PicWish } from '../../../../nodes/PicWish/PicWish.node';
import { api, captureCreate, envelope, resultUrl, TASK_PATH } from '../../../support/api';
import { makePng } from '../../../support/images';
import { useNock } from '../../../support/nock-lifecycle';
import { runPicWish } from '../../../support/workflow';

useNock();

const CLOTHING_PATH = '/api/tasks/visual/clothing-segmentation';

/** The whole "folder". */
const clothing = taskResource({
	value: 'clothing',
	name: 'Clothing',
	api: {
		taskPath: CLOTHING_PATH,
		imageFields: { file: 'image_file', url: 'image_url' },
		results: [{ field: 'image' }],
		limits: UNPUBLISHED_LIMITS,
		facts: { queryPath: 'inferred', results: 'inferred', price: 'inferred', limits: 'inferred' },
		wording: {
			service: 'clothing segmentation',
			failed: 'could not segment the clothing',
			resultSuffix: 'clothing',
		},
	},
	operation: {
		name: 'Segment Clothing',
		value: 'segmentClothing',
		action: 'Segment the clothing in an image',
		description: 'Get masks of the clothing',
	},
	toolSummary: 'Finds the clothing in a photo',
	resultNoun: 'the clothing mask',
	options: [
		{
			property: {
				displayName: 'Detail',
				name: 'detail',
				type: 'options',
				options: [
					{ name: 'Regular', value: 1 },
					{ name: 'Ultra High', value: 2 },
				],
				default: 1,
			},
			field: 'detail_mode',
		},
	],
	price: { credits: () => 3, text: '3 credits per image' },
});

/** The one entry. */
const registry = { ...resources, clothing };

class PicWishWithClothing extends PicWish {
	constructor() {
		super();
		this.description = {
			...this.description,
			properties: nodeProperties(registry),
			subtitle: nodeSubtitle(registry),
		};
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this, registry);
	}
}

const done = (taskId: string, image = resultUrl(`${taskId}.png`)) =>
	envelope({ task_id: taskId, state: 1, progress: 100, image });

describe('a new resource is a folder plus one entry', () => {
	const nodeType = () => new PicWishWithClothing();

	it('shows up in the Resource selector and the subtitle, with its three operations', () => {
		const { properties, subtitle } = nodeType().description;
		expect(properties[0].options).toContainEqual({ name: 'Clothing', value: 'clothing' });
		expect(subtitle).toContain(
			'"clothing":{"createTask":"Create Task","getTask":"Get Task","segmentClothing":"Segment Clothing"}',
		);
	});

	it('sends its own endpoint, field names and option, by URL', async () => {
		const seen = captureCreate(done('c-1'), CLOTHING_PATH);
		const result = await runPicWish({
			nodeType: nodeType(),
			parameters: {
				resource: 'clothing',
				operation: 'segmentClothing',
				inputType: 'url',
				imageUrl: 'https://example.com/dress.jpg',
				options: { resultAs: 'url', detail: 2 },
			},
		});
		expect(result.error).toBeUndefined();
		expect(seen.fields).toEqual({
			sync: '1',
			detail_mode: '2',
			image_url: 'https://example.com/dress.jpg',
		});
		expect(result.items[0].json).toMatchObject({
			task_id: 'c-1',
			taskStatus: 'completed',
			resultUrl: resultUrl('c-1.png'),
		});
	});

	it('sends its own file field, by binary, and refuses a value its option does not list before any request', async () => {
		const seen = captureCreate(done('c-2'), CLOTHING_PATH);
		const image = {
			binary: { data: { data: makePng(40, 40), fileName: 'dress.png', mimeType: 'image/png' } },
		};
		const ok = await runPicWish({
			nodeType: nodeType(),
			parameters: {
				resource: 'clothing',
				operation: 'createTask',
				mode: 'sync',
				inputType: 'binary',
				binaryPropertyName: 'data',
				options: { resultAs: 'url' },
			},
			items: [image],
		});
		expect(ok.error).toBeUndefined();
		expect(seen.files).toEqual(['image_file']);

		const refused = await runPicWish({
			nodeType: nodeType(),
			parameters: {
				resource: 'clothing',
				operation: 'segmentClothing',
				inputType: 'binary',
				options: { detail: 3 },
			},
			items: [image],
		});
		expect(refused.error?.message).toBe(
			'"Detail" must be one of Regular (1), Ultra High (2), not "3" [item 0]',
		);
	});

	it('speaks of its own API when a task fails', async () => {
		api()
			.post(CLOTHING_PATH)
			.reply(200, envelope({ task_id: 'c-3', state: -7 }));
		const result = await runPicWish({
			nodeType: nodeType(),
			parameters: {
				resource: 'clothing',
				operation: 'segmentClothing',
				inputType: 'url',
				imageUrl: 'https://example.com/x.jpg',
			},
		});
		expect(result.error?.message).toBe(
			'PicWish could not segment the clothing: Invalid image file (state -7) [task_id c-3] [item 0]',
		);
	});

	it('leaves the Watermark resource as it was, in the same node', async () => {
		const seen = captureCreate(
			envelope({ task_id: 'wm-1', state: 1, file: resultUrl() }),
			TASK_PATH,
		);
		const result = await runPicWish({
			nodeType: nodeType(),
			parameters: {
				resource: 'watermark',
				operation: 'createTask',
				mode: 'sync',
				inputType: 'url',
				imageUrl: 'https://example.com/poster.jpg',
				options: { resultAs: 'url' },
			},
		});
		expect(result.error).toBeUndefined();
		expect(seen.fields).toEqual({ sync: '1', url: 'https://example.com/poster.jpg' });
	});
});
