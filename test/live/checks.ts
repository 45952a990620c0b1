/**
 * The live run's verdicts: what one resource's recorded exchanges and output say about the facts
 * the node rests on (`resource.api.facts`). Each fact is `confirmed`, `contradicted` (with what was
 * seen) or `unchecked` (with why). Pure: no I/O.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { type FactWeight, FACT_WEIGHTS } from '../../nodes/PicWish/helpers/facts';
import { describeState, stateNumber } from '../../nodes/PicWish/helpers/states';
import { presentResults, type TaskData } from '../../nodes/PicWish/helpers/task';
import type { ResourceApi } from '../../nodes/PicWish/tasks/context';
import type { NodePrice } from './prices';
import type { Exchange } from './proxy';

export type Outcome = 'confirmed' | 'contradicted' | 'unchecked';

export interface FactVerdict {
	fact: string;
	weight: FactWeight;
	weightText: string;
	outcome: Outcome;
	seen: string;
}

/** What the exchanges of one task say. */
interface TaskObservation {
	create?: Exchange;
	taskId?: string;
	queries: Exchange[];
	/** The last state PicWish reported (undefined: never queried successfully). */
	state?: number;
	/** The last task data PicWish sent. */
	data?: Record<string, unknown>;
}

export interface ResourceEvidence {
	api: ResourceApi;
	exchanges: Exchange[];
	/** The node's output items (continue-on-fail: a failure is an item with `error`). */
	items: INodeExecutionData[];
	/** The run's error message, if it failed. */
	error?: string;
	price: NodePrice;
	/** Remaining credits before and after the task (undefined: could not be read). */
	creditsBefore?: number;
	creditsAfter?: number;
	/** The test image, in words: "a 256×256 PNG". */
	image: string;
}

type Data = Record<string, unknown>;
const asData = (value: unknown): Data | undefined =>
	value && typeof value === 'object' && !Array.isArray(value) ? (value as Data) : undefined;
const isUrl = (value: unknown): boolean =>
	typeof value === 'string' && /^https?:\/\/\S+$/.test(value);

/** The status an answer stands for: the HTTP status unless it is 200, else the body's `status` (as the node reads it). */
export const answerStatus = (exchange: Exchange): number => {
	const inBody = Number(asData(exchange.body)?.status);
	return exchange.status === 200 && Number.isFinite(inBody) ? inBody : exchange.status;
};

/** PicWish's verdict: HTTP 200 and, when the body says one, status 200 too. */
const answered200 = (exchange: Exchange): boolean => answerStatus(exchange) === 200;

const statusOf = (exchange: Exchange): string => {
	const body = asData(exchange.body);
	const inBody =
		body?.status !== undefined && Number(body.status) !== exchange.status
			? ` (body status ${String(body.status)})`
			: '';
	const message =
		typeof body?.message === 'string' && body.message
			? `: "${body.message}"`
			: exchange.error
				? `: ${exchange.error}`
				: '';
	return `${exchange.status}${inBody}${message}`;
};

/** The create, the queries of its task and the last state, from one resource's exchanges. */
function observe(api: ResourceApi, exchanges: Exchange[]): TaskObservation {
	const create = exchanges.find(
		(exchange) => exchange.method === 'POST' && exchange.path === api.taskPath,
	);
	const id = asData(asData(create?.body)?.data)?.task_id;
	const taskId = typeof id === 'string' && id ? id : undefined;
	const queries = exchanges.filter(
		(exchange) => exchange.method === 'GET' && exchange.path.startsWith(`${api.taskPath}/`),
	);
	let state: number | undefined;
	let data: Data | undefined;
	for (const query of queries) {
		const answer = asData(asData(query.body)?.data);
		if (!answered200(query) || !answer) continue;
		data = answer;
		const number = stateNumber(answer.state);
		if (!Number.isNaN(number)) state = number;
	}
	return { create, taskId, queries, state, data };
}

/** Whether the node's state table knows a state (a documented one), rather than the sign rule naming it. */
const documented = (state: number): boolean =>
	!/^(Failed|Processing) \(state /.test(describeState(state).name);
const stateText = (state: number): string => `state ${state} (${describeState(state).name})`;

function queryPathVerdict(api: ResourceApi, seen: TaskObservation): [Outcome, string] {
	const { create, taskId, queries } = seen;
	if (!create) return ['unchecked', 'no task was created (the node sent no create)'];
	if (answerStatus(create) === 404)
		return ['contradicted', `POST ${api.taskPath} answered 404: the task endpoint is not there`];
	if (!answered200(create))
		return ['unchecked', `POST ${api.taskPath} answered ${statusOf(create)}: no task to query`];
	if (!taskId) return ['contradicted', `POST ${api.taskPath} answered 200 without data.task_id`];
	const own = queries.filter((query) => query.path === `${api.taskPath}/${taskId}`);
	if (!own.length)
		return ['unchecked', `POST answered 200 with a task_id, but the node never queried it`];
	const missing = own.find((query) => answerStatus(query) === 404);
	if (missing)
		return ['contradicted', `GET ${api.taskPath}/<task_id> answered ${statusOf(missing)}`];
	const ok = own.filter(answered200);
	if (!ok.length)
		return ['unchecked', `GET ${api.taskPath}/<task_id> answered ${own.map(statusOf).join(', ')}`];
	const others = own.length - ok.length;
	return [
		'confirmed',
		`POST answered 200 with a task_id; ${ok.length} × GET ${api.taskPath}/<task_id> answered 200${
			others
				? ` (${others} other answers: ${own
						.filter((q) => !answered200(q))
						.map(statusOf)
						.join(', ')})`
				: ''
		}`,
	];
}

function resultsVerdict(
	api: ResourceApi,
	seen: TaskObservation,
	evidence: ResourceEvidence,
): [Outcome, string] {
	const { state, data } = seen;
	if (state === undefined)
		return ['unchecked', seen.taskId ? 'the task was never seen finished' : 'no task'];
	if (state < 0) {
		return documented(state)
			? [
					'unchecked',
					`the task ended in ${stateText(state)}, a documented failure: no result to check`,
				]
			: [
					'contradicted',
					`the task ended in state ${state}, which the node's state table does not know`,
				];
	}
	if (state !== 1)
		return [
			'unchecked',
			`the task was still pending (${stateText(state)}) when the node stopped waiting`,
		];
	// Where the API names its result fields, each named one; where it does not (numbered, every
	// URL field), what the node reads as results.
	const named = api.results.filter((result) => !result.numbered && !result.named);
	const read = presentResults((data ?? {}) as TaskData, api.results).map((result) => result.from);
	const present = [
		...new Set([
			...named
				.map((result) => result.field)
				.filter(
					(field) => data?.[field] !== undefined && data?.[field] !== null && data?.[field] !== '',
				),
			...read,
		]),
	];
	const notUrls = present.filter((field) => !isUrl(data?.[field]));
	const fields = Object.keys(data ?? {}).join(', ');
	const wanted = api.results
		.map((result) =>
			result.numbered ? `${result.field}1…` : result.named ? 'any URL field' : result.field,
		)
		.join(', ');
	if (!present.length)
		return [
			'contradicted',
			`state 1, but none of ${wanted} holds a value; the task has: ${fields}`,
		];
	if (notUrls.length) {
		const what = notUrls
			.map((field) => `${field} = ${typeof data?.[field]} of ${String(data?.[field]).length} chars`)
			.join(', ');
		return ['contradicted', `state 1, but ${what} (not a URL)`];
	}
	const item = evidence.items[0];
	const binary = Object.values(item?.binary ?? {})[0];
	const urls = `${present.join(', ')} ${present.length === 1 ? 'holds a URL' : 'hold URLs'}`;
	const expected = api.resultKind === 'document' ? 'a document' : 'an image';
	const downloaded =
		binary && (api.resultKind === 'document' || binary.mimeType?.startsWith('image/'));
	if (!downloaded) {
		const why = String(
			item?.json?.error ?? evidence.error ?? (binary ? `a ${binary.mimeType} file` : 'no file'),
		);
		return [
			'contradicted',
			`state 1 and ${urls}, but the result did not download as ${expected}: ${why}`,
		];
	}
	const size = binary.fileSize ? `, ${binary.fileSize}` : '';
	return ['confirmed', `state 1; ${urls}; downloaded as ${binary.mimeType}${size}`];
}

function priceVerdict(seen: TaskObservation, evidence: ResourceEvidence): [Outcome, string] {
	const { price, creditsBefore, creditsAfter } = evidence;
	const expected =
		price.atLeast !== undefined && price.atLeast !== price.credits
			? `${price.atLeast} to ${price.credits}`
			: `${price.credits}`;
	if (seen.state !== 1) {
		const charged =
			creditsBefore !== undefined && creditsAfter !== undefined
				? `; ${creditsBefore - creditsAfter} charged`
				: '';
		return ['unchecked', `no successful task (the node's price is for one)${charged}`];
	}
	if (creditsBefore === undefined || creditsAfter === undefined)
		return ['unchecked', 'the credits could not be read before and after the task'];
	const charged = creditsBefore - creditsAfter;
	const low = price.atLeast ?? price.credits;
	const within = charged >= low && charged <= price.credits;
	const what = `${charged} charged (${creditsBefore} → ${creditsAfter}); the node says ${expected}`;
	return [within ? 'confirmed' : 'contradicted', what];
}

function limitsVerdict(api: ResourceApi, seen: TaskObservation, image: string): [Outcome, string] {
	const create = seen.create;
	const message = String(asData(create?.body)?.message ?? '');
	const status = create ? answerStatus(create) : 0;
	const refusedAtCreate =
		create &&
		(status === 413 ||
			status === 415 ||
			(status === 400 && /image|file|size|format|pixel|resolution/i.test(message)));
	if (refusedAtCreate)
		return [
			'contradicted',
			`PicWish refused ${image} the node's limits accept: POST answered ${statusOf(create!)}`,
		];
	if (seen.state === -7 || seen.state === -5)
		return [
			'contradicted',
			`PicWish refused ${image} the node's limits accept: ${stateText(seen.state)}`,
		];
	if (!seen.create) return ['unchecked', 'nothing was sent'];
	return [
		'unchecked',
		`${image} inside them was ${seen.taskId ? 'accepted' : 'sent'}; the limits themselves (${api.limits.formats}; bytes, sides) were not probed`,
	];
}

/** One verdict per fact the resource declares, in its order. */
export function judge(evidence: ResourceEvidence): {
	observation: TaskObservation;
	verdicts: FactVerdict[];
} {
	const { api } = evidence;
	const observation = observe(api, evidence.exchanges);
	const checks: Record<string, () => [Outcome, string]> = {
		queryPath: () => queryPathVerdict(api, observation),
		results: () => resultsVerdict(api, observation, evidence),
		price: () => priceVerdict(observation, evidence),
		limits: () => limitsVerdict(api, observation, evidence.image),
	};
	const verdicts = (Object.entries(api.facts) as Array<[string, FactWeight]>).map(
		([fact, weight]) => {
			const [outcome, seen] = checks[fact]?.() ?? [
				'unchecked',
				'the live run has no check for this fact yet (test/live/checks.ts)',
			];
			return { fact, weight, weightText: FACT_WEIGHTS[weight] ?? weight, outcome, seen };
		},
	);
	return { observation, verdicts };
}
