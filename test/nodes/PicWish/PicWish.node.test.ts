/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import { PicWish } from '../../../nodes/PicWish/PicWish.node';

const { description } = new PicWish();
const property = (name: string, operation?: string): INodeProperties | undefined =>
	description.properties.find(
		(p) =>
			p.name === name && (!operation || p.displayOptions?.show?.operation?.includes(operation)),
	);

describe('PicWish node description', () => {
	it('keeps the names saved workflows depend on', () => {
		expect(description.name).toBe('picWish');
		expect(description.displayName).toBe('PicWish');
		expect(description.credentials).toEqual([{ name: 'picWishApi', required: true }]);
		expect(property('resource')?.default).toBe('watermark');
		const operation = property('operation');
		expect(operation?.default).toBe('removeWatermark');
		expect(operation?.options?.map((o) => ('value' in o ? o.value : undefined))).toEqual([
			'createTask',
			'getTask',
			'removeWatermark',
		]);
	});

	it.each(['removeWatermark', 'createTask'])('%s takes a binary property or a URL', (operation) => {
		expect(property('inputType', operation)?.default).toBe('binary');
		expect(property('binaryPropertyName', operation)?.default).toBe('data');
		expect(property('imageUrl', operation)?.default).toBe('');
	});

	it('Get Task takes a task ID', () => {
		expect(property('taskId', 'getTask')?.required).toBe(true);
	});

	it('Remove Watermark waits 180 s at most, the cheapest way, polling every second when it polls', () => {
		const options = property('options', 'removeWatermark')?.options as INodeProperties[];
		const byName = Object.fromEntries(options.map((o) => [o.name, o.default]));
		expect(byName).toEqual({
			checkCreditsFirst: false,
			outputBinaryPropertyName: 'data',
			outputFileName: '',
			pollInterval: 1,
			requestTimeout: 60,
			resultAs: 'binary',
			reuseResults: 'recent',
			timeout: 180,
			waitMode: 'auto',
		});
	});

	it('can be used as a tool by AI agents, with descriptions on every parameter', () => {
		expect(description.usableAsTool).toBe(true);
		const described = (p: INodeProperties): boolean =>
			p.name === 'resource' ||
			p.name === 'options' ||
			Boolean(p.description) ||
			(p.options ?? []).every((o) => 'description' in o && Boolean(o.description));
		expect(description.properties.filter((p) => !described(p)).map((p) => p.name)).toEqual([]);
	});

	it('has a codex naming this node, and light and dark icons', () => {
		const codex = JSON.parse(
			readFileSync(join(__dirname, '../../../nodes/PicWish/PicWish.node.json'), 'utf8'),
		);
		expect(codex.node).toBe('n8n-nodes-picwish.picWish');
		// n8n's nodes panel groups by these exact names: the ones its docs list and its own nodes use.
		const N8N_CATEGORIES = [
			'Analytics',
			'Communication',
			'Data & Storage',
			'Development',
			'Finance & Accounting',
			'Marketing & Content',
			'Miscellaneous',
			'Productivity',
			'Sales',
			'Utility',
		];
		expect(
			codex.categories.filter((category: string) => !N8N_CATEGORIES.includes(category)),
		).toEqual([]);
		expect(description.icon).toEqual({ light: 'file:picwish.svg', dark: 'file:picwish.dark.svg' });
	});

	it("points the codex's documentation links at this repository's README sections", () => {
		const root = join(__dirname, '../../..');
		const codex = JSON.parse(readFileSync(join(root, 'nodes/PicWish/PicWish.node.json'), 'utf8'));
		const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
		const repository = String(pkg.repository.url)
			.replace(/^git\+/, '')
			.replace(/\.git$/, '');
		// GitHub's anchors: the heading in lower case, spaces as dashes, punctuation dropped.
		const anchors = readFileSync(join(root, 'README.md'), 'utf8')
			.split('\n')
			.filter((line) => /^#{1,4} /.test(line))
			.map((line) =>
				line
					.replace(/^#+ /, '')
					.trim()
					.toLowerCase()
					.replace(/[^\w\- ]/g, '')
					.replace(/ /g, '-'),
			);
		const links = Object.values(codex.resources as Record<string, Array<{ url: string }>>)
			.flat()
			.map((link) => link.url);
		expect(links.length).toBeGreaterThan(0);
		for (const link of [...links, pkg.homepage]) {
			const [address, anchor] = link.split('#');
			expect(address).toBe(repository);
			expect(anchors).toContain(anchor === 'readme' ? anchors[0] : anchor);
		}
	});
});
