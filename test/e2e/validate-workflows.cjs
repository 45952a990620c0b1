// Checks example workflows against one installed n8n, with that n8n's own code (its n8n-workflow and
// n8n-nodes-base, run by its own Node.js), the way its editor judges a workflow before running it:
// every node type exists in the version the workflow names, every parameter resolves and has no
// issue (`NodeHelpers.getNodeParametersIssues`: missing required values, values not among the
// options), every credential is one the node takes, and every connection joins existing nodes.
// Nodes of this package are read from the installed package.
//
// node validate-workflows.cjs <n8n host node_modules> <installed package dir> <workflow.json>…
// Prints {"<file>": ["<problem>", …]} as JSON; an empty list means the workflow passed.
'use strict';
const { readFileSync } = require('node:fs');
const { basename, join } = require('node:path');

const [modulesDir, packageDir, ...files] = process.argv.slice(2);
const { NodeHelpers, Workflow } = require(join(modulesDir, 'n8n-workflow'));

/** Node type name → its module file, from a package's `n8n.nodes` list. */
function nodeFiles(packageRoot, prefix) {
	const { n8n } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'));
	const byName = new Map();
	for (const file of n8n.nodes)
		byName.set(`${prefix}.${basename(file, '.node.js').toLowerCase()}`, join(packageRoot, file));
	return byName;
}

const packageName = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).name;
const typeFiles = new Map([
	...nodeFiles(join(modulesDir, 'n8n-nodes-base'), 'n8n-nodes-base'),
	...nodeFiles(join(modulesDir, '@n8n/n8n-nodes-langchain'), '@n8n/n8n-nodes-langchain'),
	...nodeFiles(packageDir, packageName),
]);
const loaded = new Map();

/** Credential type names this n8n knows (lower case), from the packages' `n8n.credentials` lists. */
const credentialTypes = new Set(
	[
		join(modulesDir, 'n8n-nodes-base'),
		join(modulesDir, '@n8n/n8n-nodes-langchain'),
		packageDir,
	].flatMap((root) =>
		(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).n8n.credentials ?? []).map(
			(file) => basename(file, '.credentials.js').toLowerCase(),
		),
	),
);

/** n8n's own conversion of a node into its AI-tool variant (2.x: a function; 1.x: a loader method). */
function toToolDescription(description) {
	const item = { description: structuredClone(description) };
	try {
		require(join(modulesDir, 'n8n/dist/tool-generation/ai-tools.js')).convertNodeToAiTool(item);
	} catch {
		const { prototype } = require(
			join(modulesDir, 'n8n/dist/load-nodes-and-credentials.js'),
		).LoadNodesAndCredentials;
		prototype.convertNodeToAiTool.call(prototype, item);
	}
	return item.description;
}

/** The node type for a type name (a `…Tool` name: the tool variant n8n makes), or undefined. */
function nodeTypeFor(type) {
	const [prefix, name] = [
		type.slice(0, type.lastIndexOf('.')),
		type.slice(type.lastIndexOf('.') + 1),
	];
	const file = typeFiles.get(`${prefix}.${name.toLowerCase()}`);
	if (!file && name.endsWith('Tool')) {
		const base = nodeTypeFor(type.slice(0, -'Tool'.length));
		if (!base?.description?.usableAsTool) return undefined;
		if (!loaded.has(type)) loaded.set(type, { description: toToolDescription(base.description) });
		return loaded.get(type);
	}
	if (!file) return undefined;
	if (!loaded.has(file)) {
		const exported = require(file);
		const Class = Object.values(exported).find((value) => typeof value === 'function');
		loaded.set(file, new Class());
	}
	return loaded.get(file);
}

const nodeTypes = {
	getByName: (type) => nodeTypeFor(type),
	getByNameAndVersion: (type, version) => {
		const nodeType = nodeTypeFor(type);
		return nodeType && typeof nodeType.getNodeType === 'function'
			? nodeType.getNodeType(version)
			: nodeType;
	},
	getKnownTypes: () => ({}),
};

function versionsOf(nodeType) {
	if (nodeType.nodeVersions) return Object.keys(nodeType.nodeVersions).map(Number);
	const { version } = nodeType.description;
	return Array.isArray(version) ? version : [version];
}

const report = {};
for (const file of files) {
	const problems = [];
	const workflow = JSON.parse(readFileSync(file, 'utf8'));
	const names = new Set(workflow.nodes.map((node) => node.name));
	for (const node of workflow.nodes) {
		const nodeType = nodeTypeFor(node.type);
		if (!nodeType) {
			problems.push(`${node.name}: no node type "${node.type}" in this n8n`);
			continue;
		}
		if (!versionsOf(nodeType).includes(node.typeVersion)) {
			problems.push(
				`${node.name}: "${node.type}" has no version ${node.typeVersion} (it has ${versionsOf(nodeType).join(', ')})`,
			);
			continue;
		}
		const { description } = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const parameters = NodeHelpers.getNodeParameters(
			description.properties,
			node.parameters,
			true,
			false,
			node,
			description,
		);
		const issues = NodeHelpers.getNodeParametersIssues(
			description.properties,
			{ ...node, parameters },
			description,
		);
		for (const [parameter, messages] of Object.entries(issues?.parameters ?? {})) {
			problems.push(`${node.name}: parameter "${parameter}": ${messages.join('; ')}`);
		}
		const known = new Set((description.credentials ?? []).map((credential) => credential.name));
		// The HTTP Request node takes any of n8n's credential types as a "predefined credential type".
		if (parameters.authentication === 'predefinedCredentialType')
			known.add(parameters.nodeCredentialType);
		for (const credential of Object.keys(node.credentials ?? {})) {
			if (!known.has(credential))
				problems.push(
					`${node.name}: takes no credential "${credential}" (it takes ${[...known].join(', ') || 'none'})`,
				);
			if (!credentialTypes.has(credential.toLowerCase()))
				problems.push(`${node.name}: no credential type "${credential}" in this n8n`);
		}
		const required = (description.credentials ?? []).filter(
			(credential) =>
				credential.required &&
				NodeHelpers.displayParameter(parameters, credential, node, description),
		);
		for (const credential of required) {
			if (!node.credentials?.[credential.name])
				problems.push(`${node.name}: needs a "${credential.name}" credential`);
		}
	}
	for (const [from, outputs] of Object.entries(workflow.connections ?? {})) {
		if (!names.has(from)) problems.push(`connection from unknown node "${from}"`);
		for (const list of Object.values(outputs))
			for (const branch of list ?? [])
				for (const target of branch ?? [])
					if (!names.has(target.node))
						problems.push(`connection from "${from}" to unknown node "${target.node}"`);
	}
	try {
		new Workflow({
			nodes: workflow.nodes,
			connections: workflow.connections,
			active: false,
			nodeTypes,
			settings: workflow.settings,
		});
	} catch (error) {
		problems.push(`n8n's Workflow refused it: ${error.message}`);
	}
	report[basename(file)] = problems;
}
process.stdout.write(JSON.stringify(report));
