/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * Runs real workflows in-process through n8n-core's engine: a test source node that emits the
 * given items (with binary data) feeds the PicWish node, exactly as in n8n. HTTP is mocked with nock
 * by the tests. docs/testing.md explains the recipe this follows.
 */
import { Container } from '@n8n/di';
import {
	BinaryDataConfig,
	BinaryDataService,
	ExecutionLifecycleHooks,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ExecutionError,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	createRunExecutionData,
	ICredentialsHelper,
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
} from 'n8n-workflow';

import { PicWishApi } from '../../credentials/PicWishApi.credentials';
import { PicWish } from '../../nodes/PicWish/PicWish.node';

export const TEST_API_KEY = 'test-key-7f3a9c1e5b2d';
export const BASE_URL = 'https://techhk.aoscdn.com';

export interface InputItem {
	json?: IDataObject;
	binary?: Record<string, { data: Buffer; fileName?: string; mimeType?: string }>;
}

interface RunOptions {
	parameters: INodeParameters;
	items?: InputItem[];
	credentials?: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	/** Called with the running execution, e.g. to cancel it. */
	onStart?: (execution: { cancel: () => void }) => void;
	/** Called as each node starts and ends (the benchmark measures memory between them). */
	onNodeStart?: (nodeName: string) => void;
	onNodeEnd?: (nodeName: string) => void;
	/** The node under test, when not the PicWish node as published (a test that extends it). */
	nodeType?: INodeType;
	/** Its type name, when not the regular node's (the tool variant: `n8n-nodes-picwish.picWishTool`). */
	nodeTypeName?: string;
}

export interface RunResult {
	status: IRun['status'];
	items: INodeExecutionData[];
	error?: ExecutionError;
	run: IRun;
}

const credentialType = new PicWishApi();

/** Applies the credential's generic authenticate block, as n8n's CredentialsHelper does. */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: ICredentialDataDecryptedObject) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		if (typeName !== credentialType.name) throw new Error(`Unknown credential type ${typeName}`);
		const headers: IDataObject = { ...(requestOptions.headers ?? {}) };
		for (const [name, value] of Object.entries(
			credentialType.authenticate.properties.headers ?? {},
		)) {
			headers[name] = workflow.expression.getSimpleParameterValue(
				node,
				value as string,
				'internal',
				{ $credentials: credentials },
				undefined,
				value as string,
			) as string;
		}
		return { ...requestOptions, headers };
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used');
	}

	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		return { ...this.data };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties() {
		return credentialType.properties;
	}
}

/** A source node that emits the test's items, storing binaries through n8n's binary data service. */
function sourceNodeType(items: InputItem[]): INodeType {
	return {
		description: {
			displayName: 'Test Source',
			name: 'testSource',
			group: ['input'],
			version: 1,
			description: 'Emits test items',
			defaults: { name: 'Source' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			const out: INodeExecutionData[] = [];
			for (const item of items) {
				const entry: INodeExecutionData = { json: item.json ?? {} };
				if (item.binary) {
					entry.binary = {};
					for (const [name, file] of Object.entries(item.binary)) {
						entry.binary[name] = await this.helpers.prepareBinaryData(
							file.data,
							file.fileName,
							// Without a type n8n sniffs one through an ESM import jest cannot load.
							file.mimeType ?? 'application/octet-stream',
						);
						// As given, even empty: a Code node can set any name.
						if (file.fileName !== undefined) entry.binary[name].fileName = file.fileName;
					}
				}
				out.push(entry);
			}
			return [out];
		},
	};
}

/** Switches n8n's binary data store ('default' keeps it in memory, 'filesystem' writes files). */
export async function useBinaryMode(
	mode: 'default' | 'filesystem',
	storagePath?: string,
): Promise<void> {
	const config = Container.get(BinaryDataConfig);
	config.mode = mode;
	if (storagePath) config.localStoragePath = storagePath;
	await Container.get(BinaryDataService).init();
}

export async function binaryBuffer(item: INodeExecutionData, property = 'data'): Promise<Buffer> {
	const binary = item.binary?.[property];
	if (!binary) throw new Error(`no binary property "${property}"`);
	return await Container.get(BinaryDataService).getAsBuffer(binary);
}

/** Runs Source → PicWish with the given parameters and returns the PicWish node's output. */
export async function runPicWish(options: RunOptions): Promise<RunResult> {
	const items = options.items ?? [{ json: {} }];
	const picWish = options.nodeType ?? new PicWish();
	const typeName = options.nodeTypeName ?? 'n8n-nodes-picwish.picWish';
	const types: Record<string, INodeType> = {
		[typeName]: picWish,
		'test.source': sourceNodeType(items),
	};
	const nodeTypes: INodeTypes = {
		getByName: (name) => types[name],
		getByNameAndVersion: (name, version) => NodeHelpers.getVersionedNodeType(types[name], version),
		getKnownTypes: () => ({}),
	};

	const source: INode = {
		id: 'source',
		name: 'Source',
		type: 'test.source',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const node: INode = {
		id: 'picwish',
		name: 'PicWish',
		type: typeName,
		typeVersion: 1,
		position: [200, 0],
		parameters: options.parameters,
		credentials: { picWishApi: { id: '1', name: 'PicWish account' } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const workflow = new Workflow({
		id: 'wf-test',
		name: 'PicWish test',
		nodes: [source, node],
		connections: {
			Source: { main: [[{ node: 'PicWish', type: NodeConnectionTypes.Main, index: 0 }]] },
		},
		active: false,
		nodeTypes,
	});

	const mode: WorkflowExecuteMode = 'manual';
	const hooks = new ExecutionLifecycleHooks(mode, 'exec-1', {
		id: 'wf-test',
		name: 'PicWish test',
		active: false,
		isArchived: false,
		nodes: [source, node],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as never);
	let finished: IRun | undefined;
	hooks.addHandler('workflowExecuteAfter', (run) => {
		finished = run;
	});
	hooks.addHandler('nodeExecuteBefore', (nodeName) => options.onNodeStart?.(nodeName));
	hooks.addHandler('nodeExecuteAfter', (nodeName) => options.onNodeEnd?.(nodeName));

	const url = 'http://localhost:5678';
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper({
			apiKey: TEST_API_KEY,
			baseUrl: BASE_URL,
			requestsPerSecond: 100,
			...options.credentials,
		}),
		hooks,
		executionId: 'exec-1',
		currentNodeExecutionIndex: 0,
		restApiUrl: `${url}/rest`,
		instanceBaseUrl: url,
		formBaseUrl: `${url}/form`,
		formWaitingBaseUrl: `${url}/form-waiting`,
		formTestBaseUrl: `${url}/form-test`,
		webhookBaseUrl: `${url}/webhook`,
		webhookWaitingBaseUrl: `${url}/webhook-waiting`,
		webhookTestBaseUrl: `${url}/webhook-test`,
		mcpBaseUrl: `${url}/mcp`,
		mcpTestBaseUrl: `${url}/mcp-test`,
		variables: {},
		userId: 'user-1',
		logAiEvent: () => {},
		getRunExecutionData: async () => undefined,
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRuntimeCredential: async () => undefined,
		startRunnerTask: async () => {
			throw new Error('not used');
		},
	} as unknown as IWorkflowExecuteAdditionalData;

	const runData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: source, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});
	const execution = new WorkflowExecute(additionalData, mode, runData).processRunExecutionData(
		workflow,
	);
	options.onStart?.(execution);
	const returned = await execution;
	const run = finished ?? returned;
	const nodeRuns = run.data.resultData.runData.PicWish ?? [];
	const output = nodeRuns[0]?.data?.main?.[0] ?? [];
	return {
		status: run.status,
		items: output,
		error: run.data.resultData.error ?? nodeRuns[0]?.error,
		run,
	};
}

/** The node's tool variant, as n8n's convertNodeToAiTool makes it. */
export class PicWishTool extends PicWish {
	constructor() {
		super();
		this.description = {
			...this.description,
			name: `${this.description.name}Tool`,
			displayName: 'PicWish Tool',
			inputs: [],
			outputs: [],
		};
	}
}

export const TOOL_TYPE = 'n8n-nodes-picwish.picWishTool';
