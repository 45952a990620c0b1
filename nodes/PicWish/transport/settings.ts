/** What the door needs to know from the credential: where the API is, the key, and the key's rate. */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseHttpUrl } from '../helpers/urls';
import { CREDENTIAL_TYPE, DEFAULT_BASE_URL, DEFAULT_REQUESTS_PER_SECOND } from './constants';

export interface ApiSettings {
	baseUrl: string;
	apiKey: string;
	requestsPerSecond: number;
	/** The API's name in advice ("check that the watermark removal service is enabled"). */
	service?: string;
}

/** Reads the PicWish credential: base URL (checked), key and rate. */
export async function readCredentials(ctx: IExecuteFunctions): Promise<ApiSettings> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	const configured = Number(credentials.requestsPerSecond ?? DEFAULT_REQUESTS_PER_SECOND);
	return {
		baseUrl: normalizeBaseUrl(ctx, credentials.baseUrl),
		apiKey: String(credentials.apiKey ?? ''),
		requestsPerSecond:
			Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_REQUESTS_PER_SECOND,
	};
}

/** The Base URL from the credential, checked, without a trailing slash; empty means the global host. */
function normalizeBaseUrl(ctx: IExecuteFunctions, value: unknown): string {
	const text = typeof value === 'string' && value.trim() ? value.trim() : DEFAULT_BASE_URL;
	const check = parseHttpUrl(text);
	if (!check.ok) {
		throw new NodeOperationError(
			ctx.getNode(),
			check.problem === 'invalid'
				? `The Base URL "${text}" in the PicWish credential is not a valid URL`
				: `The Base URL "${text}" in the PicWish credential must start with https:// or http://`,
			{
				description:
					check.problem === 'invalid'
						? 'Use https://techhk.aoscdn.com (global), https://techsz.aoscdn.com (mainland China), or the http(s) address of your proxy or sandbox.'
						: 'Use https://techhk.aoscdn.com (global) or https://techsz.aoscdn.com (mainland China).',
			},
		);
	}
	return check.url.href.replace(/\/+$/, '');
}
