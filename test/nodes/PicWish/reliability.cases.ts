/**
 * The fault and bad-input matrix: every row is a case a user meets at 3 a.m., what the node does,
 * and (through reliability.test.ts) the test that proves it. docs/reliability.md is rendered from
 * this table; a test keeps the two in step.
 *
 * An "item" case runs a batch of three: items 0 and 2 are ordinary images, item 1 meets the case.
 * A "run" case concerns the whole run (the host, the credential, cancellation) and runs one item.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { InputItem } from '../../support/workflow';
import { GIF, HTML_PAGE, makeBmp, makeJpeg, makePng, PDF, TIFF, WEBP } from '../../support/images';
import { type Answer, type DoubleRequest, RESULT_IMAGE } from '../../support/picwish-double';

export interface Outcome {
	/** Requests the double saw. */
	requests: DoubleRequest[];
	count: (kind: DoubleRequest['kind'], subject: string) => number;
}

export interface MatrixCase {
	area: 'Bad input' | 'API answers' | 'Network' | 'Cancellation';
	name: string;
	/** What the node does, in the user's words (docs/reliability.md). */
	expected: string;
	scope: 'item' | 'run';
	/** Get Task instead of Remove Watermark. */
	operation?: 'getTask';
	/** Item 1 of an item case, the only item of a run case. */
	input?: InputItem;
	/** How the double answers; undefined = the normal answer. */
	route?: (request: DoubleRequest) => Answer | undefined;
	/** Node options beyond the defaults. */
	options?: INodeParameters;
	/** Overrides the double's base URL. */
	baseUrl?: string;
	/** The item fails with this message (and the node names the item without continue-on-fail). */
	error?: { message: RegExp; description: RegExp };
	/** A run case that the user cancels: when, after the run starts. */
	cancel?: (outcome: Outcome) => boolean;
	/** Further checks: on resends, what was sent. */
	check?: (outcome: Outcome, items: Array<Record<string, unknown>>) => void;
}

const faulty = 'faulty';

/** Item 1 with a binary file. */
function file(
	data: Buffer,
	fileName = `${faulty}.png`,
	mimeType = 'image/png',
	property = 'data',
): InputItem {
	return {
		json: { inputType: 'binary', property: 'data', url: '', taskId: '' },
		binary: { [property]: { data, fileName, mimeType } },
	};
}

/** Item 1 with an image URL. */
function url(value: string): InputItem {
	return { json: { inputType: 'url', property: 'data', url: value, taskId: '' } };
}

/** Item 1 asking for a task. */
function task(taskId: string): InputItem {
	return { json: { inputType: 'binary', property: 'data', url: '', taskId } };
}

/** Answers the item's create (or query, or result) with `answer`; the first `times` attempts only. */
function on(kind: DoubleRequest['kind'], answer: Answer, times = Infinity) {
	return (request: DoubleRequest) =>
		request.kind === kind && request.subject === faulty && request.attempt <= times
			? answer
			: undefined;
}

const apiError = (
	status: number,
	message = `server says ${status}`,
	httpStatus = status,
): Answer => ({
	json: { status, message },
	status: httpStatus,
});

const doneWith = (data: object): Answer => ({
	json: { status: 200, message: 'success', data: { task_id: `task-${faulty}`, ...data } },
});

const png = makePng(40, 30);
const withPngHeader = (size: number) => {
	const bytes = Buffer.alloc(size);
	png.copy(bytes);
	return bytes;
};

const FORMATS = /JPG, PNG or BMP/;
const RESENT_NEVER = (kind: DoubleRequest['kind']) => (outcome: Outcome) => {
	if (outcome.count(kind, faulty) !== 1)
		throw new Error(`the ${kind} was sent ${outcome.count(kind, faulty)} times`);
};
const NOTHING_SENT = (outcome: Outcome) => {
	if (outcome.count('create', faulty))
		throw new Error('a create was sent for a file that fails its checks');
};

export const cases: MatrixCase[] = [
	// Bad input: refused before anything is sent.
	{
		area: 'Bad input',
		name: 'Missing binary property',
		expected: 'Fails the item; names the binary properties the item does have',
		scope: 'item',
		input: file(png, 'photo.png', 'image/png', 'image'),
		error: { message: /no binary property "data"/, description: /"image"/ },
		check: NOTHING_SENT,
	},
	{
		area: 'Bad input',
		name: 'Empty file',
		expected: 'Fails the item: the file is empty; says which formats and sizes PicWish takes',
		scope: 'item',
		input: file(Buffer.alloc(0)),
		error: { message: /is empty/, description: FORMATS },
		check: NOTHING_SENT,
	},
	...(
		[
			['A PDF', PDF, /is a PDF document/],
			['Plain text', Buffer.from('just some text, not an image\n'), /is plain text/],
			['An HTML error page saved as .jpg', HTML_PAGE, /is an HTML page/],
		] as const
	).map(
		([name, data, message]): MatrixCase => ({
			area: 'Bad input',
			name: `${name} instead of an image`,
			expected: 'Fails the item: says what the file is and which formats PicWish accepts',
			scope: 'item',
			input: file(data, `${faulty}.jpg`, 'image/jpeg'),
			error: { message, description: FORMATS },
			check: NOTHING_SENT,
		}),
	),
	...(
		[
			['PNG', makePng(40, 30).subarray(0, 60), /truncated/],
			['JPEG', makeJpeg(40, 30).subarray(0, 12), /truncated/],
			['BMP', makeBmp(40, 30).subarray(0, 100), /truncated/],
		] as const
	).map(
		([format, data, message]): MatrixCase => ({
			area: 'Bad input',
			name: `A truncated ${format}`,
			expected: 'Fails the item: the file is truncated; says to export or download it again',
			scope: 'item',
			input: file(data),
			error: { message, description: /again/ },
			check: NOTHING_SENT,
		}),
	),
	...(
		[
			['GIF', GIF, /is a GIF image/],
			['WebP', WEBP, /is a WebP image/],
			['TIFF', TIFF, /is a TIFF image/],
		] as const
	).map(
		([format, data, message]): MatrixCase => ({
			area: 'Bad input',
			name: `A ${format} image`,
			expected: 'Fails the item: PicWish accepts only JPG, PNG or BMP; suggests converting it',
			scope: 'item',
			input: file(data),
			error: { message, description: /Convert the image/ },
			check: NOTHING_SENT,
		}),
	),
	...(
		[
			['0×0', makePng(0, 0), /0×0 pixels/, /at least 20 pixels/],
			['19×19', makePng(19, 19), /19×19 pixels/, /at least 20 pixels/],
			['10001×20', makePng(10001, 20), /10001×20 pixels/, /no side exceeds 10000/],
		] as const
	).map(
		([size, data, message, description]): MatrixCase => ({
			area: 'Bad input',
			name: `A ${size} image`,
			expected: 'Fails the item: gives the size and the 20–10000 pixel range PicWish accepts',
			scope: 'item',
			input: file(data),
			error: { message, description },
			check: NOTHING_SENT,
		}),
	),
	{
		area: 'Bad input',
		name: 'A file of 50 MB + 1 byte',
		expected:
			"Fails the item before reading it: over PicWish's 50 MB limit; suggests compressing or a URL",
		scope: 'item',
		input: file(withPngHeader(50 * 1024 * 1024 + 1)),
		error: { message: /50\.0 MB, over PicWish's upload limit/, description: /below 50 MB/ },
		check: NOTHING_SENT,
	},
	...(
		[
			['An empty image URL', '', /"Image URL" is empty/, /public http\(s\) address/],
			['A malformed image URL', 'not a url', /is not a valid URL/, /starts with https:\/\//],
			[
				'A non-http(s) image URL',
				'ftp://example.com/a.jpg',
				/must use http or https, not "ftp"/,
				/public http\(s\) address/,
			],
		] as const
	).map(
		([name, value, message, description]): MatrixCase => ({
			area: 'Bad input',
			name,
			expected: 'Fails the item before any request; says what a valid image URL looks like',
			scope: 'item',
			input: url(value),
			error: { message, description },
			check: NOTHING_SENT,
		}),
	),
	{
		area: 'Bad input',
		name: 'An image URL with spaces and non-ASCII characters',
		expected: 'Sends the URL percent-encoded; the item succeeds',
		scope: 'item',
		input: url('https://cdn.example.com/shop/été photo faulty.jpg'),
		route: (request) =>
			request.kind === 'create' && request.fields?.url
				? {
						json: {
							status: 200,
							message: 'success',
							data: { task_id: `task-${faulty}`, state: 1, file: `${'http://127.0.0.1'}/never` },
						},
					}
				: undefined,
		options: { resultAs: 'url' },
		check: (outcome) => {
			const sent = outcome.requests.find((r) => r.fields?.url)?.fields?.url.toString();
			if (sent !== 'https://cdn.example.com/shop/%C3%A9t%C3%A9%20photo%20faulty.jpg')
				throw new Error(`sent ${sent}`);
		},
	},
	{
		area: 'Bad input',
		name: 'An empty task ID (Get Task)',
		expected: 'Fails the item before any request; says where the task ID comes from',
		scope: 'item',
		operation: 'getTask',
		input: task('  '),
		error: { message: /"Task ID" is empty/, description: /task_id/ },
	},
	{
		area: 'Bad input',
		name: 'Both a binary file and an image URL on the item',
		expected: 'Input Type decides: only the file is sent (PicWish refuses both at once)',
		scope: 'item',
		input: {
			...file(png),
			json: {
				inputType: 'binary',
				property: 'data',
				url: 'https://example.com/other.jpg',
				taskId: '',
			},
		},
		check: (outcome) => {
			const create = outcome.requests.find((r) => r.kind === 'create' && r.subject === faulty);
			if (!create?.fields?.file || create.fields.url) throw new Error('expected the file alone');
		},
	},

	// API answers.
	...(
		[
			[400, /rejected the request as invalid \(400\)/, /exactly one input/],
			[401, /rejected the API key \(401\)/, /API key in the PicWish credential/],
			[403, /refused access \(403\)/, /plan|API key/],
			[404, /could not find the task or endpoint \(404\)/, /Base URL/],
			[413, /too large for PicWish \(413\)/, /at most 50 MB/],
			[500, /internal error \(500\)/, /Retry later/],
		] as const
	).map(
		([status, message, description]): MatrixCase => ({
			area: 'API answers',
			name: `HTTP ${status} on create`,
			expected: `Fails the item with the documented meaning of ${status}, what to do, and PicWish's own message; the create is not sent again`,
			scope: 'item',
			route: on('create', apiError(status)),
			error: { message, description },
			check: RESENT_NEVER('create'),
		}),
	),
	{
		area: 'API answers',
		name: 'HTTP 429 that does not stop',
		expected:
			"Waits it out (a 429 proves no task was made): every request on the key pauses and slows down, and the create is sent again until the item's Timeout has passed (2 s here), then the item fails: raise Requests Per Second only with a plan that allows it",
		scope: 'item',
		options: { timeout: 2 },
		route: on('create', {
			json: { status: 429, message: 'too many requests' },
			status: 429,
			headers: { 'Retry-After': '0' },
		}),
		error: { message: /rate limit exceeded \(429\)/, description: /Requests Per Second/ },
		check: (outcome) => {
			if (outcome.count('create', faulty) < 3)
				throw new Error(`sent only ${outcome.count('create', faulty)} times`);
		},
	},
	{
		area: 'API answers',
		name: 'A 502 HTML gateway page',
		expected: 'Fails the item: PicWish is unavailable; quotes the start of the page',
		scope: 'item',
		route: on('create', {
			body: '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>',
			status: 502,
			contentType: 'text/html',
		}),
		error: {
			message: /unavailable \(502\)/,
			description: /The response began: "502 Bad Gateway nginx"/,
		},
		check: RESENT_NEVER('create'),
	},
	{
		area: 'API answers',
		name: 'HTTP 200 whose body status is 401',
		expected: 'Fails the item as a 401: the body status counts, not only the HTTP status',
		scope: 'item',
		route: on('create', apiError(401, 'invalid api key', 200)),
		error: {
			message: /rejected the API key \(401\)/,
			description: /PicWish said: "invalid api key"/,
		},
	},
	{
		area: 'API answers',
		name: 'HTTP 200 that is not JSON',
		expected: 'Fails the item: says the answer is not JSON and to check the Base URL',
		scope: 'item',
		route: on('create', { body: 'OK', contentType: 'text/plain' }),
		error: { message: /not JSON \(HTTP 200\)/, description: /Base URL/ },
	},
	{
		area: 'API answers',
		name: 'JSON without data',
		expected: 'Fails the item: PicWish answered without task data',
		scope: 'item',
		route: on('create', { json: { status: 200, message: 'success' } }),
		error: { message: /without task data/, description: /"data"/ },
	},
	{
		area: 'API answers',
		name: 'A status answer without a state',
		expected:
			'Fails the item with the task ID: the answer cannot be trusted; says to check the Base URL or contact support',
		scope: 'item',
		operation: 'getTask',
		input: task(`task-${faulty}`),
		route: on('query', doneWith({ progress: 100 })),
		error: {
			message: /PicWish sent no task state \[task_id task-faulty\]/,
			description: /contact PicWish support with the task ID/,
		},
	},
	{
		area: 'API answers',
		name: 'A state that is not a number',
		expected:
			'Fails the item with the task ID: the answer cannot be trusted; says to check the Base URL or contact support',
		scope: 'item',
		operation: 'getTask',
		input: task(`task-${faulty}`),
		route: on('query', doneWith({ state: 'done' })),
		error: {
			message: /not a number \("done"\)/,
			description: /contact PicWish support with the task ID/,
		},
	},
	{
		area: 'API answers',
		name: 'A completed task without a result URL',
		expected:
			'Fails the item with the task ID, instead of an empty success; says to query it again',
		scope: 'item',
		route: on('create', doneWith({ state: 1 })),
		error: { message: /completed but sent no result URL/, description: /Get Task/ },
	},
	...(
		[
			[
				'expired (403 from storage)',
				{ json: { Code: 'AccessDenied' }, status: 403 } as Answer,
				/has expired or is no longer valid \(403\)/,
				/valid for 1 hour/,
			],
			[
				'an HTML page',
				{
					body: '<!DOCTYPE html><html><body>Error</body></html>',
					contentType: 'text/html',
				} as Answer,
				/returned an HTML page instead of an image/,
				/expired|error page/,
			],
			[
				'empty',
				{ body: Buffer.alloc(0), contentType: 'image/png' } as Answer,
				/returned an empty file instead of an image/,
				/expired|error page/,
			],
		] as const
	).map(
		([what, answer, message, description]): MatrixCase => ({
			area: 'API answers',
			name: `A result URL that is ${what}`,
			expected:
				'Fails the item with the task ID; says result URLs last 1 hour and how to get a fresh one',
			scope: 'item',
			route: on('result', answer),
			error: { message, description },
		}),
	),

	// Network.
	{
		area: 'Network',
		name: 'Connection refused',
		expected:
			'Nothing was sent, so it is retried 3 times (1, 2, 4 s); then fails: check the Base URL',
		scope: 'run',
		baseUrl: 'refused',
		error: { message: /connection was refused/, description: /Base URL/ },
	},
	{
		area: 'Network',
		name: 'DNS failure',
		expected:
			'Nothing was sent, so it is retried 3 times; then fails: the host name was not found, check the Base URL and DNS',
		scope: 'run',
		baseUrl: 'http://picwish-double.invalid',
		error: { message: /host name was not found/, description: /Base URL/ },
	},
	{
		area: 'Network',
		name: 'Reset after the create arrived whole',
		expected:
			'Fails the item and says the create was not sent again: PicWish may have made (and charged) the task',
		scope: 'item',
		route: on('create', { reset: true }),
		error: {
			message: /closed unexpectedly/,
			description: /not sent again because PicWish may already have created/,
		},
		check: RESENT_NEVER('create'),
	},
	{
		area: 'Network',
		name: 'Reset on a status query',
		expected: 'Retried (a query changes nothing); the item succeeds',
		scope: 'item',
		operation: 'getTask',
		input: task(`task-${faulty}`),
		route: on('query', { reset: true }, 1),
		check: (outcome) => {
			if (outcome.count('query', faulty) !== 2)
				throw new Error(`queried ${outcome.count('query', faulty)} times`);
		},
	},
	{
		area: 'Network',
		name: 'Result download cut off mid-image',
		expected: 'Downloaded again from the start; the item succeeds with the whole image',
		scope: 'item',
		route: on('result', { cutOff: RESULT_IMAGE, sent: 100 }, 1),
		check: (outcome) => {
			if (outcome.count('result', faulty) !== 2)
				throw new Error(`downloaded ${outcome.count('result', faulty)} times`);
		},
	},
	{
		area: 'Network',
		name: 'A create answer that never comes',
		expected:
			'Fails the item after Request Timeout; the create is not sent again (PicWish may be working on it)',
		scope: 'item',
		options: { requestTimeout: 1, waitMode: 'poll' },
		route: on('create', { stall: true }),
		error: { message: /did not answer in time/, description: /not sent again/ },
		check: RESENT_NEVER('create'),
	},
	{
		area: 'Network',
		name: 'A create answer that drips one byte at a time',
		expected:
			'Request Timeout bounds the whole answer, not just the silence between bytes: fails the item, not sent again',
		scope: 'item',
		options: { requestTimeout: 1, waitMode: 'poll' },
		route: on('create', {
			drip: Buffer.from(
				JSON.stringify({ status: 200, data: { task_id: 'x', state: 1 } }).padEnd(4000),
			),
			everyMs: 100,
		}),
		error: { message: /did not answer in time/, description: /not sent again/ },
		check: RESENT_NEVER('create'),
	},
	{
		area: 'Network',
		name: 'A status query that does not answer once',
		expected: 'Request Timeout ends it; queried again (a query changes nothing); the item succeeds',
		scope: 'item',
		operation: 'getTask',
		input: task(`task-${faulty}`),
		options: { requestTimeout: 1 },
		route: on('query', { stall: true }, 1),
		check: (outcome) => {
			if (outcome.count('query', faulty) !== 2)
				throw new Error(`queried ${outcome.count('query', faulty)} times`);
		},
	},
	{
		area: 'Network',
		name: 'A status query that never answers',
		expected:
			'Request Timeout ends each attempt; tried 4 times (1, 2, 4 s apart), then fails the item with its task ID: check the network',
		scope: 'item',
		operation: 'getTask',
		input: task(`task-${faulty}`),
		options: { requestTimeout: 1 },
		route: on('query', { stall: true }),
		error: { message: /did not answer in time.*\[task_id task-faulty\]/, description: /timed out/ },
		check: (outcome) => {
			if (outcome.count('query', faulty) !== 4)
				throw new Error(`queried ${outcome.count('query', faulty)} times`);
		},
	},
	{
		area: 'Network',
		name: 'A result download that stalls once',
		expected: 'Request Timeout ends it; downloaded again from the start; the item succeeds',
		scope: 'item',
		options: { requestTimeout: 1 },
		route: on('result', { stall: true }, 1),
		check: (outcome) => {
			if (outcome.count('result', faulty) !== 2)
				throw new Error(`downloaded ${outcome.count('result', faulty)} times`);
		},
	},
	{
		area: 'Network',
		name: 'A result download that drips one byte at a time',
		expected:
			'Request Timeout bounds the whole download; tried 4 times, then fails the item with its task ID and how to fetch the result again',
		scope: 'item',
		options: { requestTimeout: 1 },
		route: on('result', { drip: RESULT_IMAGE, everyMs: 50 }),
		error: {
			message: /Could not download the result image.*\[task_id task-faulty\]/,
			description: /ETIMEDOUT.*Get Task/,
		},
		check: (outcome) => {
			if (outcome.count('result', faulty) !== 4)
				throw new Error(`downloaded ${outcome.count('result', faulty)} times`);
		},
	},

	// Cancellation.
	{
		area: 'Cancellation',
		name: 'Canceled while waiting for PicWish',
		expected: 'The execution stops at once, its wait cut short',
		scope: 'run',
		// 60 s to the next poll: longer than the test may take, so only a cut-short wait passes.
		options: { waitMode: 'poll', pollInterval: 60 },
		route: (request) =>
			request.kind === 'query'
				? { json: { status: 200, data: { task_id: `task-${faulty}`, state: 4, progress: 10 } } }
				: undefined,
		// The create is answered at once; 300 ms later the item is waiting for its first poll.
		cancel: (outcome) =>
			outcome.requests.some(
				(r) => r.kind === 'create' && r.subject === faulty && Date.now() - r.at > 300,
			),
	},
	{
		area: 'Cancellation',
		name: 'Canceled while downloading the result',
		expected: 'The execution stops at once, its download cut short',
		scope: 'run',
		route: on('result', { stall: true }),
		cancel: (outcome) => outcome.count('result', faulty) > 0,
	},
];
