/** What a resource sends for one item besides its image: its API options and its own fields. */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { RunContext } from '../../tasks/context';
import type { FieldsReader } from '../../tasks/create';
import { apiOptionFields, readApiOptions, refusalError } from './apiOptions';
import type { TaskResourceSpec } from './resource';

/** The item's fields for the API: its options (checked first, before the image is read) and its own rules. */
export function fieldsReader(
	spec: TaskResourceSpec,
	ctx: IExecuteFunctions,
	run: RunContext,
	itemIndex: number,
): FieldsReader {
	const apiOptions = spec.options ?? [];
	const options = readApiOptions(ctx, itemIndex, apiOptions);
	return async (image) => {
		const fields = apiOptionFields(ctx, itemIndex, apiOptions, options);
		const own = await spec.fields?.({
			ctx,
			run,
			itemIndex,
			options,
			image,
			refuse: (displayName, refusal) => {
				throw refusalError(ctx, itemIndex, displayName, refusal);
			},
		});
		return { fields: { ...fields, ...own?.fields }, images: own?.images, notes: own?.notes };
	};
}
