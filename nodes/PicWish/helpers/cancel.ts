import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

function canceledError(ctx: IExecuteFunctions, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), 'The execution was canceled', {
		itemIndex,
		description: 'The workflow execution was stopped while PicWish was working on the image.',
	});
}

export function throwIfCanceled(ctx: IExecuteFunctions, itemIndex?: number): void {
	if (ctx.getExecutionCancelSignal()?.aborted) throw canceledError(ctx, itemIndex);
}

/**
 * Sleeps, but ends at once when the execution is canceled. n8n 2.x's `sleep` takes the signal;
 * older hosts ignore it, so the abort event is also raced here.
 */
export async function abortableSleep(ctx: IExecuteFunctions, ms: number): Promise<void> {
	const signal = ctx.getExecutionCancelSignal();
	if (!signal) return await sleep(ms);
	if (signal.aborted) throw canceledError(ctx);
	await new Promise<void>((resolve, reject) => {
		const onAbort = () => reject(canceledError(ctx));
		signal.addEventListener('abort', onAbort, { once: true });
		sleep(ms, signal).then(
			() => {
				signal.removeEventListener('abort', onAbort);
				resolve();
			},
			() => {
				signal.removeEventListener('abort', onAbort);
				reject(canceledError(ctx));
			},
		);
	});
}
