import { PicWish } from '../../nodes/PicWish/PicWish.node';
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

	it("leaves its test to the node, which can send the second request a declarative test cannot", () => {
		// n8n runs a credential's own `test` in preference to the node's: it must not have one.
		expect('test' in credential).toBe(false);
		const [usage] = new PicWish().description.credentials ?? [];
		expect(usage).toMatchObject({ name: 'picWishApi', testedBy: 'picWishApiTest' });
		expect(typeof new PicWish().methods.credentialTest.picWishApiTest).toBe('function');
	});
});
