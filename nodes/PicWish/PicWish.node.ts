import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { nodeProperties, nodeSubtitle, resources } from './actions';
import { router } from './actions/router';
import { CREDENTIAL_TYPE } from './transport/constants';

export class PicWish implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'PicWish',
		name: 'picWish',
		icon: { light: 'file:picwish.svg', dark: 'file:picwish.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: nodeSubtitle(),
		description:
			"PicWish's AI image APIs: remove watermarks, backgrounds and objects; enhance, colorize, compress, restore and expand images; make ID photos. Upload a binary image or pass a URL, get the result image back; check the account's credits",
		defaults: { name: 'PicWish' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: nodeProperties(),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// Read here, where n8n's verification rules look for it; the router keeps each item's pairing.
		return await router.call(this, resources, this.continueOnFail());
	}
}
