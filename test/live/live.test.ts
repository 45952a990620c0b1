/* eslint-disable @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * `npm run test:live` against the sandbox, in-process: it runs every task API of the registry once,
 * finds no contradiction, writes its report without the key or signed URLs, and stops before any
 * task when the balance is short. Without a key it sends nothing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SANDBOX_KEY } from '../e2e/dev';
import { type Sandbox, startSandbox } from '../sandbox/server';
import { useRealNetwork } from '../support/nock-lifecycle';
import type { LiveReport } from './report';
import { main, taskResources, USAGE } from './live';

let sandbox: Sandbox;
let reportDir: string;
beforeAll(async () => {
	// The sandbox is a real server: this file runs on Node's own sockets, without nock.
	useRealNetwork();
	sandbox = await startSandbox({ apiKeys: [SANDBOX_KEY], qps: 2, processingMs: 100, credits: 100 });
});
afterAll(async () => await sandbox.close());
beforeEach(() => {
	sandbox.reset();
	reportDir = mkdtempSync(join(tmpdir(), 'picwish-live-report-'));
});
afterEach(() => rmSync(reportDir, { recursive: true, force: true }));

const env = (extra: Record<string, string> = {}) => ({
	PICWISH_BASE_URL: sandbox.url,
	PICWISH_LIVE_REPORT_DIR: reportDir,
	...extra,
});

async function live(extra: Record<string, string>) {
	const lines: string[] = [];
	const code = await main(env(extra), { log: (line) => lines.push(line) });
	return { code, output: lines.join('\n') };
}

describe('npm run test:live', () => {
	it('without PICWISH_API_KEY: says what it does and how to give the key, sends nothing, exits 0', async () => {
		const { code, output } = await live({ PICWISH_API_KEY: '  ' });
		expect(code).toBe(0);
		expect(output).toBe(USAGE);
		expect(output).toContain('PICWISH_API_KEY=');
		expect(sandbox.stats.requests).toBe(0);
	});

	it('against the sandbox: runs every task API of the registry once, confirms what it can, contradicts nothing, reports without the key', async () => {
		const { code, output } = await live({ PICWISH_API_KEY: SANDBOX_KEY });
		expect(output).toMatch(/Will spend at most \d+ credits; balance 100\./);
		expect(code).toBe(0);

		const report = JSON.parse(
			readFileSync(join(reportDir, 'live-report.json'), 'utf8'),
		) as LiveReport;
		const markdown = readFileSync(join(reportDir, 'live-report.md'), 'utf8');
		const { tasks, skipped } = taskResources();
		expect(report.resources.map((resource) => resource.resource)).toEqual(
			tasks.map((task) => task.value),
		);
		expect(skipped.map((entry) => entry.resource)).toEqual(['account']);
		for (const resource of report.resources) {
			expect(resource).toMatchObject({ ran: true, state: 1 });
			const outcomes = Object.fromEntries(resource.facts.map((fact) => [fact.fact, fact.outcome]));
			// Every task succeeds in the sandbox: its query path, results and price are all checked.
			expect(outcomes).toMatchObject({
				queryPath: 'confirmed',
				results: 'confirmed',
				price: 'confirmed',
			});
			expect(Object.values(outcomes)).not.toContain('contradicted');
			expect(resource.facts.map((fact) => fact.weight)).toEqual(
				Object.values(tasks.find((task) => task.value === resource.resource)!.api.facts),
			);
		}
		expect(report.counts.contradicted).toBe(0);
		// One task per API, each polled; the credits the report counts are the sandbox's own.
		expect(sandbox.stats.creates).toBe(tasks.length);
		expect(sandbox.stats.queries).toBeGreaterThanOrEqual(tasks.length);
		expect(report.creditsBefore - report.creditsAfter!).toBe(sandbox.credits(SANDBOX_KEY).used);
		expect(report.budget).toBeGreaterThanOrEqual(sandbox.credits(SANDBOX_KEY).used);
		expect(output).toContain(
			`Credits: 100 before, ${100 - sandbox.credits(SANDBOX_KEY).used} after.`,
		);
		expect(markdown).toContain('| Resource | Fact | Weight | Outcome | Seen |');
		for (const text of [JSON.stringify(report), markdown, output]) {
			expect(text).not.toContain(SANDBOX_KEY);
			expect(text).not.toMatch(/x-oss-|Signature=|Expires=/i);
		}
		// The result URLs are there, without their query strings.
		expect(JSON.stringify(report)).toMatch(/\/results\/[0-9a-f-]+\.(jpg|png)\?…/);
	}, 180_000);

	it('stops before any task, exit 1, when the balance is below the most the run may spend', async () => {
		const poor = await startSandbox({ apiKeys: [SANDBOX_KEY], processingMs: 100, credits: 3 });
		try {
			const lines: string[] = [];
			const code = await main(
				{
					PICWISH_API_KEY: SANDBOX_KEY,
					PICWISH_BASE_URL: poor.url,
					PICWISH_LIVE_REPORT_DIR: reportDir,
				},
				{ log: (line) => lines.push(line) },
			);
			expect(code).toBe(1);
			expect(lines.join('\n')).toMatch(
				/Not enough credits: \d+ needed, 3 left\. Stopped before any task/,
			);
			expect(poor.stats).toMatchObject({ creates: 0, creditChecks: 1 });
		} finally {
			await poor.close();
		}
	});
});
