/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * `npm run docs`: writes what the docs say of every resource from the resource registry
 * (`resources` in nodes/PicWish/actions/index.ts), so a new PicWish API needs no hand-edited list:
 *
 * - README.md's operations table, between `<!-- operations:start … -->` and `<!-- operations:end -->`:
 *   each resource's name and value, its operations (the default first), what its own operation
 *   returns (`resultNoun`) and its credits (`price.text`);
 * - the `alias` array of nodes/PicWish/PicWish.node.json (the codex): each resource's `aliases`, in
 *   registry order, then GENERAL_ALIASES. Every other key of the codex is left exactly as it is.
 *
 * Nothing else is touched, and the output depends only on the registry and the files' other
 * content. test/docs/docs.test.ts (in `npm test`) fails when either is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { type AnyResource, resources } from '../../nodes/PicWish/actions';

export const ROOT = resolve(__dirname, '../..');
export const README_PATH = join(ROOT, 'README.md');
export const CODEX_PATH = join(ROOT, 'nodes/PicWish/PicWish.node.json');

/** Search words for the node as a whole, after the resources' own. */
export const GENERAL_ALIASES = ['image', 'photo', 'clean', 'picwish'];

/** What a resource without a price (not a task API) costs. */
const FREE = 'free (no task is made)';

export const TABLE_START =
	'<!-- operations:start: written by `npm run docs` from nodes/PicWish/actions; edit the resources, not this table -->';
export const TABLE_END = '<!-- operations:end -->';
const TABLE_PATTERN = /<!-- operations:start[^\n]*?-->[\s\S]*?<!-- operations:end -->/;
const ALIAS_PATTERN = /^([ \t]*)"alias"\s*:\s*\[[^\]]*\]/m;

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/** The operations of a resource, its default (its own) operation first, then as its selector lists them. */
function operationsOf(
	resource: AnyResource,
): Array<{ name: string; value: string; isDefault: boolean }> {
	const selector = resource.operationProperty;
	const listed = (selector.options ?? []).flatMap((option) =>
		'value' in option
			? [
					{
						name: option.name,
						value: String(option.value),
						isDefault: option.value === selector.default,
					},
				]
			: [],
	);
	return [
		...listed.filter((operation) => operation.isDefault),
		...listed.filter((operation) => !operation.isDefault),
	];
}

/** README's operations table (without its markers): one row per resource, in registry order. */
export function operationsTable(registry: Record<string, AnyResource> = resources): string {
	const rows = Object.entries(registry).map(([value, resource]) => {
		if (!resource.resultNoun)
			throw new Error(`Resource "${value}" has no resultNoun: say what its own operation returns`);
		const operations = operationsOf(resource)
			.map(({ name, value: operation, isDefault }) =>
				isDefault ? `**${name}** (\`${operation}\`)` : `${name} (\`${operation}\`)`,
			)
			.join(', ');
		return `| ${cell(resource.name)} (\`${value}\`) | ${operations} | ${cell(resource.resultNoun)} | ${cell(resource.price?.text ?? FREE)} |`;
	});
	return [
		'| Resource (value) | Operations (value; the first, in bold, is the default) | Its own operation returns | Credits per successful image |',
		'| --- | --- | --- | --- |',
		...rows,
	].join('\n');
}

/** README with its operations table written from the registry; everything outside the markers kept. */
export function renderReadme(
	readme: string,
	registry: Record<string, AnyResource> = resources,
): string {
	if (!TABLE_PATTERN.test(readme))
		throw new Error(`README.md has no "${TABLE_START}" … "${TABLE_END}" markers`);
	return readme.replace(
		TABLE_PATTERN,
		() => `${TABLE_START}\n\n${operationsTable(registry)}\n\n${TABLE_END}`,
	);
}

/** The codex's aliases: each resource's, in registry order, then the general ones; each once (case aside). */
export function codexAliases(registry: Record<string, AnyResource> = resources): string[] {
	const seen = new Set<string>();
	return [
		...Object.values(registry).flatMap((resource) => resource.aliases ?? []),
		...GENERAL_ALIASES,
	].filter((alias) => {
		const key = alias.toLowerCase();
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/** The codex file with only its "alias" array rewritten (same indentation); every other byte kept. */
export function renderCodex(
	codex: string,
	registry: Record<string, AnyResource> = resources,
): string {
	const match = ALIAS_PATTERN.exec(codex);
	if (!match) throw new Error('PicWish.node.json has no "alias" array');
	const indent = match[1];
	const inner = indent + (indent.includes('\t') || indent === '' ? '\t' : indent);
	const items = codexAliases(registry).map((alias) => `${inner}${JSON.stringify(alias)}`);
	const written = `${indent}"alias": [\n${items.join(',\n')}\n${indent}]`;
	const result = codex.slice(0, match.index) + written + codex.slice(match.index + match[0].length);
	// The rewrite must leave every other key as it was.
	const withoutAliases = (text: string): string =>
		JSON.stringify({ ...JSON.parse(text), alias: undefined });
	if (withoutAliases(codex) !== withoutAliases(result))
		throw new Error('Rewriting the aliases would change another key of PicWish.node.json');
	return result;
}

/** What is out of date, one message per file (empty when both are current). */
export function staleDocs(
	readme: string,
	codex: string,
	registry: Record<string, AnyResource> = resources,
): string[] {
	const stale: string[] = [];
	if (renderReadme(readme, registry) !== readme) {
		stale.push(
			"README.md's operations table differs from the resource registry (nodes/PicWish/actions): run npm run docs",
		);
	}
	const aliases = JSON.stringify(JSON.parse(codex).alias);
	if (aliases !== JSON.stringify(codexAliases(registry))) {
		stale.push(
			`nodes/PicWish/PicWish.node.json's "alias" differs from the resources' aliases: run npm run docs (expected ${JSON.stringify(codexAliases(registry))}, found ${aliases})`,
		);
	}
	return stale;
}

function main(): void {
	const readme = readFileSync(README_PATH, 'utf8');
	const nextReadme = renderReadme(readme);
	if (nextReadme !== readme) writeFileSync(README_PATH, nextReadme);
	console.log(
		`README.md: operations table ${nextReadme === readme ? 'already up to date' : 'written'}`,
	);
	// Read the codex right before writing it: others may be editing its other keys.
	const codex = readFileSync(CODEX_PATH, 'utf8');
	const nextCodex = renderCodex(codex);
	if (nextCodex !== codex) writeFileSync(CODEX_PATH, nextCodex);
	console.log(
		`nodes/PicWish/PicWish.node.json: aliases ${nextCodex === codex ? 'already up to date' : 'written'}`,
	);
}

// Run as a script (`npm run docs`, through test/support/run-ts.js), not when a test imports it.
if (resolve(process.argv[1] ?? '') === __filename) main();
