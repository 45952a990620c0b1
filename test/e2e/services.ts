/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * Redis and PostgreSQL from Debian's packages, started on free ports in temp folders for one test
 * run and stopped by it (queue mode: n8n's job queue and its shared database).
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
	const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
		stdio: 'ignore',
	});
	await waitFor(() => {
		try {
			return execFileSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).trim() === 'PONG';
		} catch {
			return false;
		}
	}, 'redis-server');
	return {
		port,
		stop: async () => {
			await stopProcess(child);
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** A PostgreSQL cluster (trust auth on 127.0.0.1) with an empty database `n8n`. */
export async function startPostgres(): Promise<Service & { psql: (sql: string) => string }> {
	const port = await freePort();
	const dir = mkdtempSync(join(tmpdir(), 'picwish-postgres-'));
	// PostgreSQL refuses to run as root: its folder and process belong to the postgres user.
	const asPostgres = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
	if (asPostgres.length) {
		// The run's own temp folder (a test run's, test/support/temp-root.js, or the benchmark's,
		// test/bench/temp.ts) is private to root: let postgres through.
		for (const root of [process.env.PICWISH_TEST_TEMP, process.env.PICWISH_BENCH_TEMP]) if (root) chmodSync(root, 0o711);
		const { uid, gid } = { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) };
		chownSync(dir, uid, gid);
		chmodSync(dir, 0o700);
	}
	const run = (command: string, args: string[]) => execFileSync(asPostgres[0] ?? command, [...asPostgres.slice(1), ...(asPostgres.length ? [command] : []), ...args], { stdio: 'pipe' });
	run(join(PG_BIN, 'initdb'), ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync']);
	run(join(PG_BIN, 'pg_ctl'), [
		'-D', join(dir, 'data'), '-l', join(dir, 'log'), '-w', '-o',
		`-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`, 'start',
	]);
	const psql = (sql: string) =>
		execFileSync('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'n8n', '-At', '-c', sql], { encoding: 'utf8' });
	execFileSync('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-c', 'CREATE DATABASE n8n'], { stdio: 'pipe' });
	return {
		port,
		psql,
		stop: async () => {
			try {
				run(join(PG_BIN, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop']);
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		},
	};
}
