/**
 * Workflows for the end-to-end tests, as n8n saves them: a manual trigger, PicWish nodes with the
 * sandbox credential, Read/Write Files nodes, a fixed list of items, and their connections.
 */

export const CREDENTIALS = { picWishApi: { id: 'picwish-sandbox', name: 'PicWish Sandbox' } };
export const TRIGGER = 'When clicking ‘Execute workflow’';

export type WorkflowNode = Record<string, unknown> & { name: string };

export function trigger(): WorkflowNode {
	return {
		id: 'trigger',
		name: TRIGGER,
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
}

export function picWish(
	id: string,
	name: string,
	parameters: Record<string, unknown>,
	position: [number, number],
): WorkflowNode {
	return {
		id,
		name,
		type: 'n8n-nodes-picwish.picWish',
		typeVersion: 1,
		position,
		parameters,
		credentials: CREDENTIALS,
	};
}

export function readFiles(
	id: string,
	name: string,
	fileSelector: string,
	position: [number, number],
): WorkflowNode {
	return {
		id,
		name,
		type: 'n8n-nodes-base.readWriteFile',
		typeVersion: 1,
		position,
		parameters: { operation: 'read', fileSelector, options: {} },
	};
}

export function writeFile(
	id: string,
	name: string,
	folder: string,
	property: string,
	position: [number, number],
): WorkflowNode {
	return {
		id,
		name,
		type: 'n8n-nodes-base.readWriteFile',
		typeVersion: 1,
		position,
		parameters: {
			operation: 'write',
			fileName: `=${folder}/{{ $binary.${property}.fileName }}`,
			dataPropertyName: property,
			options: {},
		},
	};
}

/** `{{ $json.images }}` items from a fixed list of objects: a Set node (raw JSON) and a Split Out. */
export function itemsOf(list: unknown[]): { nodes: WorkflowNode[]; last: string } {
	return {
		nodes: [
			{
				id: 'list',
				name: 'Image List',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [220, 0],
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ images: list }), options: {} },
			},
			{
				id: 'split',
				name: 'One Item per Image',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [440, 0],
				parameters: { fieldToSplitOut: 'images', options: {} },
			},
		],
		last: 'One Item per Image',
	};
}

export type Connections = Record<
	string,
	{ main: Array<Array<{ node: string; type: 'main'; index: 0 }>> }
>;

export function connect(pairs: Array<[string, string]>): Connections {
	const connections: Connections = {};
	for (const [from, to] of pairs) {
		connections[from] ??= { main: [[]] };
		connections[from].main[0].push({ node: to, type: 'main', index: 0 });
	}
	return connections;
}

export function workflow(
	id: string,
	name: string,
	nodes: WorkflowNode[],
	pairs: Array<[string, string]>,
) {
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes,
		connections: connect(pairs),
	};
}
