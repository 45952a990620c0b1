/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * Runs the fault and bad-input matrix (reliability.cases.ts) through n8n's engine against a PicWish
 * double on a real socket, and keeps docs/reliability.md in step with it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { type INodeParameters, LoggerProxy } from 'n8n-workflow';

import { makePng } from '../../support/images';
import { refusedBaseUrl } from '../../support/local-server';
import { useRealNetwork } from '../../support/nock-lifecycle';
import { type Double, startDouble } from '../../support/picwish-double';
import { type InputItem, runPicWish, type RunResult, TEST_API_KEY } from '../../support/workflow';
import { cases, type MatrixCase } from './reliability.cases';

// The double is a real server: the whole file runs on Node's own sockets, without nock.
beforeAll(() => useRealNetwork());

const DOC = join(__dirname, '../../../docs/reliability.md');

/** Every line n8n logs while the matrix runs: the key must not be in any of them either. */
const logLines: string[] = [];
beforeAll(() => {
	const record = (level: string) => (message: string, meta?: object) =>
		logLines.push(`${level} ${message} ${JSON.stringify(meta ?? {})}`);
	LoggerProxy.init({
		error: record('error'),
		warn: record('warn'),
		info: record('info'),
		debug: record('debug'),
	} as never);
});

function good(index: number): InputItem {
	return {
		json: { inputType: 'binary', property: 'data', url: '', taskId: `task-good-${index}` },
		binary: {
			data: { data: makePng(30 + index, 30), fileName: `good-${index}.png`, mimeType: 'image/png' },
		},
	};
}

const faultyDefault: InputItem = {
	json: { inputType: 'binary', property: 'data', url: '', taskId: 'task-faulty' },
	binary: { data: { data: makePng(40, 30), fileName: 'faulty.png', mimeType: 'image/png' } },
};

function parameters(c: MatrixCase): INodeParameters {
	return c.operation === 'getTask'
		? { operation: 'getTask', taskId: '={{ $json.taskId }}', options: c.options ?? {} }
		: {
				operation: 'removeWatermark',
				inputType: '={{ $json.inputType }}',
				binaryPropertyName: '={{ $json.property }}',
				imageUrl: '={{ $json.url }}',
				options: c.options ?? {},
			};
}

async function run(c: MatrixCase, items: InputItem[], continueOnFail: boolean) {
	const double = await startDouble(c.route);
	const baseUrl = c.baseUrl === 'refused' ? await refusedBaseUrl() : (c.baseUrl ?? double.baseUrl);
	let canceled = false;
	try {
		const result = await runPicWish({
			parameters: parameters(c),
			items,
			credentials: { baseUrl },
			continueOnFail,
			onStart: c.cancel
				? (execution) => {
						const watch = setInterval(() => {
							if (c.cancel!(double)) {
								clearInterval(watch);
								canceled = true;
								execution.cancel();
							}
						}, 10);
					}
				: undefined,
		});
		return { result, double, canceled };
	} finally {
		await double.close();
	}
}

/** Everything a user could see of a run: items, error message, description, details, n8n's log. */
function expectNoKey(result: RunResult): void {
	const visible = JSON.stringify({
		items: result.items,
		error: result.error,
		details: JSON.stringify(result.error),
		log: logLines,
	});
	expect(visible).not.toContain(TEST_API_KEY);
}

function expectSucceeded(item: RunResult['items'][number], c: MatrixCase): void {
	expect(item.json.error).toBeUndefined();
	expect(item.json.taskStatus).toBe('completed');
	if ((c.options?.resultAs ?? 'binary') === 'binary')
		expect(item.binary?.data?.mimeType).toBe('image/png');
}

function checkOutcome(c: MatrixCase, double: Double, items: RunResult['items']): void {
	c.check?.(
		double,
		items.map((item) => item.json),
	);
}

const areas = [...new Set(cases.map((c) => c.area))];

describe('reliability matrix', () => {
	for (const area of areas) {
		describe(area, () => {
			for (const c of cases.filter((one) => one.area === area)) {
				it(
					c.name,
					async () => {
						if (c.scope === 'run') {
							const { result, double, canceled } = await run(c, [c.input ?? faultyDefault], false);
							if (c.cancel) {
								// What it was waiting for (a 60 s poll, a stalled download) outlasts the test's
								// timeout below: the run ends in time only because the cancel cut the wait short.
								expect(result.status).toBe('canceled');
								expect(canceled).toBe(true);
							} else if (c.error) {
								expect(result.status).toBe('error');
								expect(result.error?.message).toMatch(c.error.message);
								expect(result.error?.description).toMatch(c.error.description);
							}
							checkOutcome(c, double, result.items);
							expectNoKey(result);
							return;
						}

						// With continue-on-fail: item 1 carries its own cause, the others succeed, order and
						// pairing unchanged.
						const items = [good(0), c.input ?? faultyDefault, good(2)];
						const batch = await run(c, items, true);
						expect(batch.result.status).toBe('success');
						expect(batch.result.items.map((item) => item.pairedItem)).toEqual([
							{ item: 0 },
							{ item: 1 },
							{ item: 2 },
						]);
						expectSucceeded(batch.result.items[0], c);
						expectSucceeded(batch.result.items[2], c);
						if (c.error) {
							expect(batch.result.items[1].json.error).toMatch(c.error.message);
							expect(batch.result.items[1].json.description).toMatch(c.error.description);
						} else {
							expectSucceeded(batch.result.items[1], c);
						}
						checkOutcome(c, batch.double, batch.result.items);
						expectNoKey(batch.result);

						// Without it: the node fails with item 1's error and names the item.
						if (c.error) {
							const alone = await run(c, items, false);
							expect(alone.result.status).toBe('error');
							expect(alone.result.error?.message).toMatch(c.error.message);
							expect(alone.result.error?.message).toContain('[item 1]');
							expect(alone.result.error?.description).toMatch(c.error.description);
							expectNoKey(alone.result);
						}
					},
					c.cancel ? 30_000 : 60_000,
				);
			}
		});
	}
});

/** docs/reliability.md, rendered from the cases. */
function renderDoc(): string {
	const lines = [
		'# Reliability: the fault and bad-input matrix',
		'',
		`${cases.length} cases. Each row is a test in \`test/nodes/PicWish/reliability.test.ts\` (cases in \`reliability.cases.ts\`), run by \`npm test\` in CI; none is skipped.`,
		'',
		"How every row is checked: an **item** case runs a batch of three through n8n's engine, against a PicWish double on a real socket, where only item 1 meets the case. With continue-on-fail, item 1 carries its own `error` and `description` and items 0 and 2 succeed, in order, with their `pairedItem`; without it, the node fails with item 1's error, which names `[item 1]`. A **run** case (the host, cancellation) runs one item. In every case the API key appears in no output item, error message, description, error details or line n8n logs.",
		'',
	];
	for (const area of areas) {
		lines.push(
			`## ${area}`,
			'',
			'| Case | Scope | Expected behaviour | Test |',
			'| --- | --- | --- | --- |',
		);
		for (const c of cases.filter((one) => one.area === area)) {
			lines.push(
				`| ${c.name} | ${c.scope} | ${c.expected} | \`reliability matrix › ${area} › ${c.name}\` |`,
			);
		}
		lines.push('');
	}
	return lines.join('\n');
}

describe('docs/reliability.md', () => {
	it('lists every case of the matrix, as the tests run them', () => {
		const rendered = renderDoc();
		if (process.env.UPDATE_RELIABILITY_DOC) writeFileSync(DOC, rendered);
		expect(readFileSync(DOC, 'utf8')).toBe(rendered);
	});
});
