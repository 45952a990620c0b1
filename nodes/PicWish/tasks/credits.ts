/**
 * The account's credits: read from the credits endpoint (Get Credits), and checked before a batch
 * creates any task (Check Credits First; each API's price is its resource's).
 */
import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { type CreditSummary, summarizeCredits } from '../helpers/credits';
import { CREDITS_PATH, TIMEOUTS } from '../transport';
import { requestTimeoutMs, type RunContext, type ServiceApi } from './context';

/** Asks PicWish for the key's credit packages and sums them. */
export async function readCredits(
	ctx: IExecuteFunctions,
	run: RunContext<ServiceApi>,
	itemIndex: number,
): Promise<CreditSummary> {
	const { data } = await run.api.request(itemIndex, {
		method: 'GET',
		path: CREDITS_PATH,
		timeoutMs: requestTimeoutMs(ctx, itemIndex, TIMEOUTS.queryMs),
		idempotent: true,
		notFound: {
			message: 'This PicWish host has no credits endpoint (404)',
			description: `GET ${CREDITS_PATH} was not found at the Base URL. PicWish's own hosts (https://techhk.aoscdn.com, https://techsz.aoscdn.com) answer it; a proxy or another host may not. Check the Base URL in the credential, or see your credits at https://picwish.com/my-account.`,
		},
	});
	const summary = summarizeCredits(data);
	if (!summary) {
		throw new NodeApiError(
			ctx.getNode(),
			{ status: 200, data: JSON.stringify(data ?? null).slice(0, 200) } as JsonObject,
			{
				itemIndex,
				message: 'PicWish answered without credit packages',
				description:
					'The credits endpoint answered 200 but its "data" is not a list of packages with remaining_credits. Check that the Base URL points at the PicWish API.',
			},
		);
	}
	return summary;
}

/**
 * Fails the run before its first task when the key has fewer credits than the batch needs. Other
 * executions on the key may spend credits meanwhile: this is a check, not a reservation.
 */
export async function ensureCredits(
	ctx: IExecuteFunctions,
	run: RunContext<ServiceApi>,
	/** Credits needed, or, where a price is not certain, at most `credits` and at least `atLeast`. */
	needed: number | { credits: number; atLeast: number },
	/** How the need was counted: "3 images at 1 credit per image need 3 credits." */
	counted: string,
): Promise<CreditSummary> {
	const { credits: most, atLeast } =
		typeof needed === 'number' ? { credits: needed, atLeast: needed } : needed;
	const credits = await readCredits(ctx, run, 0);
	if (credits.remaining_credits < most) {
		// Where the price is not certain, both ends: the batch may need as few as the lower one.
		const need = atLeast < most ? `up to ${most} needed (at least ${atLeast})` : `${most} needed`;
		throw new NodeOperationError(
			ctx.getNode(),
			`Not enough PicWish credits: ${need}, ${credits.remaining_credits} left`,
			{
				description: `Check Credits First stopped the run before any task was created: ${counted} Buy credits at https://picwish.com/pricing, split the batch, or turn Check Credits First off to process as many images as the credits allow.`,
			},
		);
	}
	return credits;
}

/** Bytes read of an image to find its size: enough for a JPEG's EXIF before its frame header. */
const HEAD_BYTES = 256 * 1024;

/**
 * The first bytes of the item's binary image, for its header (pricing by size before the batch
 * starts); undefined for an image given by URL or a missing binary.
 */
export async function imageHead(
	ctx: IExecuteFunctions,
	itemIndex: number,
): Promise<Buffer | undefined> {
	if (ctx.getNodeParameter('inputType', itemIndex) !== 'binary') return undefined;
	const propertyName = String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	const binary = ctx.getInputData()[itemIndex]?.binary?.[propertyName];
	if (!binary) return undefined;
	if (!binary.id) return Buffer.from(binary.data.slice(0, (HEAD_BYTES / 3) * 4), 'base64');
	const chunks: Buffer[] = [];
	let size = 0;
	const stream = await ctx.helpers.getBinaryStream(binary.id);
	try {
		for await (const chunk of stream) {
			chunks.push(chunk as Buffer);
			size += (chunk as Buffer).length;
			if (size >= HEAD_BYTES) break;
		}
	} finally {
		stream.destroy();
	}
	return Buffer.concat(chunks);
}
