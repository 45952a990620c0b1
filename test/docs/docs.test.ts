/* eslint-disable @n8n/community-nodes/no-restricted-imports -- tests run in jest on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * The lists the docs derive from the resource registry are current: README's operations table and
 * the codex's aliases are what `npm run docs` (test/docs/generate.ts) would write.
 */
import { readFileSync } from 'node:fs';

import { resources } from '../../nodes/PicWish/actions';
import {
	CODEX_PATH,
	codexAliases,
	GENERAL_ALIASES,
	operationsTable,
	README_PATH,
	renderCodex,
	renderReadme,
	staleDocs,
	TABLE_END,
	TABLE_START,
} from './generate';

const readme = readFileSync(README_PATH, 'utf8');
const codex = readFileSync(CODEX_PATH, 'utf8');

describe('docs generated from the resource registry (npm run docs)', () => {
	it("README's operations table and the codex's aliases are up to date", () => {
		const stale = staleDocs(readme, codex);
		if (stale.length) throw new Error(stale.join('\n'));
	});

	it('says "run npm run docs" when the table or the aliases are out of date', () => {
		const dropped = readme.replace(/\n\| Watermark \(`watermark`\)[^\n]*/, '');
		expect(dropped).not.toBe(readme);
		expect(staleDocs(dropped, codex).join('\n')).toMatch(/README\.md.*run npm run docs/);
		const parsed = JSON.parse(codex);
		const fewer = JSON.stringify({ ...parsed, alias: parsed.alias.slice(1) }, null, '\t');
		expect(staleDocs(readme, fewer).join('\n')).toMatch(/PicWish\.node\.json.*run npm run docs/);
	});

	it('has one row per resource, naming every operation, what it returns and its price', () => {
		const rows = operationsTable().split('\n').slice(2);
		expect(rows).toHaveLength(Object.keys(resources).length);
		for (const [index, [value, resource]] of Object.entries(resources).entries()) {
			expect(rows[index]).toContain(`${resource.name} (\`${value}\`)`);
			for (const operation of Object.keys(resource.operations))
				expect(rows[index]).toContain(`(\`${operation}\`)`);
			expect(rows[index]).toContain(resource.resultNoun);
			if (resource.price) expect(rows[index]).toContain(resource.price.text);
		}
		expect(rows[0]).toMatch(
			/\*\*Remove Watermark\*\* \(`removeWatermark`\), Create Task \(`createTask`\), Get Task \(`getTask`\)/,
		);
	});

	it('gives a new resource its row and aliases with no other change', () => {
		const registry = {
			...resources,
			clothing: {
				...resources.watermark,
				name: 'Clothing',
				resultNoun: 'the dressed model',
				aliases: ['try on', 'Watermark'],
			},
		};
		expect(operationsTable(registry).split('\n').at(-1)).toMatch(
			/^\| Clothing \(`clothing`\) \| .* \| the dressed model \| /,
		);
		// Each alias once (case aside), the general ones last.
		expect(codexAliases(registry)).toContain('try on');
		expect(
			codexAliases(registry).filter((alias) => alias.toLowerCase() === 'watermark'),
		).toHaveLength(1);
		expect(codexAliases(registry).slice(-GENERAL_ALIASES.length)).toEqual(GENERAL_ALIASES);
	});

	it('rewrites only what lies between the markers and the "alias" array, the same way every time', () => {
		const outside = (text: string) => text.split(TABLE_START)[0] + text.split(TABLE_END)[1];
		expect(outside(renderReadme(readme))).toBe(outside(readme));
		expect(renderReadme(renderReadme(readme))).toBe(renderReadme(readme));
		const rewritten = JSON.parse(renderCodex(codex));
		const { alias, ...others } = JSON.parse(codex);
		expect(Array.isArray(alias)).toBe(true);
		expect({ ...rewritten, alias: undefined }).toEqual({ ...others, alias: undefined });
		expect(rewritten.alias).toEqual(codexAliases());
		expect(renderCodex(renderCodex(codex))).toBe(renderCodex(codex));
	});

	it('gives every resource a phrase for what it returns', () => {
		expect(
			Object.entries(resources)
				.filter(([, resource]) => !resource.resultNoun)
				.map(([value]) => value),
		).toEqual([]);
	});
});
