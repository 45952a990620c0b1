/**
 * What a resource needs beyond the image to run once in `npm run test:live`. Every resource not
 * listed runs with none: its create-and-wait operation's defaults. A new registry entry therefore
 * runs without an edit here; add a row only when its defaults cannot run on the test image.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

export interface LiveExtras {
	/** The operation's own parameters (beside the image source). */
	parameters?: INodeParameters;
	/** Entries of its Options collection (the API's options; Wait Mode and Reuse Results are set by the run). */
	options?: IDataObject;
	/** Why the row exists, for the report. */
	why?: string;
}

export const NONE: LiveExtras = {};

export const LIVE_EXTRAS: Record<string, LiveExtras> = {
	objectRemoval: {
		// The default rectangle (the top-left 100 px) would work too; this one covers the drawn head.
		parameters: { area: 'rectangles', rectangles: JSON.stringify([{ x: 80, y: 30, width: 96, height: 130 }]) },
		why: 'rectangles over the head of the test image',
	},
};

export const extrasFor = (resource: string): LiveExtras => LIVE_EXTRAS[resource] ?? NONE;
