/** The node's test of the PicWish credential (named in the node's `credentials[].testedBy`). */
import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { checkApiKey } from '../transport/keyCheck';
import { watermarkApi } from './watermark/api';

export const CREDENTIAL_TEST = 'picWishApiTest';

export async function picWishApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	return await checkApiKey(
		async ({ url, headers, timeoutMs }) =>
			// A credential test is given only `request` (no httpRequest), in n8n 1.x and 2.x alike.
			// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
			(await this.helpers.request({
				method: 'GET',
				uri: url,
				headers,
				timeout: timeoutMs,
				resolveWithFullResponse: true,
				simple: false,
			})) as { statusCode: number; body: unknown },
		credential.data ?? {},
		watermarkApi.taskPath,
	);
}
