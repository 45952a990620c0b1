/**
 * Check Credits First for a task API: what the batch will cost at the API's price, from each
 * item's options and, where the size decides the price, its image's header. One credits request.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { RunContext } from '../../tasks/context';
import { ensureCredits, imageHead } from '../../tasks/credits';
import { imageDimensions } from '../../helpers/image';
import { readApiOptions } from './apiOptions';
import type { TaskResourceSpec } from './resource';

/** What the items of a batch will cost, and how many of them were priced without knowing their size. */
export async function batchCost(
	ctx: IExecuteFunctions,
	spec: TaskResourceSpec,
	itemCount: number,
): Promise<{ credits: number; unsized: number }> {
	let credits = 0;
	let unsized = 0;
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		let options;
		try {
			options = readApiOptions(ctx, itemIndex, spec.options ?? []);
		} catch {
			// The item refuses itself when it runs, before any request: it costs nothing.
			continue;
		}
		let longEdge: number | undefined;
		if (spec.price.bySize) {
			const size = imageDimensions((await imageHead(ctx, itemIndex)) ?? Buffer.alloc(0));
			if (size) longEdge = Math.max(size.width, size.height);
			else unsized++;
		}
		credits += spec.price.credits(options, longEdge);
	}
	return { credits, unsized };
}

/** Fails the run before its first task when the key has fewer credits than the batch will cost. */
export async function checkBatchCredits(ctx: IExecuteFunctions, run: RunContext, spec: TaskResourceSpec, itemCount: number): Promise<void> {
	const { credits, unsized } = await batchCost(ctx, spec, itemCount);
	const images = `${itemCount} ${itemCount === 1 ? 'image' : 'images'}`;
	const counted = unsized
		? ` ${unsized} of them (given by URL, or with an unreadable header) ${unsized === 1 ? 'was' : 'were'} counted at the higher price, since their size is unknown before PicWish downloads them.`
		: '';
	await ensureCredits(ctx, run, credits, `${images} at ${spec.price.text} need ${credits} ${credits === 1 ? 'credit' : 'credits'}.${counted}`);
}
