/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * `npm run dev`: the PicWish sandbox and a real n8n 2.x with this package built and loaded, a
 * credential "PicWish Sandbox" pointing at the sandbox, and the example workflows imported.
 * Works with no API key; for the real API add a second PicWish credential in the editor.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { startSandbox } from '../sandbox/server';
import { sampleImage } from '../sandbox/samples';
import {
	ensureHost,
	freePort,
	hostEnv,
	HOSTS,
	importCredentials,
	importWorkflow,
	installPackage,
	packPackage,
	ROOT,
	setupOwner,
	startN8n,
	stopProcess,
} from './host';

export const SANDBOX_PORT = 8930;
export const SANDBOX_KEY = 'sandbox-key';
export const EXAMPLES_DIR = '/tmp/picwish-examples';
const N8N_PORT = Number(process.env.N8N_PORT ?? 5678);
export const DEV_OWNER = { email: 'dev@example.com', password: 'PicWish-dev-1' };

/** The credential the examples use, pointing at a sandbox. */
export function sandboxCredential(baseUrl: string, requestsPerSecond = 2) {
	return [
		{
			id: 'picwish-sandbox',
			name: 'PicWish Sandbox',
			type: 'picWishApi',
			data: { apiKey: SANDBOX_KEY, baseUrl, requestsPerSecond },
		},
	];
}

/** Input images for the "folder of images" example, and scans for the invoices example. */
export function writeExampleInputs(dir = EXAMPLES_DIR): void {
	mkdirSync(join(dir, 'in'), { recursive: true });
	mkdirSync(join(dir, 'out'), { recursive: true });
	for (const name of [
		'summer-dress-800x1000.jpg',
		'poster-600x900.png',
		'logo-banner-1200x400.png',
	]) {
		writeFileSync(join(dir, 'in', name), sampleImage(name)!.bytes);
	}
	// Scans for the "scanned invoices to Excel" example.
	mkdirSync(join(dir, 'invoices'), { recursive: true });
	for (const name of ['invoice-17.pdf', 'invoice-18-640x900.png'])
		writeFileSync(join(dir, 'invoices', name), sampleImage(name)!.bytes);
}

export function exampleFiles(): string[] {
	const dir = join(ROOT, 'examples');
	return readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.map((name) => join(dir, name));
}

async function portIsFree(port: number): Promise<boolean> {
	const server = createServer();
	return await new Promise((resolveCheck) => {
		server.once('error', () => resolveCheck(false));
		server.listen(port, () => server.close(() => resolveCheck(true)));
	});
}

async function main(): Promise<void> {
	const host = HOSTS['2'];
	console.log(
		`[dev] n8n ${host.version} (installed once into ${host.n8nBin.replace(/\/node_modules.*/, '')})`,
	);
	ensureHost(host);

	const sandbox = await startSandbox({ port: SANDBOX_PORT, apiKeys: [SANDBOX_KEY] }).catch(
		(error: Error) => {
			throw new Error(
				`could not start the PicWish sandbox on port ${SANDBOX_PORT} (${error.message}); the examples point at that port. ` +
					'Is another `npm run dev` running? Stop it, or free the port.',
			);
		},
	);
	// n8n's editor port: 5678 unless taken (say, by another n8n), then any free one.
	const n8nPort = (await portIsFree(N8N_PORT)) ? N8N_PORT : await freePort();
	if (n8nPort !== N8N_PORT)
		console.log(`[dev] port ${N8N_PORT} is in use; n8n will listen on ${n8nPort}`);
	console.log(
		`[dev] PicWish sandbox on ${sandbox.url} (key "${SANDBOX_KEY}", QPS 2, 3 s per image)`,
	);

	console.log('[dev] building and packing n8n-nodes-picwish');
	const tarball = packPackage();
	const userFolder = join(ROOT, '.tmp/dev-n8n');
	installPackage(userFolder, tarball);

	const env = hostEnv(host, userFolder, {
		N8N_RESTRICT_FILE_ACCESS_TO: EXAMPLES_DIR,
		N8N_LOG_LEVEL: 'warn',
	});
	writeExampleInputs();
	const credentialsFile = join(ROOT, '.tmp/dev-credentials.json');
	writeFileSync(credentialsFile, JSON.stringify(sandboxCredential(sandbox.url)));
	await importCredentials(host, env, credentialsFile);
	for (const file of exampleFiles()) await importWorkflow(host, env, file);
	console.log(
		`[dev] imported the credential "PicWish Sandbox" and ${exampleFiles().length} example workflows`,
	);

	console.log('[dev] starting n8n (the first start migrates a new database for a minute or so)');
	const n8n = await startN8n(host, env, n8nPort);
	await setupOwner(n8nPort, DEV_OWNER);
	const first = JSON.parse(
		readFileSync(join(ROOT, 'examples/remove-watermark-files.json'), 'utf8'),
	) as { id: string };
	console.log('');
	console.log(
		`  n8n editor:   http://localhost:${n8nPort}   (sign in: ${DEV_OWNER.email} / ${DEV_OWNER.password})`,
	);
	console.log(
		`  try it:       http://localhost:${n8nPort}/workflow/${first.id}  → Execute workflow`,
	);
	console.log(
		`                reads ${EXAMPLES_DIR}/in, writes the cleaned images to ${EXAMPLES_DIR}/out`,
	);
	console.log(`  sandbox:      ${sandbox.url}   (requests so far: ${sandbox.url}/__sandbox/stats)`);
	console.log(
		'  real API key: add a second "PicWish API" credential in the editor; nothing else changes.',
	);
	console.log('  stop:         Ctrl+C');

	const stop = async () => {
		console.log('\n[dev] stopping');
		await stopProcess(n8n);
		await sandbox.close();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
	n8n.on('exit', (code) => {
		console.log(`[dev] n8n exited (${code})`);
		void sandbox.close().then(() => process.exit(code ?? 1));
	});
}

if (require.main === module || process.argv[1] === __filename) {
	main().catch((error: Error) => {
		console.error(`[dev] ${error.message}`);
		process.exit(1);
	});
}
