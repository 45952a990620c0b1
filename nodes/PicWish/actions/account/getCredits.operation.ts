import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { RunContext, ServiceApi } from '../../tasks/context';
import { readCredits } from '../../tasks/credits';
import { optionsCollection, requestTimeoutOption } from '../shared/descriptions';
import { toolDescriptionProperty } from '../shared/tool';

const properties: INodeProperties[] = [
	toolDescriptionProperty(
		'getCredits',
		'Tells how many PicWish credits are left on the account (each image a PicWish API processes uses 1 to 5 of them, depending on the API) and how many have been used. Needs no input. Returns remainingCredits, usedCredits and the credit packages.',
	),
	optionsCollection([requestTimeoutOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['getCredits'] } },
	properties,
);

/**
 * One item per input item: `remaining_credits` and `used_credits` summed over the packages, and
 * the packages as PicWish sent them. Credits are per key, so one input item is all a balance check needs.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunContext<ServiceApi>,
): Promise<INodeExecutionData[]> {
	const credits = await readCredits(this, run, itemIndex);
	return [{ json: { ...credits }, pairedItem: { item: itemIndex } }];
}

/** What an agent needs to answer "how many credits do I have left?". */
export function toolResult(item: INodeExecutionData): INodeExecutionData {
	const { remaining_credits: remainingCredits, used_credits: usedCredits, packages } = item.json;
	return { json: { remainingCredits, usedCredits, packages }, pairedItem: item.pairedItem };
}
