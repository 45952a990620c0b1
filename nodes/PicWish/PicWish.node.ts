import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { description as operationProperties } from './actions';
import { router } from './actions/router';

export class PicWish implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'PicWish',
		name: 'picWish',
		icon: { light: 'file:picwish.svg', dark: 'file:picwish.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ {"removeWatermark": "Remove Watermark", "createTask": "Create Task", "getTask": "Get Task"}[$parameter["operation"]] }}',
		description:
			"Remove watermarks from images with PicWish's AI: upload a binary image or pass a URL, get the cleaned image back",
		defaults: { name: 'PicWish' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'picWishApi', required: true }],
		properties: operationProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
