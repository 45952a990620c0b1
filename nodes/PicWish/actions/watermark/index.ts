/** Resource "Watermark": PicWish's Image Watermark Removal API (docs/picwish-api.md). */
import type { INodeProperties } from 'n8n-workflow';

import type { Resource } from '../shared/resource';
import { watermarkApi } from './api';
import * as createTask from './createTask.operation';
import * as getTask from './getTask.operation';
import * as removeWatermark from './removeWatermark.operation';

const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['watermark'] } },
	options: [
		{
			name: 'Create Task',
			value: 'createTask',
			action: 'Create a watermark removal task',
			description:
				'Start removing the watermark from an image and return the task ID at once (or wait, in synchronous mode)',
		},
		{
			name: 'Get Task',
			value: 'getTask',
			action: 'Get a watermark removal task',
			description: 'Get the state of a task by its ID, and its cleaned image once it is done',
		},
		{
			name: 'Remove Watermark',
			value: 'removeWatermark',
			action: 'Remove the watermark from an image',
			description:
				'Remove the watermark from an image (binary file or URL), wait for PicWish, and return the cleaned image',
		},
	],
	default: 'removeWatermark',
};

export const watermark: Resource = {
	name: 'Watermark',
	api: watermarkApi,
	operationProperty,
	operations: { removeWatermark, createTask, getTask },
};
