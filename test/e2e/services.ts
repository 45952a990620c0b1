/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * Redis and PostgreSQL from Debian's packages, started on free ports in temp folders for one test
 * run and stopped by it (queue mode: n8n's job queue and its shared database). Which user runs
 * each, and where its files go: docs/testing.md, "Services".
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

import { freePort, stopProcess } from './host';

const PG_BIN = '/usr/lib/postgresql/15/bin';

export interface Service {
	port: number;
	stop: () => Promise<void>;
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (check()) return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`${what} did not start within ${timeoutMs / 1000} s`);
}

export async function startRedis(): Promise<Service> {
	const port = await freePort();
	const dir = mkdtempSync(join(tmpdir(), 'picwish-redis-'));
	const child = spawn(
		'redis-server',
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
		],
		{
			stdio: 'ignore',
		},
	);
	// A missing redis-server is an 'error' event: without a listener it would end the test process.
	let failed: Error | undefined;
	child.once('error', (error) => (failed = error));
	const notStarted = await waitFor(() => {
		if (failed)
			throw new Error(
				`redis-server could not start as user ${userInfo().username} (${failed.message}): run bash test/e2e/setup.sh, or apt-get install redis-server`,
			);
		try {
			return (
				execFileSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).trim() ===
				'PONG'
			);
		} catch {
			return false;
		}
	}, 'redis-server').then(
		() => undefined,
		(error: Error) => error,
	);
	if (notStarted) {
		await stopProcess(child);
		rmSync(dir, { recursive: true, force: true });
		throw notStarted;
	}
	return {
		port,
		stop: async () => {
			await stopProcess(child);
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** A system user a service runs as, when the invoking user is root. */
interface ServiceUser {
	name: string;
	uid: number;
	gid: number;
	home: string;
}

function systemUser(name: string, hint: string): ServiceUser {
	let entry = '';
	try {
		entry = execFileSync('getent', ['passwd', name], { encoding: 'utf8' });
	} catch {
		// No such user: said below.
	}
	if (!entry) throw new Error(`there is no user ${name} to run it as: ${hint}`);
	const [, , uid, gid, , home] = entry.trim().split(':');
	return { name, uid: Number(uid), gid: Number(gid), home };
}

/**
 * A private folder (0700) of `user`'s own, in the first place that user can reach: the run's temp
 * folder, else /tmp, else its home. The run's temp folder is private to the invoking user (always
 * under jest, and TMPDIR itself often is: libpam-tmpdir's /tmp/user/0, macOS's per-user folder),
 * and is left so: only the new folder is given away.
 */
function folderFor(user: ServiceUser, prefix: string): string {
	const tried: string[] = [];
	for (const base of new Set([tmpdir(), '/tmp', user.home])) {
		let dir: string | undefined;
		try {
			dir = mkdtempSync(join(base, prefix));
			chownSync(dir, user.uid, user.gid);
			chmodSync(dir, 0o700);
			// Reachable: the user can pass through every folder above it, and write in it.
			execFileSync(
				'runuser',
				['-u', user.name, '--', 'sh', '-c', 'cd "$1" && test -w .', 'sh', dir],
				{ cwd: '/', stdio: 'ignore' },
			);
			return dir;
		} catch {
			if (dir) rmSync(dir, { recursive: true, force: true });
			tried.push(base);
		}
	}
	throw new Error(
		`user ${user.name} cannot enter a folder of its own in any of ${tried.join(', ')}: let it through one of them, or run the tests as an ordinary user (PostgreSQL then runs as that user)`,
	);
}

/** First lines of what a failed command printed. */
function outputOf(error: unknown): string {
	const { stderr, stdout, message } = error as {
		stderr?: Buffer;
		stdout?: Buffer;
		message?: string;
	};
	const text = `${stderr?.toString() ?? ''}${stdout?.toString() ?? ''}`.trim() || String(message);
	return text.split('\n').slice(0, 20).join('\n');
}

/**
 * A PostgreSQL cluster (trust auth on 127.0.0.1) with an empty database `n8n`. It runs as the
 * invoking user, or as `postgres` when that is root (PostgreSQL refuses root), in a folder of that
 * user's own, which is also its working directory: initdb and postgres change back to the folder
 * they started in, and fail where that is a clone the user cannot enter.
 */
export async function startPostgres(): Promise<Service & { psql: (sql: string) => string }> {
	const setup = 'run bash test/e2e/setup.sh, or apt-get install postgresql';
	const asRoot = process.getuid?.() === 0;
	const who = asRoot ? 'user postgres (it refuses to run as root)' : `user ${userInfo().username}`;
	const fail = (reason: string, detail = '') =>
		new Error(`PostgreSQL could not start as ${who}: ${reason}${detail ? `\n${detail}` : ''}`);
	if (!existsSync(join(PG_BIN, 'postgres')))
		throw fail(`PostgreSQL 15 is not installed (no ${PG_BIN}/postgres): ${setup}`);
	let user: ServiceUser | undefined;
	let dir: string;
	try {
		user = asRoot ? systemUser('postgres', setup) : undefined;
		dir = user
			? folderFor(user, 'picwish-postgres-')
			: mkdtempSync(join(tmpdir(), 'picwish-postgres-'));
	} catch (error) {
		throw fail((error as Error).message);
	}
	const port = await freePort();
	const run = (command: string, args: string[]) =>
		execFileSync(
			user ? 'runuser' : command,
			user ? ['-u', user.name, '--', command, ...args] : args,
			{ cwd: dir, stdio: 'pipe' },
		);
	const data = join(dir, 'data');
	const log = join(dir, 'log');
	const stop = async () => {
		try {
			if (existsSync(join(data, 'postmaster.pid')))
				run(join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	};
	let step = `initdb in ${data}`;
	try {
		run(join(PG_BIN, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
		step = `starting it on port ${port} in ${dir}`;
		run(join(PG_BIN, 'pg_ctl'), [
			'-D',
			data,
			'-l',
			log,
			'-w',
			'-o',
			`-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`,
			'start',
		]);
		step = 'CREATE DATABASE n8n';
		execFileSync(
			'psql',
			[
				'-h',
				'127.0.0.1',
				'-p',
				String(port),
				'-U',
				'postgres',
				'-d',
				'postgres',
				'-c',
				'CREATE DATABASE n8n',
			],
			{ stdio: 'pipe' },
		);
	} catch (error) {
		// The folder goes with the failed start: keep what its log said.
		const logTail = existsSync(log)
			? readFileSync(log, 'utf8').trim().split('\n').slice(-10).join('\n')
			: '';
		await stop().catch(() => {});
		throw fail(
			`${step} failed (output below)`,
			[outputOf(error), logTail].filter(Boolean).join('\n'),
		);
	}
	const psql = (sql: string) =>
		execFileSync(
			'psql',
			['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'n8n', '-At', '-c', sql],
			{ encoding: 'utf8' },
		);
	return { port, psql, stop };
}
