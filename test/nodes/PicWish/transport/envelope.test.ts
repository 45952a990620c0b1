import { answerStatus, bodySnippet } from '../../../../nodes/PicWish/transport/envelope';
import { api, TASK_PATH } from '../../../support/api';
import { useNock } from '../../../support/nock-lifecycle';
import { runPicWish } from '../../../support/workflow';

useNock();

describe('what an answer stands for', () => {
	it('goes by the HTTP status unless it is 200, then by the body status', () => {
		expect(answerStatus(429, { status: 200 })).toBe(429);
		expect(answerStatus(200, { status: 429 })).toBe(429);
		expect(answerStatus(200, { status: '200' })).toBe(200);
		expect(answerStatus(502, undefined)).toBe(502);
	});

	it('goes by the HTTP status when the body has no readable status (never NaN)', () => {
		expect(answerStatus(200, { data: {} })).toBe(200);
		expect(answerStatus(200, { status: null, data: {} })).toBe(200);
		expect(answerStatus(200, { status: 'ok', data: {} })).toBe(200);
	});

	it('a 200 answer without a status field is a success, not "unexpected status (NaN)"', async () => {
		api()
			.get(`${TASK_PATH}/t-1`)
			.reply(200, { data: { task_id: 't-1', state: 4, progress: 40 } });
		const result = await runPicWish({ parameters: { operation: 'getTask', taskId: 't-1' } });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ task_id: 't-1', stateName: 'Processing' });
	});

	it('shows a page that is not JSON as short plain text', () => {
		expect(bodySnippet('<html><body><h1>502 Bad Gateway</h1>\n<p>nginx</p></body></html>')).toBe(
			'502 Bad Gateway nginx',
		);
		expect(bodySnippet(Buffer.from('x'.repeat(300)))).toHaveLength(201);
	});
});
