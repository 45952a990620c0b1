/**
 * Every task resource of the registry with one call of its own operation: the `example` its
 * index.ts declares or, without one, one made from its options (each set to its first choice that is
 * sent, or its default). The tests that run each resource (test/nodes/PicWish/actions/resources.test.ts,
 * test/sandbox/apis.test.ts) and `npm run test:live` take them from here, so a new resource is
 * picked up from the registry: there is no list to edit.
 */
import type { INodeParameters, INodeProperties } from 'n8n-workflow';

import { type AnyResource, resources } from '../../nodes/PicWish/actions';
import type { ResourceExample } from '../../nodes/PicWish/actions/shared/resource';
import type { ResourceApi } from '../../nodes/PicWish/tasks/context';
import { inputParameters } from '../../nodes/PicWish/tasks/input';

export interface TaskResourceCase {
	/** The resource's value, as workflows save it. */
	value: string;
	resource: AnyResource;
	api: ResourceApi;
	/** Its own (create-and-wait) operation: the default of its Operation selector. */
	operation: string;
	example: Required<ResourceExample>;
	/** The resource declares its example (otherwise it was made from its options). */
	declared: boolean;
}

/** The value a made example sets an option to: its first choice that is sent, or its default; none for other kinds. */
function exampleValue(property: INodeProperties): unknown {
	if (property.type === 'options') {
		return (property.options ?? [])
			.map((choice) => ('value' in choice ? choice.value : ''))
			.find((value) => value !== '');
	}
	if (property.type === 'number' || property.type === 'boolean') return property.default;
	if (property.type === 'string' && property.default !== '') return property.default;
	return undefined;
}

/** An example made from the resource's options; an option with its own encoding (a colour, a size) is left unset. */
function madeExample(resource: AnyResource): Required<ResourceExample> {
	const options: INodeParameters = {};
	const fields: Record<string, string> = { ...(resource.api as ResourceApi).extraFields };
	for (const option of resource.apiOptions ?? []) {
		const value = exampleValue(option.property);
		if (option.encode || value === undefined || value === null) continue;
		options[option.property.name] = value as INodeParameters[string];
		fields[option.field] = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
	}
	return { parameters: {}, options, fields, files: [] };
}

/** The registry's task resources (every entry whose API has a task endpoint), in registry order, each with its example. */
export function taskResourceCases(
	registry: Record<string, AnyResource> = resources,
): TaskResourceCase[] {
	return Object.entries(registry)
		.filter(([, resource]) => 'taskPath' in resource.api)
		.map(([value, resource]) => {
			const declared = resource.example;
			return {
				value,
				resource,
				api: resource.api as ResourceApi,
				operation: String(resource.operationProperty.default),
				example: declared
					? { parameters: {}, options: {}, files: [], ...declared }
					: madeExample(resource),
				declared: declared !== undefined,
			};
		});
}

/**
 * What a finished task of the API carries as its first result, and where the node puts it: the
 * field (`image`, `image_1` for numbered results, a class such as `tops` where every URL field is
 * a result), the output item's binary property, and the file name for an input `<base>.png` (a PNG
 * result): the API's suffix added, if it has one, and the result's number or name.
 */
export function firstResult(
	api: ResourceApi,
	base: string,
): { field: string; property: string; fileName: string } {
	const [first] = api.results;
	const suffix = api.wording.resultSuffix;
	if (first.named) return { field: 'tops', property: 'tops', fileName: `${base}-tops.png` };
	const field = first.numbered ? `${first.field}1` : first.field;
	const parts = [base, suffix, first.numbered ? '1' : undefined].filter(Boolean);
	return { field, property: 'data', fileName: `${parts.join('-')}.png` };
}

/** The main result's file name for an input `<base>.png` (a PNG result). */
export function resultFileName(api: ResourceApi, base: string): string {
	return firstResult(api, base).fileName;
}

/** The parameter that takes the input's URL: `imageUrl`, or `fileUrl` for an API that takes documents. */
export const urlParameter = (api: ResourceApi): string => inputParameters(api.limits).url.name;

/** The `sync` field a create-and-wait operation sends for a small input in Auto mode. */
export const autoSync = (api: ResourceApi): string => (api.asyncOnly ? '0' : '1');
