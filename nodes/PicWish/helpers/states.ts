/**
 * PicWish task states (`data.state`), from the vendor's status table.
 * 1 = completed, 0 and >1 = still pending, <0 = failed. Pure. A resource may word a state's
 * hint for its own API (see actions/watermark).
 */

type TaskStatus = 'completed' | 'processing' | 'failed';

interface TaskStateInfo {
	state: number;
	status: TaskStatus;
	/** Short name as the vendor's table gives it, shown in output and errors. */
	name: string;
	/** For failed states: what the user can do about it. */
	hint?: string;
}

const KNOWN_STATES: Record<number, Omit<TaskStateInfo, 'state'>> = {
	[-17]: {
		status: 'failed',
		name: 'Invalid prompt',
		hint: 'The task was rejected because its prompt is invalid. Create a new task; if it keeps happening, contact PicWish support with the task ID.',
	},
	[-16]: {
		status: 'failed',
		name: 'Prohibited content (third-party review)',
		hint: 'A third-party content review flagged the image. PicWish will not process it; use another image.',
	},
	[-15]: {
		status: 'failed',
		name: 'Insufficient resources',
		hint: 'PicWish had no capacity for the task. Retry later (for example with the node setting Retry On Fail).',
	},
	[-14]: {
		status: 'failed',
		name: 'Image content not suitable',
		hint: 'The image content does not meet the requirements of this PicWish service. Check that the image is a real photo or graphic, not blank or tiny content.',
	},
	[-13]: {
		status: 'failed',
		name: 'Canceled after an exception',
		hint: 'PicWish canceled the task after an internal exception. Retry; if it persists, contact support with the task ID.',
	},
	[-11]: {
		status: 'failed',
		name: 'Empty result',
		hint: 'Processing produced no result. Retry with the same image; if it persists, contact support with the task ID.',
	},
	[-10]: {
		status: 'failed',
		name: 'Prohibited content (internal review)',
		hint: "PicWish's content review flagged the image. It will not be processed; use another image.",
	},
	[-9]: {
		status: 'failed',
		name: 'Internal loop processing failed',
		hint: 'An internal processing step failed. Retry; if it persists, contact support with the task ID.',
	},
	[-8]: {
		status: 'failed',
		name: 'Processing timed out',
		hint: 'PicWish gave up after its maximum processing time of 180 seconds. Retry, or try a smaller image.',
	},
	[-7]: {
		status: 'failed',
		name: 'Invalid image file',
		hint: 'The image is corrupted or not in a format this PicWish service takes. Re-export it as a JPG or PNG.',
	},
	[-5]: {
		status: 'failed',
		name: 'Image at URL too large',
		hint: 'The image is larger than this PicWish service takes. Use a smaller image.',
	},
	[-3]: {
		status: 'failed',
		name: 'Could not download the image URL',
		hint: 'PicWish could not download the source URL. Check that it is public (no login, no expired signature) and reachable from the internet.',
	},
	[-2]: {
		status: 'failed',
		name: 'Result upload failed',
		hint: 'Processing finished but PicWish could not store the result. Retry the image.',
	},
	[-1]: {
		status: 'failed',
		name: 'Processing failed',
		hint: 'PicWish could not process the image. Retry; if it persists, contact support with the task ID.',
	},
	0: { status: 'processing', name: 'Queued' },
	1: { status: 'completed', name: 'Completed' },
	2: { status: 'processing', name: 'Preparing' },
	3: { status: 'processing', name: 'Waiting' },
	4: { status: 'processing', name: 'Processing' },
	5: { status: 'processing', name: 'Publishing result' },
	6: { status: 'processing', name: 'Processing (internal loop)' },
};

/** Describes any state number; unknown ones follow the sign rule of the vendor's table. */
export function describeState(state: number): TaskStateInfo {
	const known = KNOWN_STATES[state];
	if (known) return { state, ...known };
	if (state < 0) {
		return {
			state,
			status: 'failed',
			name: `Failed (state ${state})`,
			hint: 'PicWish reported a failure state this node does not know. Contact PicWish support with the task ID.',
		};
	}
	return { state, status: 'processing', name: `Processing (state ${state})` };
}

/** A state as a number; numeric strings are accepted, anything else is NaN. */
export function stateNumber(value: unknown): number {
	if (typeof value === 'number') return value;
	if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number(value);
	return Number.NaN;
}
