/** Resource "Account": the key's PicWish account (its credits). */
import type { INodeProperties } from 'n8n-workflow';

import type { ServiceApi } from '../../tasks/context';
import type { Resource } from '../shared/resource';
import { accountApi } from './api';
import * as getCredits from './getCredits.operation';

const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['account'] } },
	options: [
		{
			name: 'Get Credits',
			value: 'getCredits',
			action: 'Get the credits left on the account',
			description:
				'Get how many credits the API key has left and has used, with each credit package',
		},
	],
	default: 'getCredits',
};

export const account: Resource<ServiceApi> = {
	name: 'Account',
	api: accountApi,
	operationProperty,
	operations: { getCredits },
	resultNoun: 'the credits left and used, with each credit package',
	aliases: ['credits'],
};
