import type {
	IAuthenticateGeneric,
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import {
	API_KEY_HEADER,
	CREDENTIAL_TYPE,
	CREDITS_PATH,
	DEFAULT_BASE_URL,
	DEFAULT_REQUESTS_PER_SECOND,
} from '../nodes/PicWish/transport/constants';

/** What the credential test says for each status that refuses the key or proves nothing. */
const REFUSALS: Array<[number, string]> = [
	[401, 'PicWish rejected the API key (401): check it and that the service is enabled'],
	[403, 'PicWish refused the API key (403): check its access'],
	[
		404,
		'This host has no credits endpoint (404), so the key could not be checked: use https://techhk.aoscdn.com or https://techsz.aoscdn.com, or save a proxy address without testing',
	],
	[429, 'PicWish answered 429: the key is busy with other requests, test again in a moment'],
];

const NOT_PICWISH =
	'The Base URL did not answer like the PicWish API: use https://techhk.aoscdn.com or https://techsz.aoscdn.com';

/** A refusal as an HTTP status (n8n's request fails) and as the body's `status` of a 200 answer. */
type Rule = IAuthenticateRuleResponseCode | IAuthenticateRuleResponseSuccessBody;
const refusedBoth = ([value, message]: [number, string]): Rule[] => [
	{ type: 'responseCode', properties: { value, message } },
	{ type: 'responseSuccessBody', properties: { key: 'status', value, message } },
];

export class PicWishApi implements ICredentialType {
	name = CREDENTIAL_TYPE;

	displayName = 'PicWish API';

	icon: Icon = {
		light: 'file:../nodes/PicWish/picwish.svg',
		dark: 'file:../nodes/PicWish/picwish.dark.svg',
	};

	documentationUrl = 'https://picwish.com/watermark-remove-api-doc';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Your PicWish API key, from https://picwish.com/my-account?subRoute=api-key',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			required: true,
			hint: 'Global: https://techhk.aoscdn.com — Mainland China: https://techsz.aoscdn.com — or the http(s) address of a proxy or local sandbox',
			description: 'Address of the PicWish API',
		},
		{
			displayName: 'Requests Per Second',
			name: 'requestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0.1, maxValue: 100, numberPrecision: 1 },
			default: DEFAULT_REQUESTS_PER_SECOND,
			description:
				"Your key's QPS limit: 2 unless your PicWish plan raises it. All executions in this n8n process that use the key share this pace, so together they cause no 429; across processes (queue-mode workers) each adapts to the 429s it meets.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { [API_KEY_HEADER]: '={{$credentials.apiKey}}' },
		},
	};

	/**
	 * Proves the key with the account's credits (keyed, read-only, free): only PicWish's own 200
	 * passes. The status may come as HTTP status or only in the body's `status`, so each refusal
	 * is matched both ways; a 200 without a `status` field is not PicWish's answer. A host without
	 * the endpoint fails the test rather than pass a key nobody checked (docs/usage.md, The credential test).
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: CREDITS_PATH,
			method: 'GET',
		},
		// n8n runs both kinds of rule from one list (its type says one kind per list).
		rules: [
			...REFUSALS.flatMap(refusedBoth),
			{
				type: 'responseSuccessBody',
				properties: { key: 'status', value: undefined, message: NOT_PICWISH },
			},
		] as Rule[] as ICredentialTestRequest['rules'],
	};
}
