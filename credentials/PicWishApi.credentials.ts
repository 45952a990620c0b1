import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { watermarkApi } from '../nodes/PicWish/actions/watermark/api';
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

	// Queries a task ID that cannot exist: no task is created or charged. Every HTTP status is
	// accepted and the body's `status` decides (PicWish puts it in every answer): a right key gets
	// "not found", a wrong one 401. (n8n 1.x ignores an except-list here, so none is used.)
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: `${watermarkApi.taskPath}/n8n-credential-test`,
			method: 'GET',
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 401,
					message: 'PicWish rejected the API key (401): check it and that the service is enabled',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 403,
					message: 'PicWish refused the API key (403): check its access and your credits',
				},
			},
		],
	};
}
