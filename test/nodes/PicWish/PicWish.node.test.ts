/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import { PicWish } from '../../../nodes/PicWish/PicWish.node';

const { description } = new PicWish();
const property = (name: string, operation?: string): INodeProperties | undefined =>
	description.properties.find(
		(p) => p.name === name && (!operation || p.displayOptions?.show?.operation?.includes(operation)),
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
		const codex = JSON.parse(readFileSync(join(__dirname, '../../../nodes/PicWish/PicWish.node.json'), 'utf8'));
		expect(codex.node).toBe('n8n-nodes-picwish.picWish');
		expect(description.icon).toEqual({ light: 'file:picwish.svg', dark: 'file:picwish.dark.svg' });
	});
});
