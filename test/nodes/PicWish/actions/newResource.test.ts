/**
 * The proof that a PicWish API is one folder plus one registry entry: a throw-away "Background"
 * resource (PicWish's segmentation API, whose image fields are image_url / image_file) is built here
 * from the shared task steps only, registered beside Watermark, and run through n8n's engine.
 * No shared code knows it.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { nodeProperties, nodeSubtitle, resources, type Resource } from '../../../../nodes/PicWish/actions';
import { router } from '../../../../nodes/PicWish/actions/router';
import { imageSourceProperties } from '../../../../nodes/PicWish/actions/shared/descriptions';
import { PicWish } from '../../../../nodes/PicWish/PicWish.node';
import type { RunContext } from '../../../../nodes/PicWish/tasks/context';
import { createTaskFromInput } from '../../../../nodes/PicWish/tasks/create';
import { buildResultItem } from '../../../../nodes/PicWish/tasks/result';
import { settleTask } from '../../../../nodes/PicWish/tasks/wait';
import { api, completed, envelope, parseMultipart, requestBytes, resultUrl, TASK_PATH } from '../../../support/api';
import { makePng } from '../../../support/images';
import { useNock } from '../../../support/nock-lifecycle';
import { runPicWish } from '../../../support/workflow';

useNock();

const SEGMENTATION_PATH = '/api/tasks/visual/segmentation';

/** The whole "folder": one operation and the resource around it. */
const removeBackground = {
	description: updateDisplayOptions({ show: { resource: ['background'], operation: ['removeBackground'] } }, [
		...imageSourceProperties,
	] as INodeProperties[]),
	async execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<INodeExecutionData[]> {
		const { task, baseName } = await createTaskFromInput(this, run, itemIndex, { sync: true, processingTimeoutMs: 30_000 });
		settleTask(this, run.resource, itemIndex, task);
		return [await buildResultItem(this, run, itemIndex, task, { resultAs: 'url' }, baseName)];
	},
};

const background: Resource = {
	name: 'Background',
	api: {
		taskPath: SEGMENTATION_PATH,
		imageFields: { file: 'image_file', url: 'image_url' },
		extraFields: { type: 'product' },
		wording: { service: 'background removal', failed: 'could not remove the background' },
	},
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['background'] } },
		options: [{ name: 'Remove Background', value: 'removeBackground', action: 'Remove the background of an image' }],
		default: 'removeBackground',
	},
	operations: { removeBackground },
};

/** The one entry. */
const registry = { ...resources, background };

class PicWishWithBackground extends PicWish {
	constructor() {
		super();
		this.description = { ...this.description, properties: nodeProperties(registry), subtitle: nodeSubtitle(registry) };
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this, registry);
	}
}

/** Answers one create on `path` and keeps its multipart fields. */
function captureOn(path: string, reply: object) {
	const seen: { fields?: Record<string, string>; files?: string[] } = {};
	api()
		.post(path)
		.reply(async function (_uri, body) {
			const parts = await parseMultipart(String(this.req.headers['content-type']), requestBytes(body));
			seen.fields = Object.fromEntries(
				Object.entries(parts)
					.filter(([, part]) => part.filename === undefined)
					.map(([name, part]) => [name, part.body.toString('utf8')]),
			);
			seen.files = Object.entries(parts)
				.filter(([, part]) => part.filename !== undefined)
				.map(([name]) => name);
			return [200, reply];
		});
	return seen;
}

describe('a new resource is a folder plus one entry', () => {
	const nodeType = () => new PicWishWithBackground();

	it('shows up in the Resource selector and the subtitle', () => {
		const { properties, subtitle } = nodeType().description;
		expect(properties[0].options).toEqual([
			{ name: 'Account', value: 'account' },
			{ name: 'Background', value: 'background' },
			{ name: 'Watermark', value: 'watermark' },
		]);
		expect(subtitle).toContain('"background":{"removeBackground":"Remove Background"}');
	});

	it('sends its own endpoint and field names, by URL', async () => {
		const seen = captureOn(SEGMENTATION_PATH, completed('bg-1', resultUrl('bg-1.png')));
		const result = await runPicWish({
			nodeType: nodeType(),
			parameters: { resource: 'background', operation: 'removeBackground', inputType: 'url', imageUrl: 'https://example.com/shoe.jpg' },
		});
		expect(result.error).toBeUndefined();
		expect(seen.fields).toEqual({ sync: '1', type: 'product', image_url: 'https://example.com/shoe.jpg' });
		expect(result.items[0].json).toMatchObject({ task_id: 'bg-1', taskStatus: 'completed', file: resultUrl('bg-1.png') });
	});

	it('sends its own file field, by binary', async () => {
		const seen = captureOn(SEGMENTATION_PATH, completed('bg-2'));
		const result = await runPicWish({
			nodeType: nodeType(),
			parameters: { resource: 'background', operation: 'removeBackground', inputType: 'binary', binaryPropertyName: 'data' },
			items: [{ binary: { data: { data: makePng(40, 40), fileName: 'shoe.png', mimeType: 'image/png' } } }],
		});
		expect(result.error).toBeUndefined();
		expect(seen.files).toEqual(['image_file']);
	});

	it('speaks of its own API when a task fails', async () => {
		api().post(SEGMENTATION_PATH).reply(200, envelope({ task_id: 'bg-3', state: -7 }));
		const result = await runPicWish({
			nodeType: nodeType(),
			parameters: { resource: 'background', operation: 'removeBackground', inputType: 'url', imageUrl: 'https://example.com/x.jpg' },
		});
		expect(result.error?.message).toBe('PicWish could not remove the background: Invalid image file (state -7) [task_id bg-3] [item 0]');
	});

	it('leaves the Watermark resource as it was, in the same node', async () => {
		const seen = captureOn(TASK_PATH, completed('wm-1'));
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
