/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * The editor, in a real browser: n8n 2.x with the packed package, Debian's Chromium driven by
 * playwright-core. Checks that the credential form and each operation's parameters render with
 * their names, defaults and hints, and takes a screenshot of each. The screenshots go to the run's
 * temp folder; `npm run screenshots` writes them to docs/screenshots/ for the README, on purpose.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

import { type Sandbox, startSandbox } from '../sandbox/server';
import { SANDBOX_KEY } from './dev';
import {
	CHROMIUM_ARGS,
	ensureHost,
	freePort,
	hostEnv,
	HOSTS,
	installPackage,
	packPackage,
	ROOT,
	setupOwner,
	startN8n,
	stopProcess,
} from './host';

const host = HOSTS['2'];
let BASE: string;
let SHOTS: string;

let n8n: Awaited<ReturnType<typeof startN8n>>;
let browser: Browser;
let page: Page;
let cookie: string;
let sandbox: Sandbox;

async function rest<T>(path: string, body: unknown): Promise<T> {
	const response = await fetch(`${BASE}/rest${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Cookie: cookie, 'browser-id': 'editor-test' },
		body: JSON.stringify(body),
	});
	if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
	return ((await response.json()) as { data: T }).data;
}

/** A saved workflow with one PicWish node set to `parameters`; returns its id. */
async function workflowWith(
	name: string,
	parameters: Record<string, unknown>,
	credentialId: string,
): Promise<string> {
	const workflow = await rest<{ id: string }>('/workflows', {
		name,
		nodes: [
			{
				id: 'trigger',
				name: 'When clicking ‘Execute workflow’',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'picwish',
				name: 'PicWish',
				type: 'n8n-nodes-picwish.picWish',
				typeVersion: 1,
				position: [260, 0],
				parameters,
				credentials: { picWishApi: { id: credentialId, name: 'PicWish Sandbox' } },
			},
		],
		connections: {
			'When clicking ‘Execute workflow’': { main: [[{ node: 'PicWish', type: 'main', index: 0 }]] },
		},
		settings: {},
		active: false,
	});
	return workflow.id;
}

/** Opens a workflow and the PicWish node's parameter panel; returns the panel's text. */
async function openNode(workflowId: string): Promise<string> {
	await page.goto(`${BASE}/workflow/${workflowId}`);
	const node = page.locator('[data-test-id="canvas-node"]').filter({ hasText: 'PicWish' }).first();
	await node.waitFor({ timeout: 60_000 });
	// The label intercepts clicks: double-click the node's box.
	const box = await node.boundingBox();
	if (!box) throw new Error('PicWish node has no box');
	await page.mouse.dblclick(box.x + box.width / 2, box.y + Math.min(30, box.height / 3));
	const panel = page.locator('[data-test-id="ndv"]');
	await panel.waitFor({ timeout: 30_000 });
	await page.waitForTimeout(1000);
	// Labels are text; chosen options and defaults are the values of the panel's inputs.
	const values = await panel
		.locator('input, textarea')
		.evaluateAll((elements) =>
			elements.map((element) => (element as unknown as { value: string }).value).filter(Boolean),
		);
	return `${await panel.innerText()}\n${values.join('\n')}`;
}

/** Opens a select parameter's list; returns its items. */
async function openList(combobox: Locator): Promise<Locator> {
	await combobox.click();
	const listId = await combobox.getAttribute('aria-controls');
	const items = page.locator(`[id="${listId}"] .el-select-dropdown__item`);
	await items.first().waitFor({ timeout: 10_000 });
	return items;
}

/** Each item's name: its first line (the second is its description). */
const itemNames = async (items: Locator): Promise<string[]> =>
	(await items.allInnerTexts()).map((text) => text.split('\n')[0].trim()).filter(Boolean);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Picks `option` in the open panel's select parameter `name`. */
async function pick(name: string, option: string): Promise<void> {
	const items = await openList(
		page.locator(
			`[data-test-id="ndv"] [data-test-id="parameter-input-${name}"] input[role="combobox"]`,
		),
	);
	await items.filter({ hasText: new RegExp(`^${escapeRegExp(option)}(\n|$)`) }).click();
}

/** The value a select parameter of the open panel shows, once it is `expected` (or after 10 s). */
async function shownValue(name: string, expected: string): Promise<string> {
	const input = page.locator(
		`[data-test-id="ndv"] [data-test-id="parameter-input-${name}"] input[role="combobox"]`,
	);
	let value = '';
	for (
		const deadline = Date.now() + 10_000;
		Date.now() < deadline;
		await page.waitForTimeout(100)
	) {
		value = await input.inputValue();
		if (value === expected) break;
	}
	return value;
}

/** The open panel's labels and the values of its inputs. */
async function panelText(): Promise<string> {
	const panel = page.locator('[data-test-id="ndv"]');
	const values = await panel
		.locator('input, textarea')
		.evaluateAll((elements) =>
			elements.map((element) => (element as unknown as { value: string }).value).filter(Boolean),
		);
	return `${await panel.innerText()}\n${values.join('\n')}`;
}

beforeAll(async () => {
	ensureHost(host);
	sandbox = await startSandbox({ apiKeys: [SANDBOX_KEY] });
	const workDir = mkdtempSync(join(tmpdir(), 'picwish-editor-'));
	SHOTS =
		process.env.UPDATE_SCREENSHOTS === '1'
			? join(ROOT, 'docs/screenshots')
			: join(workDir, 'screenshots');
	installPackage(join(workDir, 'user'), packPackage(join(workDir, 'pack')));
	const port = await freePort();
	BASE = `http://localhost:${port}`;
	n8n = await startN8n(host, hostEnv(host, join(workDir, 'user')), port);
	cookie = await setupOwner(port, { email: 'editor@example.com', password: 'Editor-password-1' });
	browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
	const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	const [name, value] = cookie.split('=');
	await context.addCookies([{ name, value, domain: 'localhost', path: '/' }]);
	page = await context.newPage();
	mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
	await browser?.close();
	if (n8n) await stopProcess(n8n);
	await sandbox?.close();
});

describe('n8n 2.x editor', () => {
	let credentialId: string;

	it('renders the PicWish API credential form', async () => {
		const credential = await rest<{ id: string }>('/credentials', {
			name: 'PicWish Sandbox',
			type: 'picWishApi',
			data: { apiKey: SANDBOX_KEY, baseUrl: sandbox.url, requestsPerSecond: 2 },
		});
		credentialId = credential.id;
		await page.goto(`${BASE}/home/credentials/${credentialId}`);
		const modal = page.locator('[data-test-id="editCredential-modal"]');
		await modal.waitFor({ timeout: 60_000 });
		// Opening a saved credential runs its test against the sandbox.
		await modal.getByText('Connection tested successfully').waitFor({ timeout: 30_000 });
		const text = await modal.innerText();
		expect(sandbox.stats.creates).toBe(0);
		for (const expected of [
			'PicWish API',
			'API Key',
			'Base URL',
			'Requests Per Second',
			'https://techsz.aoscdn.com',
		]) {
			expect(text).toContain(expected);
		}
		await page.screenshot({ path: join(SHOTS, 'credential.png') });
	});

	it('renders the PicWish tool of an AI Agent: only resource and operation, the URL left to the model', async () => {
		const workflow = await rest<{ id: string }>('/workflows', {
			name: 'Editor check: tool',
			nodes: [
				{
					id: 'agent',
					name: 'AI Agent',
					type: '@n8n/n8n-nodes-langchain.agent',
					typeVersion: 3,
					position: [0, 0],
					parameters: { promptType: 'define', text: 'Clean this photo', options: {} },
				},
				{
					id: 'picwish',
					name: 'PicWish',
					type: 'n8n-nodes-picwish.picWishTool',
					typeVersion: 1,
					position: [200, 220],
					parameters: { resource: 'watermark', operation: 'removeWatermark' },
					credentials: { picWishApi: { id: credentialId, name: 'PicWish Sandbox' } },
				},
			],
			connections: { PicWish: { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] } },
			settings: {},
			active: false,
		});
		const text = await openNode(workflow.id);
		await page.screenshot({ path: join(SHOTS, 'tool.png') });
		for (const label of [
			'Remove Watermark',
			'Image URL',
			'Description',
			'Removes the watermark from an image on the web with PicWish',
		]) {
			expect(text).toContain(label);
		}
		expect(text).not.toContain('Input Binary Field');
	});

	it.each([
		[
			'remove-watermark',
			{ resource: 'watermark', operation: 'removeWatermark' },
			[
				'Remove Watermark',
				'Input Type',
				'Binary File',
				'Input Binary Field',
				'data',
				'JPG, PNG or BMP',
			],
		],
		[
			'remove-watermark-url',
			{
				resource: 'watermark',
				operation: 'removeWatermark',
				inputType: 'url',
				imageUrl: '={{ $json.imageUrl }}',
				options: { resultAs: 'url', timeout: 180 },
			},
			['Image URL', 'Result As', 'URL Only', 'Timeout (Seconds)'],
		],
		[
			'create-task',
			{ resource: 'watermark', operation: 'createTask', mode: 'sync' },
			['Create Task', 'Mode', 'Synchronous', 'Input Binary Field'],
		],
		[
			'get-task',
			{ resource: 'watermark', operation: 'getTask', taskId: '={{ $json.task_id }}' },
			['Get Task', 'Task ID'],
		],
		['get-credits', { resource: 'account', operation: 'getCredits' }, ['Account', 'Get Credits']],
		[
			'check-credits-first',
			{ resource: 'watermark', operation: 'removeWatermark', options: { checkCreditsFirst: true } },
			['Check Credits First'],
		],
	])('renders the %s parameters', async (shot, parameters, expected) => {
		const id = await workflowWith(`Editor check: ${shot}`, parameters, credentialId);
		const text = await openNode(id);
		await page.screenshot({ path: join(SHOTS, `${shot}.png`) });
		for (const label of expected) expect(text).toContain(label);
	});

	it('renders every resource: picked in the Resource selector, each shows its operations and its create-and-wait parameters', async () => {
		// One panel: the Resource selector switched through every resource in turn.
		const id = await workflowWith(
			'Editor check: every resource',
			{ resource: 'watermark', operation: 'removeWatermark' },
			credentialId,
		);
		await openNode(id);
		// Resource → [create-and-wait operation, what its panel shows, the API's own options].
		const resources: Array<[string, string, string[], string[]]> = [
			['Account', 'Get Credits', [], []],
			[
				'Advanced ID Photo',
				'Make Advanced ID Photo',
				['Input Binary Field', 'Size By', 'Width (Px)'],
				['DPI', 'Format', 'Outfit', 'Preview'],
			],
			[
				'Background',
				'Remove Background',
				['Input Binary Field'],
				['Foreground Type', 'Output', 'Crop to Subject', 'Format', 'Background Color'],
			],
			[
				'Background Generation',
				'Generate Background',
				['Input Binary Field', 'Background From', 'Prompt'],
				['Negative Prompt', 'Image Count'],
			],
			[
				'Clothing Segmentation',
				'Segment Clothing',
				['Input Binary Field'],
				['Classes', 'Detail', 'Quality', 'Masks'],
			],
			['Colorization', 'Colorize', ['Input Binary Field'], ['Format']],
			[
				'Compression',
				'Compress',
				['Input Binary Field'],
				['Format', 'Quality', 'Target Size (KB)', 'Width', 'Height'],
			],
			['Crop & Enhance', 'Crop and Enhance', ['Input Binary Field'], ['Type']],
			[
				'Document OCR',
				'Convert Document',
				['Input Binary Field', 'Output Format', 'PDF, Word, Excel, PowerPoint'],
				['Languages', 'Password'],
			],
			['Enhance', 'Enhance Image', ['Input Binary Field'], ['Model', 'Scale Factor']],
			[
				'Enhance Pro',
				'Enhance Image Pro',
				['Input Binary Field', 'JPG, PNG, BMP, WebP or TIFF'],
				['Quality'],
			],
			[
				'Expansion',
				'Expand Image',
				['Expand By', 'Ratios per Side', 'JPG or PNG, 64–4096 px'],
				['Top', 'Bottom', 'Left', 'Right'],
			],
			['Face Cutout', 'Cut Out Face', ['Input Binary Field'], ['Crop to Face', 'Format']],
			['ID Photo', 'Make ID Photo', ['Input Binary Field'], ['Size', 'Format', 'Background Color']],
			[
				'Object Removal',
				'Remove Objects',
				['Area to Remove', 'Rectangles', '[{ "x": 0, "y": 0, "width": 100, "height": 100 }]'],
				[],
			],
			[
				'Restoration',
				'Restore Photo',
				['Input Binary Field', 'JPG or PNG, up to 2048 px per side'],
				['Damage Level', 'Model', 'Colorize'],
			],
			[
				'Retouching',
				'Retouch Object',
				['Area to Retouch', 'Mask Binary Field', 'Areas to Keep'],
				[],
			],
			['Watermark', 'Remove Watermark', ['Input Binary Field', 'JPG, PNG or BMP'], []],
		];
		// Class masks go to fields named after their class: no one output field to name.
		const noOutputField = ['Clothing Segmentation'];
		// n8n itself adds "Custom API Call" to the Resource and Operation selectors of a node with a credential.
		const ours = (names: string[]) => names.filter((name) => name !== 'Custom API Call');
		const selector = await openList(
			page.locator(
				'[data-test-id="ndv"] [data-test-id="parameter-input-resource"] input[role="combobox"]',
			),
		);
		expect(ours(await itemNames(selector))).toEqual(resources.map(([resource]) => resource));
		await page.keyboard.press('Escape');

		const seen: Record<string, unknown> = {};
		const wanted: Record<string, unknown> = {};
		for (const [resource, operation, shown, apiOptions] of resources) {
			await pick('resource', resource);
			// Switching the resource selects its create-and-wait operation.
			const current = await shownValue('operation', operation);
			const text = await panelText();
			const operations = ours(
				await itemNames(
					await openList(
						page.locator(
							'[data-test-id="ndv"] [data-test-id="parameter-input-operation"] input[role="combobox"]',
						),
					),
				),
			);
			await page.keyboard.press('Escape');
			let options: string[] = [];
			const add = page.locator(
				'[data-test-id="ndv"] [data-test-id="collection-parameter-add"] input[role="combobox"]',
			);
			if (resource !== 'Account') {
				options = await itemNames(await openList(add));
				await page.keyboard.press('Escape');
			}
			seen[resource] = {
				operation: current,
				operations,
				shown: shown.filter((label) => text.includes(label)),
				options: apiOptions.filter((name) => options.includes(name)),
				common: ['Check Credits First', 'Result As', 'Put Output File in Field'].filter((name) =>
					options.includes(name),
				),
			};
			wanted[resource] = {
				operation,
				operations:
					resource === 'Account'
						? ['Get Credits']
						: ['Create Task', 'Get Task', operation].sort((a, b) => a.localeCompare(b)),
				shown,
				options: apiOptions,
				common:
					resource === 'Account'
						? []
						: ['Check Credits First', 'Result As', 'Put Output File in Field'].filter(
								(name) =>
									!(noOutputField.includes(resource) && name === 'Put Output File in Field'),
							),
			};
		}
		// All at once: a failure names every resource that did not render, not only the first.
		expect(seen).toEqual(wanted);
	});
});
