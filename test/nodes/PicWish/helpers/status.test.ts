import { describeStatus } from '../../../../nodes/PicWish/helpers/status';

describe('response status table', () => {
	it.each([
		[400, /invalid \(400\)/, /exactly one input/, false],
		[401, /API key \(401\)/, /credential/, false],
		[404, /task or endpoint \(404\)/, /task ID/, false],
		[413, /too large .*\(413\)/, /50 MB/, false],
		[429, /rate limit .*\(429\)/, /Requests Per Second/, true],
		[500, /internal error \(500\)/, /support/, false],
	])(
		'status %i: says what happened and what to do',
		(status, message, description, rateLimited) => {
			const info = describeStatus(status);
			expect(info.message).toMatch(message);
			expect(info.description).toMatch(description);
			expect(info.rateLimited).toBe(rateLimited);
		},
	);

	it('groups unknown statuses by class', () => {
		expect(describeStatus(502).message).toBe('PicWish is unavailable (502)');
		expect(describeStatus(418).message).toBe('PicWish answered with an unexpected status (418)');
		expect(describeStatus(418).description).toMatch(/Base URL/);
	});
});
