// n8n's community rule set: @n8n/eslint-plugin-community-nodes (recommended, the n8n Cloud rules)
// plus eslint-plugin-n8n-nodes-base's community, credentials and nodes sets, and no-console.
import tsParser from '@typescript-eslint/parser';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'docs/**', 'examples/**'] },
	{
		files: ['**/*.ts', 'package.json'],
		languageOptions: {
			parser: tsParser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		linterOptions: { reportUnusedDisableDirectives: 'error' },
	},
	n8nCommunityNodesPlugin.configs.recommended,
	{
		files: ['package.json'],
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'no-console': 'error',
			// Off as in n8n's own node-cli config: it wants a camelCase docs slug (n8n's internal docs),
			// while community-nodes/credential-documentation-url asks for a full URL, which we give.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'no-console': 'error',
			// Off as in n8n's own node-cli config: they demand the string 'main', which
			// community-nodes/node-connection-type-literal forbids in favour of NodeConnectionTypes.Main.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
];
