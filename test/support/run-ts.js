// Runs a TypeScript dev script (sandbox, e2e, bench) with plain node: each .ts file is
// transpiled on require by the project's own TypeScript. No type checking here; `npm test` does it.
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

// Node resolves an extensionless path by trying extensions in registration order; .ts must come
// before .json, or "PicWish.node" would load the codex file PicWish.node.json.
const later = ['.json', '.node'].map((extension) => [extension, require.extensions[extension]]);
for (const [extension] of later) delete require.extensions[extension];

require.extensions['.ts'] = (module, filename) => {
	const source = fs.readFileSync(filename, 'utf8');
	const { outputText } = ts.transpileModule(source, {
		fileName: filename,
		compilerOptions: {
			module: ts.ModuleKind.CommonJS,
			target: ts.ScriptTarget.ES2022,
			esModuleInterop: true,
			sourceMap: false,
			inlineSourceMap: true,
		},
	});
	module._compile(outputText, filename);
};
for (const [extension, loader] of later) require.extensions[extension] = loader;

const [script, ...args] = process.argv.slice(2);
if (!script) {
	console.error('usage: node test/support/run-ts.js <script.ts> [args…]');
	process.exit(2);
}
process.argv = [process.argv[0], path.resolve(script), ...args];
require(path.resolve(script));
