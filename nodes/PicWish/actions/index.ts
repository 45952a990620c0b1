import type { INodeProperties } from 'n8n-workflow';

import * as createTask from './createTask.operation';
import * as getTask from './getTask.operation';
import * as removeWatermark from './removeWatermark.operation';

export const operations = { removeWatermark, createTask, getTask };
export type Operation = keyof typeof operations;

export const description: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Watermark', value: 'watermark' }],
		default: 'watermark',
	},
	{
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
	},
	...removeWatermark.description,
	...createTask.description,
	...getTask.description,
];
