/**
 * The live run's verdicts on answers the sandbox never gives: a query path that is not there,
 * results as base64, a state the node does not know, a price off the node's, a documented failure
 * (an answer, not a contradiction); and the scrubbing of what the proxy records.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { resources } from '../../nodes/PicWish/actions';
import type { ResourceApi } from '../../nodes/PicWish/tasks/context';
import { judge, type ResourceEvidence } from './checks';
import type { Exchange } from './proxy';
import { scrub } from './proxy';

const api = resources.background.api as ResourceApi;
const ID = '9ab3d32c-85ec-459c-8b18-11176320eac1';
const created: Exchange = {
	method: 'POST',
	path: api.taskPath,
	status: 200,
	body: { status: 200, data: { task_id: ID } },
};
const query = (data: Record<string, unknown>, status = 200): Exchange => ({
	method: 'GET',
	path: `${api.taskPath}/${ID}`,
	status,
	body: { status, data: { task_id: ID, ...data } },
});
const image: INodeExecutionData = {
	json: {},
	binary: { data: { data: '', mimeType: 'image/png', fileSize: '3 kB' } },
};

const evidence = (
	exchanges: Exchange[],
	extra: Partial<ResourceEvidence> = {},
): ResourceEvidence => ({
	api,
	exchanges,
	items: [image],
	price: { credits: 1, text: '1 credit per image' },
	creditsBefore: 10,
	creditsAfter: 9,
	image: 'a 256×256 PNG',
	...extra,
});

const outcomes = (input: ResourceEvidence) =>
	Object.fromEntries(
		judge(input).verdicts.map((verdict) => [verdict.fact, [verdict.outcome, verdict.seen]]),
	);

describe('live checks', () => {
	it('confirms the query path, the results and the price from a successful task', () => {
		const seen = outcomes(
			evidence([
				created,
				query({ state: 4 }),
				query({ state: 1, image: 'https://oss.example/r.png?…', mask: '' }),
			]),
		);
		expect(seen.queryPath[0]).toBe('confirmed');
		expect(seen.results).toEqual([
			'confirmed',
			'state 1; image holds a URL; downloaded as image/png, 3 kB',
		]);
		expect(seen.price).toEqual(['confirmed', '1 charged (10 → 9); the node says 1']);
		expect(seen.limits[0]).toBe('unchecked');
	});

	it("contradicts a query path answered 404, a result given as base64, a price off the node's", () => {
		expect(outcomes(evidence([created, query({}, 404)])).queryPath[0]).toBe('contradicted');
		const base64 = outcomes(evidence([created, query({ state: 1, image: 'iVBORw0KGgo=' })]));
		expect(base64.results).toEqual([
			'contradicted',
			'state 1, but image = string of 12 chars (not a URL)',
		]);
		const dear = outcomes(
			evidence([created, query({ state: 1, image: 'https://oss.example/r.png' })], {
				creditsAfter: 7,
			}),
		);
		expect(dear.price).toEqual(['contradicted', '3 charged (10 → 7); the node says 1']);
		const range = outcomes(
			evidence([created, query({ state: 1, image: 'https://oss.example/r.png' })], {
				creditsAfter: 8,
				price: { credits: 3, atLeast: 1, text: '1 to 3 credits per image' },
			}),
		);
		expect(range.price).toEqual(['confirmed', '2 charged (10 → 8); the node says 1 to 3']);
	});

	it('takes a documented failure state as an answer, an unknown one as a contradiction', () => {
		const noFace = outcomes(evidence([created, query({ state: -14 })], { creditsAfter: 10 }));
		expect(noFace.results[0]).toBe('unchecked');
		expect(noFace.results[1]).toContain(
			'state -14 (Image content not suitable), a documented failure',
		);
		expect(noFace.price[0]).toBe('unchecked');
		expect(outcomes(evidence([created, query({ state: -99 })])).results[0]).toBe('contradicted');
	});

	it('leaves every fact unchecked, saying why, when the node sent nothing', () => {
		const seen = outcomes(evidence([], { items: [{ json: { error: 'refused' } }] }));
		expect(Object.values(seen).map(([outcome]) => outcome)).toEqual([
			'unchecked',
			'unchecked',
			'unchecked',
			'unchecked',
		]);
	});

	it('records no secret and no signed query string', () => {
		const body = {
			message: 'key k-123 is fine',
			data: {
				image: 'https://oss.example/a/b.png?x-oss-signature=abc&x-oss-date=1',
				note: 'see https://x.example/p?q=1 now',
			},
		};
		expect(scrub(body, ['k-123'])).toEqual({
			message: 'key <secret> is fine',
			data: { image: 'https://oss.example/a/b.png?…', note: 'see https://x.example/p?… now' },
		});
	});
});
