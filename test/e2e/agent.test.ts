/* eslint-disable @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * The PicWish tool in a real AI Agent (n8n's Agent node with the OpenAI Chat Model pointed at a
 * local stand-in model): the example workflow as shipped, with only resource and operation set on
 * the tool. The model is offered the tool with its description and an imageUrl argument, calls it,
 * gets the cleaned image's link back, and the agent's answer carries it; a failed task reaches the
 * model as its reason and task ID. The API key never reaches the model.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type Sandbox, startSandbox } from '../sandbox/server';
import { EXAMPLES_DIR, SANDBOX_KEY, sandboxCredential } from './dev';
import {
	ensureHost,
	executeWorkflow,
	hostEnv,
	HOSTS,
	importCredentials,
	importWorkflow,
	installPackage,
	nodeOutput,
	packPackage,
	ROOT,
	type Host,
} from './host';
import { type ModelStandIn, RECTANGLES, startModelStandIn } from './model-standin';
import { backgroundGenerationApi } from '../../nodes/PicWish/actions/backgroundGeneration/api';
import { objectRemovalApi } from '../../nodes/PicWish/actions/objectRemoval/api';

const EXAMPLE = join(ROOT, 'examples/ai-agent-tool.json');

let tarball: string;
beforeAll(() => {
	tarball = packPackage(mkdtempSync(join(tmpdir(), 'picwish-pack-')));
});

describe.each([['2'], ['1']] as const)('n8n %s.x: the PicWish tool in an AI Agent', (line) => {
	const host: Host = HOSTS[line];
	let sandbox: Sandbox;
	let workDir: string;
	let env: NodeJS.ProcessEnv;

	beforeAll(async () => {
		ensureHost(host);
		sandbox = await startSandbox({ apiKeys: [SANDBOX_KEY], qps: 2, processingMs: 300 });
		workDir = mkdtempSync(join(tmpdir(), `picwish-agent-${line}-`));
		installPackage(join(workDir, 'user'), tarball);
		// n8n 1.x offers community nodes as tools only when allowed.
		env = hostEnv(host, join(workDir, 'user'), { N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: 'true' });
	});
	afterAll(async () => await sandbox?.close());

	/** Runs the example; `tool` replaces the PicWish tool's resource and operation. */
	async function runAgent(
		imageUrl: string,
		tool?: { resource: string; operation: string },
	): Promise<{ model: ModelStandIn; report: Awaited<ReturnType<typeof executeWorkflow>> }> {
		sandbox.reset();
		const model = await startModelStandIn(imageUrl);
		try {
			const credentials = [
				...sandboxCredential(sandbox.url),
				{
					id: 'openai-account',
					name: 'OpenAI account',
					type: 'openAiApi',
					data: { apiKey: 'sk-stand-in', url: model.url },
				},
			];
			writeFileSync(join(workDir, 'credentials.json'), JSON.stringify(credentials));
			await importCredentials(host, env, join(workDir, 'credentials.json'));
			const workflow = JSON.parse(
				readFileSync(EXAMPLE, 'utf8')
					.replaceAll('http://127.0.0.1:8930', sandbox.url)
					.replaceAll(EXAMPLES_DIR, workDir),
			);
			if (tool) {
				const node = workflow.nodes.find(
					(candidate: { type: string }) => candidate.type === 'n8n-nodes-picwish.picWishTool',
				);
				node.parameters = tool;
			}
			writeFileSync(join(workDir, 'agent.json'), JSON.stringify(workflow));
			await importWorkflow(host, env, join(workDir, 'agent.json'));
			return { model, report: await executeWorkflow(host, env, 'pwExampleAgent01') };
		} finally {
			await model.close();
		}
	}

	it('cleans the image the model asks for and hands the link back', async () => {
		const { model, report } = await runAgent(`${sandbox.url}/samples/summer-dress-800x1000.jpg`);
		expect(report.status).toBe('success');
		// What the model was offered: the tool, described, with one argument it can act on.
		const offered = model.requests[0].tools?.[0]?.function;
		expect(offered?.name).toBe('Remove_Watermark');
		expect(offered?.description).toMatch(
			/Removes the watermark from an image on the web with PicWish\. Needs imageUrl/,
		);
		expect(Object.keys(offered?.parameters?.properties ?? {})).toEqual(['imageUrl']);
		expect(offered?.parameters?.properties?.imageUrl.description).toMatch(
			/public http\(s\) URL of the image: a JPG, PNG or BMP file/,
		);
		// What the tool gave the model: the small JSON with the link.
		const toolMessage = model.requests[1].messages.find((message) => message.role === 'tool');
		const result = JSON.parse(String(toolMessage?.content)) as Array<Record<string, string>>;
		expect(result[0]).toMatchObject({ status: 'completed', state: 'Completed' });
		expect(result[0].resultUrl).toMatch(new RegExp(`^${sandbox.url}/results/`));
		expect(result[0].resultUrlExpiresAt).toMatch(/^\d{4}-\d\d-\d\dT/);
		expect(result[0].taskId).toMatch(/^[0-9a-f-]{36}$/);
		// The agent's answer carries it.
		const [answer] = nodeOutput(report, 'AI Agent');
		expect(String(answer.json.output)).toContain(result[0].resultUrl);
		expect(sandbox.stats).toMatchObject({ creates: 1, downloads: 0 });
		expect(JSON.stringify(model.requests)).not.toContain(SANDBOX_KEY);
	});

	it('a failed task reaches the model as its reason, what to do and the task ID', async () => {
		const { model, report } = await runAgent(`${sandbox.url}/samples/fail-7.png`);
		expect(report.status).toBe('success');
		const toolMessage = String(
			model.requests[1].messages.find((message) => message.role === 'tool')?.content,
		);
		expect(toolMessage).toMatch(
			/PicWish could not remove the watermark: Invalid image file \(state -7\)\. The image is corrupted/,
		);
		expect(toolMessage).toMatch(/Task ID: [0-9a-f-]{36}\./);
		expect(toolMessage).not.toMatch(/\[item \d+\]/);
	});

	it('Object Removal as a tool, dropped in: the model gives the image and the rectangles, and gets the link', async () => {
		const { model, report } = await runAgent(`${sandbox.url}/samples/living-room-640x480.jpg`, {
			resource: 'objectRemoval',
			operation: 'removeObjects',
		});
		expect(report.status).toBe('success');
		const offered = model.requests[0].tools?.[0]?.function;
		expect(offered?.description).toMatch(
			/^Erases what is inside given rectangles of an image on the web .* Also needs rectangles: A JSON list of 1 to 50 areas .* Costs 1 to 2 credits per image \(price not published: counted as 2 to be safe\) of the PicWish account\./,
		);
		expect(Object.keys(offered?.parameters?.properties ?? {}).sort()).toEqual([
			'imageUrl',
			'rectangles',
		]);
		const toolMessage = model.requests[1].messages.find((message) => message.role === 'tool');
		const [result] = JSON.parse(String(toolMessage?.content)) as Array<Record<string, string>>;
		expect(result).toMatchObject({ status: 'completed' });
		expect(String(nodeOutput(report, 'AI Agent')[0].json.output)).toContain(result.resultUrl);
		expect(sandbox.stats.createsByPath).toEqual({ [objectRemovalApi.taskPath]: 1 });
		expect(RECTANGLES).toContain('"width":120');
	});

	it('Background Generation as a tool, dropped in: the model gives the cutout and a prompt, and gets a link per image', async () => {
		const { model, report } = await runAgent(`${sandbox.url}/samples/cutout-600x600.png`, {
			resource: 'backgroundGeneration',
			operation: 'generateBackground',
		});
		expect(report.status).toBe('success');
		const offered = model.requests[0].tools?.[0]?.function;
		expect(offered?.description).toMatch(
			/^Puts a product or person cutout .* Needs imageUrl: .* Also needs prompt: The background to generate, in words .* Costs 3 credits for 1 image, 6 for 2, 8 for 3, 10 for 4/,
		);
		expect(Object.keys(offered?.parameters?.properties ?? {}).sort()).toEqual([
			'imageUrl',
			'prompt',
		]);
		const toolMessage = model.requests[1].messages.find((message) => message.role === 'tool');
		const results = JSON.parse(String(toolMessage?.content)) as Array<Record<string, unknown>>;
		// PicWish makes two images when the count is not set: a link for each, from one task.
		expect(results.map((result) => [result.status, result.imageIndex])).toEqual([
			['completed', 1],
			['completed', 2],
		]);
		expect(results[0].taskId).toBe(results[1].taskId);
		expect(results[0].resultUrl).not.toBe(results[1].resultUrl);
		expect(String(nodeOutput(report, 'AI Agent')[0].json.output)).toContain(
			String(results[0].resultUrl),
		);
		expect(sandbox.stats.createsByPath).toEqual({ [backgroundGenerationApi.taskPath]: 1 });
		expect(sandbox.stats.downloads).toBe(0);
	});

	it('Get Credits as a tool: the agent answers how many credits are left', async () => {
		const { model, report } = await runAgent('', { resource: 'account', operation: 'getCredits' });
		expect(report.status).toBe('success');
		const offered = model.requests[0].tools?.[0]?.function;
		expect(offered?.description).toMatch(/^Tells how many PicWish credits are left on the account/);
		const toolMessage = model.requests[1].messages.find((message) => message.role === 'tool');
		const [result] = JSON.parse(String(toolMessage?.content)) as Array<Record<string, unknown>>;
		expect(result).toMatchObject({ remainingCredits: sandbox.options.credits, usedCredits: 0 });
		const [answer] = nodeOutput(report, 'AI Agent');
		expect(String(answer.json.output)).toBe(
			`You have ${sandbox.options.credits} PicWish credits left.`,
		);
		expect(sandbox.stats).toMatchObject({ creditChecks: 1, creates: 0 });
	});
});
