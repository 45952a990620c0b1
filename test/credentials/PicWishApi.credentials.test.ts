import { PicWishApi } from '../../credentials/PicWishApi.credentials';

describe('PicWish API credential', () => {
	const credential = new PicWishApi();

	it('keeps the names saved workflows depend on', () => {
		expect(credential.name).toBe('picWishApi');
		expect(credential.displayName).toBe('PicWish API');
		expect(credential.properties.map((p) => p.name)).toEqual([
			'apiKey',
			'baseUrl',
			'requestsPerSecond',
		]);
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

	it('tests the key with the credits endpoint: keyed, read-only, free, so no task is created or charged', () => {
		expect(credential.test.request).toEqual({
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/customers/package-credits',
			method: 'GET',
		});
	});

	it('fails on every refusal, whether PicWish sends it as the HTTP status or only in the body', () => {
		const rules = (credential.test.rules ?? []) as Array<{
			type: string;
			properties: { key?: string; value: unknown; message: string };
		}>;
		const refusals = (type: string) =>
			rules
				.filter((rule) => rule.type === type && rule.properties.value !== undefined)
				.map((rule) => rule.properties.value);
		expect(refusals('responseCode')).toEqual([401, 403, 404, 429]);
		expect(refusals('responseSuccessBody')).toEqual([401, 403, 404, 429]);
		expect(rules.find((rule) => rule.properties.value === 401)?.properties.message).toBe(
			'PicWish rejected the API key (401): check it and that the service is enabled',
		);
		// An answer whose body has no `status` (a web page, another API) is not PicWish's: it proves nothing.
		const notPicWish = rules.find(
			(rule) => rule.type === 'responseSuccessBody' && rule.properties.value === undefined,
		);
		expect(notPicWish?.properties).toMatchObject({
			key: 'status',
			message: expect.stringMatching(/did not answer like the PicWish API/),
		});
		expect('value' in (notPicWish?.properties ?? {})).toBe(true);
	});
});
