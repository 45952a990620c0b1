/**
 * The PicWish node as an AI agent's tool. n8n builds the tool variant from the node (its name gets
 * "Tool", and properties marked `'@tool': [true]` show only there); this file builds it the same
 * way. With only resource and operation chosen, the model gives the image URL (or task ID), gets a
 * small JSON with the result link, and reads a failure as its reason, what to do and the task ID.
 */
import type { INode, INodeParameters, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { PicWish } from '../../../../nodes/PicWish/PicWish.node';
import { resources } from '../../../../nodes/PicWish/actions';
import { objectRemovalApi } from '../../../../nodes/PicWish/actions/objectRemoval/api';
import type { ResourceApi } from '../../../../nodes/PicWish/tasks/context';
import {
	api,
	completed,
	envelope,
	parseMultipart,
	requestBytes,
	resultUrl,
	storage,
	TASK_PATH,
} from '../../../support/api';
import { urlParameter } from '../../../support/examples';
import { useNock } from '../../../support/nock-lifecycle';
import { PicWishTool, runPicWish, TOOL_TYPE } from '../../../support/workflow';

useNock();

/** The parameters n8n resolves for a node with only `chosen` set. */
function resolved(
	description: INodeTypeDescription,
	type: string,
	chosen: INodeParameters,
): INodeParameters {
	const node = { name: 'PicWish', type, typeVersion: 1, parameters: chosen } as INode;
	return (
		NodeHelpers.getNodeParameters(description.properties, chosen, true, false, node, description) ??
		{}
	);
}

describe('the tool variant, with only resource and operation chosen', () => {
	const tool = new PicWishTool().description;
	const regular = new PicWish().description;

	it('asks the model for the image URL and describes itself to it', () => {
		const parameters = resolved(tool, TOOL_TYPE, {
			resource: 'watermark',
			operation: 'removeWatermark',
		});
		expect(parameters.inputType).toBe('url');
		expect(parameters.imageUrl).toMatch(
			/^=\{\{ \$fromAI\('imageUrl', 'The public http\(s\) URL of the image: a JPG, PNG or BMP file/,
		);
		expect(parameters.binaryPropertyName).toBeUndefined();
		expect(parameters.toolDescription).toMatch(
			/^Removes the watermark from an image on the web with PicWish\. Needs imageUrl: .* Returns resultUrl, .* stops working at resultUrlExpiresAt \(after one hour\), and the taskId\.$/,
		);
	});

	it('Get Task asks the model for the task ID', () => {
		const parameters = resolved(tool, TOOL_TYPE, { resource: 'watermark', operation: 'getTask' });
		expect(parameters.taskId).toMatch(/^=\{\{ \$fromAI\('taskId', /);
		expect(parameters.toolDescription).toMatch(
			/^Looks up a PicWish watermark removal task by its taskId/,
		);
	});

	it('leaves the regular node as it was: binary input, no tool description', () => {
		const parameters = resolved(regular, 'n8n-nodes-picwish.picWish', {
			resource: 'watermark',
			operation: 'removeWatermark',
		});
		expect(parameters).toMatchObject({ inputType: 'binary', binaryPropertyName: 'data' });
		expect(parameters.toolDescription).toBeUndefined();
		expect(resolved(regular, 'n8n-nodes-picwish.picWish', { operation: 'getTask' }).taskId).toBe(
			'',
		);
	});
});

describe('every API of the suite as a tool, dropped in with only resource and operation chosen', () => {
	const tool = new PicWishTool().description;
	const taskResources = Object.entries(resources).filter(
		([, resource]) => 'taskPath' in resource.api,
	);

	it.each(taskResources.map(([name, resource]) => [name, resource] as const))(
		'%s: says what it does, needs, costs and returns',
		(name, resource) => {
			const createAndWait = String(resource.operationProperty.default);
			const parameters = resolved(tool, TOOL_TYPE, { resource: name, operation: createAndWait });
			const input = urlParameter(resource.api as ResourceApi);
			expect(parameters.inputType).toBe('url');
			expect(parameters[input]).toMatch(new RegExp(`^=\\{\\{ \\$fromAI\\('${input}', `));
			expect(parameters.toolDescription).toMatch(
				new RegExp(
					` with PicWish.*\\. Needs ${input}: a public http\\(s\\) link to a .* (image|file) \\(.*\\)\\..* Costs \\d+( to \\d+)? credits? .*of the PicWish account\\. Returns resultUrl, a link to .* and the taskId\\.$`,
				),
			);
			const getTask = resolved(tool, TOOL_TYPE, { resource: name, operation: 'getTask' });
			expect(getTask.taskId).toMatch(/^=\{\{ \$fromAI\('taskId', /);
			expect(getTask.toolDescription).toMatch(
				new RegExp(
					`^Looks up a PicWish ${(resource.api as ResourceApi).wording.service} task by its taskId`,
				),
			);
		},
	);

	it('Object Removal takes its rectangles from the model', () => {
		const parameters = resolved(tool, TOOL_TYPE, {
			resource: 'objectRemoval',
			operation: 'removeObjects',
		});
		expect(parameters.area).toBe('rectangles');
		expect(parameters.rectangles).toMatch(
			/^=\{\{ \$fromAI\('rectangles', 'A JSON list of 1 to 50 areas in pixels/,
		);
		expect(parameters.toolDescription).toMatch(/Also needs rectangles: A JSON list/);
	});

	it('Object Removal as a tool: the rectangles the model gave are sent, the link comes back', async () => {
		api()
			.post(objectRemovalApi.taskPath)
			.reply(async function (_uri, body) {
				const parts = await parseMultipart(
					String(this.req.headers['content-type']),
					requestBytes(body),
				);
				expect(parts.rectangles.body.toString()).toBe('[{"x":10,"y":20,"width":200,"height":80}]');
				return [200, envelope({ task_id: 'or-1', state: 1, image: resultUrl('or-1.jpg') })];
			});
		const result = await runPicWish({
			nodeType: new PicWishTool(),
			nodeTypeName: TOOL_TYPE,
			parameters: {
				resource: 'objectRemoval',
				operation: 'removeObjects',
				imageUrl: 'https://example.com/room.jpg',
				rectangles: '[{"x":10,"y":20,"width":200,"height":80}]',
			},
		});
		expect(result.items[0].json).toMatchObject({
			taskId: 'or-1',
			status: 'completed',
			resultUrl: resultUrl('or-1.jpg'),
		});
	});
});

describe('what the model gets back', () => {
	const asTool = (parameters: INodeParameters) => ({
		nodeType: new PicWishTool(),
		nodeTypeName: TOOL_TYPE,
		parameters,
	});

	it('the result link, when it expires, the task ID and the state in words — no download', async () => {
		api()
			.post(TASK_PATH)
			.reply(
				200,
				completed('t-1', resultUrl('t-1.jpg'), {
					image_width: 800,
					image_height: 600,
					state_detail: 'Complete',
				}),
			);
		const download = storage().get('/tasks/t-1.jpg').query(true).reply(200, 'never fetched');
		const result = await runPicWish(
			asTool({
				resource: 'watermark',
				operation: 'removeWatermark',
				imageUrl: 'https://example.com/dress.jpg',
			}),
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([
			{
				taskId: 't-1',
				status: 'completed',
				state: 'Completed',
				resultUrl: resultUrl('t-1.jpg'),
				resultUrlExpiresAt: '2026-11-24T13:00:00.000Z',
				width: 800,
				height: 600,
			},
		]);
		expect(result.items[0].binary).toBeUndefined();
		expect(download.isDone()).toBe(false);
	});

	it('a failed task: the reason, what to do and the task ID, without n8n item labels', async () => {
		api()
			.post(TASK_PATH)
			.reply(200, envelope({ task_id: 't-2', state: -7 }));
		const result = await runPicWish(
			asTool({
				resource: 'watermark',
				operation: 'removeWatermark',
				imageUrl: 'https://example.com/broken.jpg',
			}),
		);
		// The tool's result, not a thrown error: the agent's run goes on (n8n 1.x would end it).
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([
			{
				error:
					'PicWish could not remove the watermark: Invalid image file (state -7). The image is corrupted or not in a supported format. Send a JPG, PNG or BMP image between 20 and 10000 pixels per side, up to 50 MB. Task ID: t-2.',
			},
		]);
	});

	it('a URL the model got wrong: what is wrong and how to fix it', async () => {
		const result = await runPicWish(
			asTool({ resource: 'watermark', operation: 'removeWatermark', imageUrl: 'photo.jpg' }),
		);
		expect(result.items[0].json.error).toBe(
			'"photo.jpg" is not a valid URL. Enter a complete address that starts with https:// or http://, for example https://example.com/photo.jpg.',
		);
	});

	it('Get Task: the state of a task still running', async () => {
		api()
			.get(`${TASK_PATH}/t-3`)
			.reply(200, envelope({ task_id: 't-3', state: 4, progress: 40 }));
		const result = await runPicWish(
			asTool({ resource: 'watermark', operation: 'getTask', taskId: 't-3' }),
		);
		expect(result.items.map((item) => item.json)).toEqual([
			{ taskId: 't-3', status: 'processing', state: 'Processing' },
		]);
	});
});
