/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * The layout docs/architecture.md describes, checked on the source: which folder may import which,
 * no import cycle between files or between folders, and no source file over 300 lines.
 * Run alone with: npm run check:layers
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const SOURCES = ['nodes', 'credentials'];

/** Each layer and the layers it may import (itself included). Order: lowest first. */
const ALLOWED: Record<string, string[]> = {
	helpers: ['helpers'],
	scheduling: ['scheduling', 'helpers'],
	transport: ['transport', 'scheduling', 'helpers'],
	tasks: ['tasks', 'transport', 'scheduling', 'helpers'],
	actions: ['actions', 'tasks', 'transport', 'scheduling', 'helpers'],
	node: ['actions', 'transport'],
	credentials: ['transport'],
};

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return name.endsWith('.ts') ? [path] : [];
	});
}

const files = SOURCES.flatMap((dir) => sourceFiles(join(ROOT, dir)));

/** The layer of a file: its folder under nodes/PicWish, "node" for the node file itself. */
function layerOf(file: string): string {
	const path = relative(ROOT, file);
	if (path.startsWith('credentials/')) return 'credentials';
	const [, , folder] = path.split('/');
	return folder.endsWith('.ts') ? 'node' : folder;
}

/** Relative imports of a file, resolved to source files (`import type` included: types are a dependency too). */
function importsOf(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	const specifiers = [...text.matchAll(/^(?:import|export)[^;]*?from '(\.[^']+)'/gms)].map(
		(match) => match[1],
	);
	return specifiers.map((specifier) => {
		const base = resolve(dirname(file), specifier);
		for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
			if (files.includes(candidate)) return candidate;
		}
		throw new Error(`${relative(ROOT, file)} imports ${specifier}, which is not a source file`);
	});
}

const graph = new Map(files.map((file) => [file, importsOf(file)]));

/** Cycles in a graph given as node → neighbours; each cycle as the list of nodes on it. */
function cycles(edges: Map<string, string[]>): string[][] {
	const found: string[][] = [];
	const state = new Map<string, 'open' | 'done'>();
	const stack: string[] = [];
	const visit = (node: string) => {
		state.set(node, 'open');
		stack.push(node);
		for (const next of edges.get(node) ?? []) {
			if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
			else if (!state.has(next)) visit(next);
		}
		stack.pop();
		state.set(node, 'done');
	};
	for (const node of edges.keys()) if (!state.has(node)) visit(node);
	return found;
}

describe('the layout', () => {
	it('has the folders the architecture names, each file in one', () => {
		for (const file of files) expect(Object.keys(ALLOWED)).toContain(layerOf(file));
	});

	it('imports only downwards: helpers are pure, transport knows no action, scheduling knows neither', () => {
		const wrong: string[] = [];
		for (const [file, imports] of graph) {
			for (const target of imports) {
				if (!ALLOWED[layerOf(file)].includes(layerOf(target))) {
					wrong.push(`${relative(ROOT, file)} → ${relative(ROOT, target)}`);
				}
			}
		}
		expect(wrong).toEqual([]);
	});

	it('pure helpers import nothing but n8n-workflow and each other', () => {
		for (const file of files.filter((path) => layerOf(path) === 'helpers')) {
			const text = readFileSync(file, 'utf8');
			const packages = [...text.matchAll(/from '([^.][^']*)'/g)].map((match) => match[1]);
			expect({
				file: relative(ROOT, file),
				packages: packages.filter((name) => name !== 'n8n-workflow'),
			}).toEqual({
				file: relative(ROOT, file),
				packages: [],
			});
			expect(text).not.toMatch(
				/\bhelpers\.(httpRequest|getBinary|prepareBinaryData)|getNodeParameter|getCredentials/,
			);
		}
	});

	it('keeps resources apart: a resource folder imports no other resource folder', () => {
		const resourceOf = (file: string) =>
			/nodes\/PicWish\/actions\/([^/]+)\//.exec(relative(ROOT, file))?.[1];
		const wrong: string[] = [];
		for (const [file, imports] of graph) {
			const own = resourceOf(file);
			if (!own || own === 'shared') continue;
			for (const target of imports) {
				const other = resourceOf(target);
				if (other && other !== own && other !== 'shared')
					wrong.push(`${relative(ROOT, file)} → ${relative(ROOT, target)}`);
			}
		}
		expect(wrong).toEqual([]);
	});

	it('has no import cycle between files', () => {
		expect(
			cycles(graph).map((cycle) => cycle.map((file) => relative(ROOT, file)).join(' → ')),
		).toEqual([]);
	});

	it('has no import cycle between folders', () => {
		const folders = new Map<string, string[]>();
		for (const [file, imports] of graph) {
			const from = relative(ROOT, dirname(file));
			const targets = imports
				.map((target) => relative(ROOT, dirname(target)))
				.filter((to) => to !== from);
			folders.set(from, [...new Set([...(folders.get(from) ?? []), ...targets])]);
		}
		expect(cycles(folders).map((cycle) => cycle.join(' → '))).toEqual([]);
	});

	it('keeps every source file under 300 lines', () => {
		const long = files
			.map((file) => ({
				file: relative(ROOT, file),
				lines: readFileSync(file, 'utf8').split('\n').length,
			}))
			.filter(({ lines }) => lines > 300);
		expect(long).toEqual([]);
	});
});
