import type {
	IAuthenticateGeneric,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import {
	API_KEY_HEADER,
	CREDENTIAL_TYPE,
	DEFAULT_BASE_URL,
	DEFAULT_REQUESTS_PER_SECOND,
} from '../nodes/PicWish/transport/constants';

export class PicWishApi implements ICredentialType {
	name = CREDENTIAL_TYPE;

	displayName = 'PicWish API';

	icon: Icon = { light: 'file:../nodes/PicWish/picwish.svg', dark: 'file:../nodes/PicWish/picwish.dark.svg' };

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

	// The test is the node's (PicWish.node.ts `testedBy`): it needs a second request on hosts
	// without the credits endpoint, which a declarative test cannot send (transport/keyCheck.ts).
}
