/**
 * The node's resources, one folder each. A new PicWish API is a new folder under actions/ plus
 * one entry here; nothing else changes.
 */
import type { INodeProperties } from 'n8n-workflow';

import { account } from './account';
import { advancedIdPhoto } from './advancedIdPhoto';
import { background } from './background';
import { backgroundGeneration } from './backgroundGeneration';
import { clothingSegmentation } from './clothingSegmentation';
import { colorization } from './colorization';
import { compression } from './compression';
import { cropEnhance } from './cropEnhance';
import { enhance } from './enhance';
import { enhancePro } from './enhancePro';
import { expansion } from './expansion';
import { faceCutout } from './faceCutout';
import { idPhoto } from './idPhoto';
import { objectRemoval } from './objectRemoval';
import { ocr } from './ocr';
import { restoration } from './restoration';
import { retouching } from './retouching';
import type { AnyResource } from './shared/resource';
import { watermark } from './watermark';

export type { AnyResource, Operation, Resource } from './shared/resource';

export const resources: Record<string, AnyResource> = {
	watermark,
	background,
	faceCutout,
	objectRemoval,
	enhance,
	enhancePro,
	colorization,
	compression,
	idPhoto,
	cropEnhance,
	restoration,
	expansion,
	backgroundGeneration,
	ocr,
	clothingSegmentation,
	retouching,
	advancedIdPhoto,
	account,
};

/** The node's parameters: the Resource selector, then each resource's operations and their parameters. */
export function nodeProperties(
	registry: Record<string, AnyResource> = resources,
): INodeProperties[] {
	const entries = Object.entries(registry);
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: entries
				.map(([value, resource]) => ({ name: resource.name, value }))
				.sort((a, b) => a.name.localeCompare(b.name)),
			// Saved workflows that never set a resource rely on this default: it stays "watermark".
			default: 'watermark',
		},
		...entries.flatMap(([, resource]) => [
			resource.operationProperty,
			...Object.values(resource.operations).flatMap((operation) => operation.description),
		]),
	];
}

/** The node's subtitle: the chosen operation's name, as its selector shows it. */
export function nodeSubtitle(registry: Record<string, AnyResource> = resources): string {
	const names: Record<string, Record<string, string>> = {};
	for (const [value, resource] of Object.entries(registry)) {
		names[value] = Object.fromEntries(
			(resource.operationProperty.options ?? []).map((option) => [
				'value' in option ? String(option.value) : '',
				option.name,
			]),
		);
	}
	return `={{ ${JSON.stringify(names)}[$parameter["resource"]][$parameter["operation"]] }}`;
}
