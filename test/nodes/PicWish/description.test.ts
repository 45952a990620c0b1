/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- tests run in jest on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * n8n's newest verification rules (packages/@n8n/eslint-plugin-community-nodes on n8n's main
 * branch, newer than the 0.32.0 we lint with), applied to the node's evaluated description.
 *
 * The rules read node files statically. This node builds its parameters in functions
 * (actions/shared/*.ts, the registry actions/index.ts), so in the .node.ts they see nothing. A
 * reviewer applying them to what n8n loads sees every parameter: this test does the same, with each
 * rule's logic copied here, on the regular node and on its tool variant, for every resource and
 * operation the description itself lists. docs/development.md, "n8n's newest verification rules",
 * lists the rules and what each gives for this node.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

import type {
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';

import { PicWish } from '../../../nodes/PicWish/PicWish.node';
import { PicWishTool } from '../../support/workflow';

const NODE_FILE = join(__dirname, '../../../nodes/PicWish/PicWish.node.ts');
const CODEX_FILE = join(__dirname, '../../../nodes/PicWish/PicWish.node.json');

/** hint-max-length: MAX_HINT_LENGTH. */
const MAX_HINT_LENGTH = 120;

/** require-param-default: KNOWN_PARAM_TYPES (n8n-workflow's NodePropertyTypes). */
const KNOWN_PARAM_TYPES = new Set([
	'boolean',
	'button',
	'collection',
	'color',
	'dateTime',
	'fixedCollection',
	'hidden',
	'icon',
	'json',
	'callout',
	'notice',
	'multiOptions',
	'number',
	'options',
	'string',
	'credentialsSelect',
	'resourceLocator',
	'curlImport',
	'resourceMapper',
	'filter',
	'assignmentCollection',
	'credentials',
	'workflowSelector',
]);

/** non-required-fields-in-collection: CONTAINER_TYPES, NON_INPUT_TYPES and SELECTOR_FIELD_NAMES. */
const CONTAINER_TYPES = new Set(['collection', 'fixedCollection']);
const NON_INPUT_TYPES = new Set(['notice', 'callout', 'hidden', 'curlImport']);
const SELECTOR_FIELD_NAMES = new Set(['resource', 'operation', 'authentication']);

/** valid-node-categories: CODEX_NODE_CATEGORIES of @n8n/constants ('AI' left out: no-ai-codex-category). */
const CODEX_NODE_CATEGORIES = [
	'Data & Storage',
	'Finance & Accounting',
	'Marketing & Content',
	'Productivity',
	'Miscellaneous',
	'Sales',
	'Development',
	'Analytics',
	'Communication',
	'Utility',
];

/** no-emoji-in-options (0.32.0, which also sees nothing of built parameters): EMOJI_REGEX. */
const EMOJI_REGEX = /(\p{Extended_Pictographic}|\p{Regional_Indicator})/gu;

/** The n8n core color, reserved for n8n's own nodes (node-class-description-non-core-color). */
const N8N_CORE_COLOR = '#ff6d5a';

/** options-sorted-alphabetically's comparison: case-insensitive and locale-aware. */
const byName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' });

/** A parameter, a choice of an options list, or a group of a fixedCollection. */
type Entry = INodeProperties | INodePropertyOptions | INodePropertyCollection;

const isParameter = (entry: Entry): entry is INodeProperties =>
	'type' in entry && 'displayName' in entry && 'name' in entry;
const isGroup = (entry: Entry): entry is INodePropertyCollection => 'values' in entry;
const isChoice = (entry: Entry): entry is INodePropertyOptions => 'value' in entry;

/** One parameter where it sits: top level, or inside a collection or fixedCollection. */
interface Found {
	property: INodeProperties;
	topLevel: boolean;
	/** "enhancePro › enhanceImagePro › options › quality", for the failure message. */
	where: string;
}

/** Where a top-level parameter shows: its resource and operation, as its displayOptions say. */
function shownFor(property: INodeProperties): string {
	const show = property.displayOptions?.show ?? {};
	const tool = show['@tool']
		? ' (tool)'
		: property.displayOptions?.hide?.['@tool']
			? ' (regular)'
			: '';
	return (
		[show.resource, show.operation].filter(Boolean).map(String).concat(property.name).join(' › ') +
		tool
	);
}

/** Every parameter of the description, nested ones included (collection options, fixedCollection values). */
function allParameters(properties: INodeProperties[]): Found[] {
	const found: Found[] = [];
	const visit = (property: INodeProperties, topLevel: boolean, where: string) => {
		found.push({ property, topLevel, where });
		for (const entry of (property.options ?? []) as Entry[]) {
			if (isParameter(entry)) visit(entry, false, `${where} › ${entry.name}`);
			else if (isGroup(entry))
				for (const value of entry.values)
					visit(value, false, `${where} › ${entry.name} › ${value.name}`);
		}
	};
	for (const property of properties) visit(property, true, shownFor(property));
	return found;
}

/** What n8n's property rules report for these parameters: one line per finding. */
function findings(properties: INodeProperties[]): Record<string, string[]> {
	const all = allParameters(properties);
	const report: Record<string, string[]> = {
		'hint-max-length': [],
		'require-param-default': [],
		'options-sorted-alphabetically': [],
		'collection options sorted by displayName': [],
		'no-duplicate-param-options': [],
		'no-asterisk-in-option-names': [],
		'no-emoji-in-options': [],
		'non-required-fields-in-collection': [],
		'open-ended-node-fields': [],
		'required: false (node-param-conventions)': [],
	};
	for (const { property, topLevel, where } of all) {
		if (typeof property.hint === 'string' && property.hint.length > MAX_HINT_LENGTH) {
			report['hint-max-length'].push(
				`${where}: ${property.hint.length} characters: ${property.hint}`,
			);
		}
		if (KNOWN_PARAM_TYPES.has(property.type) && !('default' in property))
			report['require-param-default'].push(where);
		if ((property as { required?: unknown }).required === false)
			report['required: false (node-param-conventions)'].push(where);

		// Nested parameters are visited themselves: here the parameter's label and its choices' names.
		const labels = [
			property.displayName,
			...((property.options ?? []) as Entry[]).filter(isChoice).map((choice) => choice.name),
		];
		for (const label of labels) {
			const emoji = label.match(EMOJI_REGEX);
			if (emoji) report['no-emoji-in-options'].push(`${where}: "${label}" has ${emoji.join(' ')}`);
		}

		if (property.type === 'options' || property.type === 'multiOptions') {
			const choices = ((property.options ?? []) as Entry[]).filter(isChoice);
			const names = choices.map((choice) => choice.name);
			const sorted = [...names].sort(byName);
			if (property.type === 'options' && names.some((name, index) => name !== sorted[index])) {
				report['options-sorted-alphabetically'].push(
					`${where}: ${names.join(', ')} (expected ${sorted.join(', ')})`,
				);
			}
			const values: unknown[] = choices.map((choice) => choice.value);
			for (const [list, kind] of [
				[names as unknown[], 'name'],
				[values, 'value'],
			] as const) {
				const duplicates = list.filter((item, index) => list.indexOf(item) !== index);
				if (duplicates.length)
					report['no-duplicate-param-options'].push(
						`${where}: duplicate option ${kind} ${duplicates.map(String).join(', ')}`,
					);
			}
			for (const name of names.filter((name) => name.includes('*')))
				report['no-asterisk-in-option-names'].push(`${where}: "${name}"`);
		}

		if (property.type === 'collection') {
			const names = ((property.options ?? []) as Entry[])
				.filter(isParameter)
				.map((option) => option.displayName);
			const sorted = [...names].sort(byName);
			if (names.some((name, index) => name !== sorted[index])) {
				report['collection options sorted by displayName'].push(
					`${where}: ${names.join(', ')} (expected ${sorted.join(', ')})`,
				);
			}
			const duplicates = names.filter((name, index) => names.indexOf(name) !== index);
			if (duplicates.length)
				report['no-duplicate-param-options'].push(
					`${where}: duplicate option ${duplicates.join(', ')}`,
				);
		}

		if (
			topLevel &&
			!SELECTOR_FIELD_NAMES.has(property.name) &&
			!CONTAINER_TYPES.has(property.type) &&
			!NON_INPUT_TYPES.has(property.type)
		) {
			if (property.required !== true)
				report['non-required-fields-in-collection'].push(`${where} (${property.type})`);
		}
		if (topLevel && property.type === 'json' && property.required !== true)
			report['open-ended-node-fields'].push(where);
	}
	return report;
}

const noFindings = (report: Record<string, string[]>) =>
	Object.fromEntries(Object.keys(report).map((rule) => [rule, []]));

/** The resources and operations the description lists, and the top-level parameters each shows. */
function operationsOf(
	description: INodeTypeDescription,
): Array<{ resource: string; operation: string; properties: INodeProperties[] }> {
	const valuesOf = (property: INodeProperties | undefined) =>
		((property?.options ?? []) as Entry[]).filter(isChoice).map((choice) => String(choice.value));
	const resources = valuesOf(description.properties.find((p) => p.name === 'resource'));
	return resources.flatMap((resource) => {
		const selector = description.properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
		);
		return valuesOf(selector).map((operation) => ({
			resource,
			operation,
			properties: description.properties.filter(
				(p) =>
					p.displayOptions?.show?.resource?.includes(resource) &&
					p.displayOptions.show.operation?.includes(operation),
			),
		}));
	});
}

const variants: Array<[string, INodeTypeDescription]> = [
	['the node', new PicWish().description],
	['its tool variant', new PicWishTool().description],
];

describe.each(variants)(
	"n8n's newest property rules, on %s's evaluated description",
	(_variant, description) => {
		it('reach every resource and operation the description lists', () => {
			const operations = operationsOf(description);
			expect(operations.length).toBeGreaterThan(1);
			for (const { resource, operation, properties } of operations) {
				expect({ resource, operation, parameters: properties.length > 0 }).toEqual({
					resource,
					operation,
					parameters: true,
				});
			}
			// Every parameter but the selectors belongs to one of them, so the walk below checks them all.
			const reached = new Set(operations.flatMap(({ properties }) => properties));
			const unreached = description.properties.filter(
				(p) => !reached.has(p) && !SELECTOR_FIELD_NAMES.has(p.name),
			);
			expect(unreached.map(shownFor)).toEqual([]);
		});

		it('find nothing to report', () => {
			const report = findings(description.properties);
			expect(report).toEqual(noFindings(report));
		});
	},
);

describe("n8n's newest node-level rules, on the node's description and codex", () => {
	const { description } = new PicWish();

	it('valid-node-categories, no-ai-codex-category, no-codex-subcategories, no-logic-or-flow-nodes: the codex categories', () => {
		const codex = JSON.parse(readFileSync(CODEX_FILE, 'utf8'));
		expect(Array.isArray(codex.categories)).toBe(true);
		expect(codex.categories.length).toBeGreaterThan(0);
		expect(
			codex.categories.filter(
				(category: unknown) =>
					typeof category !== 'string' || !CODEX_NODE_CATEGORIES.includes(category),
			),
		).toEqual([]);
		expect(codex.subcategories).toBeUndefined();
		expect(description.codex).toBeUndefined();
	});

	it('node-class-description-name-camelcase and node-filename-against-convention: the name and its file', () => {
		expect(description.name).toMatch(/^[a-z][a-zA-Z0-9]*$/);
		expect(basename(NODE_FILE, '.node.ts').replace(/V\d+$/, '')).toBe(
			description.name.charAt(0).toUpperCase() + description.name.slice(1),
		);
	});

	it('node-class-description-non-core-color: no n8n core color', () => {
		const colors = [description.defaults.color, (description as { color?: string }).color];
		expect(
			colors.filter((color) => typeof color === 'string' && color.toLowerCase() === N8N_CORE_COLOR),
		).toEqual([]);
	});
});

/** icon-contrast: the paints of an SVG (fill, stroke, stop-color; attributes and styles), as sRGB 0–1. */
function svgPaints(svg: string): { colors: number[][]; unknown: string[] } {
	const colors: number[][] = [];
	const unknown: string[] = [];
	const values = [
		...[...svg.matchAll(/\s(?:fill|stroke|stop-color)\s*=\s*"([^"]*)"/gi)].map((match) => match[1]),
		...[...svg.matchAll(/(?:^|[;{"\s])(?:fill|stroke|stop-color)\s*:\s*([^;}"]+)/gi)].map(
			(match) => match[1],
		),
	];
	for (const value of values.map((text) => text.trim().toLowerCase())) {
		const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(value)?.[1];
		if (hex) {
			const full = hex.length === 3 ? [...hex].map((digit) => digit + digit).join('') : hex;
			colors.push([0, 2, 4].map((at) => parseInt(full.slice(at, at + 2), 16) / 255));
		} else if (value !== 'none') unknown.push(value);
	}
	// An SVG without a fill is drawn in black.
	if (!/\sfill\s*=|fill\s*:/i.test(svg)) colors.push([0, 0, 0]);
	return { colors, unknown };
}

/** icon-contrast: WCAG's contrast ratio of two sRGB colours. */
function contrastRatio(a: number[], b: number[]): number {
	const luminance = (rgb: number[]) => {
		const [r, g, bl] = rgb.map((channel) =>
			channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4,
		);
		return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
	};
	const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (high + 0.05) / (low + 0.05);
}

describe("n8n's newest icon rule, on the node's icons", () => {
	it("icon-contrast: each theme's icon stands out on its node background (best paint at least 1.5:1)", () => {
		const { icon } = new PicWish().description;
		expect(typeof icon === 'object' && icon !== null && 'light' in icon).toBe(true);
		const themes = icon as { light: string; dark: string };
		const backgrounds = { light: [1, 1, 1], dark: [0x2b / 255, 0x2b / 255, 0x2b / 255] };
		for (const theme of ['light', 'dark'] as const) {
			const svg = readFileSync(join(NODE_FILE, '..', themes[theme].replace(/^file:/, '')), 'utf8');
			const { colors, unknown } = svgPaints(svg);
			expect({ theme, unknown }).toEqual({ theme, unknown: [] });
			const best = Math.max(...colors.map((color) => contrastRatio(color, backgrounds[theme])));
			expect({ theme, atLeast: best >= 1.5 }).toEqual({ theme, atLeast: true });
		}
	});
});

describe('the checks above, on what the rules document as wrong', () => {
	it("report each rule's documented violation", () => {
		const bad: INodeProperties[] = [
			{ displayName: 'Limit', name: 'limit', type: 'number', default: 50 },
			{ displayName: 'Configuration', name: 'configuration', type: 'json', default: '{}' },
			{
				displayName: 'Query',
				name: 'query',
				type: 'string',
				default: '',
				required: true,
				hint: 'The query must be an array of operations with the required selection and the optional filtering, sorting and pagination fields',
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				options: [
					{ name: 'User', value: 'user' },
					{ name: 'Contact', value: 'contact' },
					{ name: '* All', value: 'user' },
				],
				default: 'user',
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				required: false,
			} as unknown as INodeProperties,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				default: {},
				options: [
					{ displayName: 'Wait', name: 'wait', type: 'boolean', default: false },
					{
						displayName: 'Color 🚀',
						name: 'color',
						type: 'options',
						options: [
							{ name: 'B', value: 'b' },
							{ name: 'A', value: 'a' },
						],
						default: 'a',
					},
				],
			},
		];
		// icon-contrast's documented case: a black icon on the dark background (1.48:1).
		expect(contrastRatio([0, 0, 0], [0x2b / 255, 0x2b / 255, 0x2b / 255])).toBeCloseTo(1.48, 2);
		expect(svgPaints('<svg><path d="M0 0"/></svg>').colors).toEqual([[0, 0, 0]]);
		const report = findings(bad);
		expect(
			Object.fromEntries(Object.entries(report).map(([rule, lines]) => [rule, lines.length])),
		).toEqual({
			'hint-max-length': 1,
			'require-param-default': 1,
			'options-sorted-alphabetically': 2,
			'collection options sorted by displayName': 1,
			'no-duplicate-param-options': 1,
			'no-asterisk-in-option-names': 1,
			'no-emoji-in-options': 1,
			'non-required-fields-in-collection': 3,
			'open-ended-node-fields': 1,
			'required: false (node-param-conventions)': 1,
		});
	});
});
