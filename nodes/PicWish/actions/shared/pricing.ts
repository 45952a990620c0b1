/**
 * Check Credits First for a task API: what the batch will cost at the API's price, from each
 * item's options and, where the size decides the price, its image's size. Items that will share a
 * task (Reuse Results) are counted once, and a result remembered for the item costs nothing. One
 * credits request.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { imageDimensions } from '../../helpers/image';
import type { RunContext } from '../../tasks/context';
import { prepareTask } from '../../tasks/create';
import { ensureCredits, imageHead } from '../../tasks/credits';
import { isRemembered, reuseKey, type ReuseMode } from '../../tasks/reuse';
import { readApiOptions } from './apiOptions';
import { fieldsReader } from './itemFields';
import type { Pricing, TaskResourceSpec } from './resource';

interface BatchCost {
	/** At the highest plausible price. */
	credits: number;
	/** At the lowest plausible price (the same where the price is certain). */
	atLeast: number;
	/** Items priced without knowing their size (the higher price). */
	unsized: number;
	/** Items that share another item's task, or reuse a remembered result. */
	shared: number;
}

/** The long edge of an item's image, when the price needs it and it can be known. */
async function longEdgeOf(
	ctx: IExecuteFunctions,
	itemIndex: number,
	known?: { width: number; height: number },
): Promise<number | undefined> {
	const size = known ?? imageDimensions((await imageHead(ctx, itemIndex)) ?? Buffer.alloc(0));
	return size && Math.max(size.width, size.height);
}

/** What the items of a batch will cost. */
async function batchCost(
	ctx: IExecuteFunctions,
	run: RunContext,
	spec: TaskResourceSpec,
	itemCount: number,
): Promise<BatchCost> {
	const cost: BatchCost = { credits: 0, atLeast: 0, unsized: 0, shared: 0 };
	const tasks = new Set<string>();
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		let options: IDataObject;
		try {
			options = readApiOptions(ctx, itemIndex, spec.options ?? []);
		} catch {
			// The item refuses itself when it runs, before any request: it costs nothing.
			continue;
		}
		const mode = ((ctx.getNodeParameter('options', itemIndex, {}) as IDataObject).reuseResults ??
			'recent') as ReuseMode;
		let known: { width: number; height: number } | undefined;
		if (mode !== 'never') {
			// The item's identity needs its image read (a file's bytes): only with Check Credits First.
			const prepared = await prepareTask(
				ctx,
				run,
				itemIndex,
				fieldsReader(spec, ctx, run, itemIndex),
			).catch(() => undefined);
			if (!prepared) continue;
			prepared.release();
			const key = reuseKey(run, prepared);
			if (tasks.has(key) || isRemembered(run, prepared, mode)) {
				cost.shared++;
				continue;
			}
			tasks.add(key);
			if (prepared.read.image.kind === 'binary') known = prepared.read.image;
		}
		const longEdge = spec.price.bySize ? await longEdgeOf(ctx, itemIndex, known) : undefined;
		if (spec.price.bySize && longEdge === undefined) cost.unsized++;
		cost.credits += spec.price.credits(options, longEdge);
		cost.atLeast += lowestCredits(spec.price, options, longEdge);
	}
	return cost;
}

/** The lowest plausible price of a task: the price itself where it is certain. */
export const lowestCredits = (
	price: Pricing,
	options: IDataObject,
	longEdge: number | undefined,
): number => (price.atLeast ?? price.credits)(options, longEdge);

/** Fails the run before its first task when the key has fewer credits than the batch will cost. */
export async function checkBatchCredits(
	ctx: IExecuteFunctions,
	run: RunContext,
	spec: TaskResourceSpec,
	itemCount: number,
): Promise<void> {
	const { credits, atLeast, unsized, shared } = await batchCost(ctx, run, spec, itemCount);
	// Items, not images: one item may make several images (Background Generation).
	const items = `${itemCount} ${itemCount === 1 ? 'item needs' : 'items need'}`;
	const sharing = shared
		? ` ${shared} of them share${shared === 1 ? 's' : ''} a task with another item or reuse${shared === 1 ? 's' : ''} a recent result (Reuse Results).`
		: '';
	const counted = unsized
		? ` ${unsized} of them (given by URL, or with an unreadable header) ${unsized === 1 ? 'was' : 'were'} counted at the higher price, since their size is unknown before PicWish downloads them.`
		: '';
	await ensureCredits(
		ctx,
		run,
		{ credits, atLeast },
		`${items} ${credits} ${credits === 1 ? 'credit' : 'credits'} (${spec.price.text}).${sharing}${counted}`,
	);
}
