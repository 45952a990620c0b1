/**
 * What the node says one task of a resource costs, for the live run's test image: the resource's
 * own `price` (Check Credits First counts with it): the highest plausible price, and where PicWish
 * publishes none, the lowest plausible one too.
 */
import type { IDataObject } from 'n8n-workflow';

import type { AnyResource } from '../../nodes/PicWish/actions';

export interface NodePrice {
	/** The highest plausible price of one task on the test image. */
	credits: number;
	/** The lowest plausible price, where the node says the price is a range. */
	atLeast?: number;
	text: string;
}

/** The node's price for a task of this resource with these API options on an image with this long edge. */
export function nodePrice(
	name: string,
	resource: AnyResource,
	apiOptions: IDataObject,
	longEdge: number,
): NodePrice {
	const { price } = resource;
	if (!price)
		throw new Error(
			`${name} has no price: every task resource declares one (actions/<resource>/index.ts)`,
		);
	const credits = price.credits(apiOptions, longEdge);
	const atLeast = price.atLeast?.(apiOptions, longEdge);
	return {
		credits,
		...(atLeast !== undefined && atLeast !== credits ? { atLeast } : {}),
		text: price.text,
	};
}
