import { PicWishApi } from '../../credentials/PicWishApi.credentials';

describe('PicWish API credential', () => {
	const credential = new PicWishApi();

	it('keeps the names saved workflows depend on', () => {
		expect(credential.name).toBe('picWishApi');
		expect(credential.displayName).toBe('PicWish API');
		expect(credential.properties.map((p) => p.name)).toEqual(['apiKey', 'baseUrl', 'requestsPerSecond']);
	});

	it('hides the API key and defaults to the global host and 2 requests per second', () => {
		const [apiKey, baseUrl, rate] = credential.properties;
		expect(apiKey.typeOptions?.password).toBe(true);
		expect(baseUrl.default).toBe('https://techhk.aoscdn.com');
		expect(baseUrl.hint).toContain('https://techsz.aoscdn.com');
		expect(rate.default).toBe(2);
	});

	it('sends the key as the X-API-KEY header', () => {
		expect(credential.authenticate).toEqual({
			type: 'generic',
			properties: { headers: { 'X-API-KEY': '={{$credentials.apiKey}}' } },
		});
	});

	it("tests the key with a query that creates no task, failing on the body's 401 or 403", () => {
		expect(credential.test.request).toMatchObject({
			method: 'GET',
			url: '/api/tasks/visual/external/watermark-remove/n8n-credential-test',
			ignoreHttpStatusErrors: true,
		});
		expect(credential.test.rules?.map((rule) => [rule.type, 'key' in rule.properties && rule.properties.key, rule.properties.value])).toEqual([
			['responseSuccessBody', 'status', 401],
			['responseSuccessBody', 'status', 403],
		]);
	});
});
